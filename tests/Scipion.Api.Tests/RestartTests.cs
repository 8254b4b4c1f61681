using System.Text.Json;
using Scipion.Core.Results;
using Scipion.Synthetic;
using Scipion.Testing;

namespace Scipion.Api.Tests;

[Collection(LocalHostCollection.Name)]
public sealed class RestartTests
{
    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(8);

    [Fact]
    public async Task A_run_whose_host_is_killed_mid_step_resumes_on_a_new_host_without_repeating_completed_steps()
    {
        await using var azurite = await Azurite.StartAsync();
        var key = LocalHostProcess.NewSigningKey();
        var work = Directory.CreateTempSubdirectory("restart-work-").FullName;
        var hub = "restart" + Guid.NewGuid().ToString("N")[..8];
        var first = await LocalHostProcess.StartAsync(azurite, key, work, hub);
        var api = new ApiClient(first.BaseAddress, key);
        var alice = ApiClient.NewUser("alice");
        var id = (await api.CreateProjectAsync(alice)).GetProperty("id").GetString()!;
        var truths = new Dictionary<string, DriftTruth>();
        var movies = Directory.CreateTempSubdirectory("restart-movies-").FullName;
        for (var i = 1; i <= 3; i++)
        {
            var name = $"Movies/m{i}.mrcs";
            var file = Path.Combine(movies, $"m{i}.mrcs");
            truths[name] = new SyntheticMovie { Seed = 10 + i, Size = 384, Frames = 24 }.Write(file);
            await Uploads.PutAsync(await api.StartUploadAsync(alice, id, name, new FileInfo(file).Length), await File.ReadAllBytesAsync(file));
        }

        var runId = await Runs.StartAsync(api, alice, id, new
        {
            tool = "movie-alignment",
            inputs = new { movies = "Movies/*.mrcs" },
            parameters = new { pixelSize = 1.0, patches = new[] { 5, 5 } },
        });
        var midway = await Runs.WaitAsync(api, alice, id, runId, r => Step(r, "motion-correction").GetProperty("status").GetString() == "Running" || Runs.IsFinished(r), Limit);
        await first.KillAsync();
        var killedAt = DateTimeOffset.UtcNow;
        Assert.True(midway.GetProperty("status").GetString() == "Running", $"the run ended before the kill: {midway}");
        var import = Step(midway, "import");
        Assert.Equal("Completed", import.GetProperty("status").GetString());

        await using var second = await LocalHostProcess.StartAsync(azurite, key, work, hub);
        var resumed = new ApiClient(second.BaseAddress, key);
        var run = await Runs.WaitAsync(resumed, alice, id, runId, Runs.IsFinished, Limit);

        Assert.True(run.GetProperty("status").GetString() == "Completed", $"{run}\n--- second host ---\n{second.Output}");
        var importAfter = Step(run, "import");
        Assert.Equal(import.GetProperty("startedAt").GetDateTimeOffset(), importAfter.GetProperty("startedAt").GetDateTimeOffset());
        Assert.Equal(import.GetProperty("finishedAt").GetDateTimeOffset(), importAfter.GetProperty("finishedAt").GetDateTimeOffset());
        var firstAttempt = Step(midway, "motion-correction").GetProperty("startedAt").GetDateTimeOffset();
        var secondAttempt = Step(run, "motion-correction").GetProperty("startedAt").GetDateTimeOffset();
        Assert.True(secondAttempt > firstAttempt && secondAttempt > killedAt.AddSeconds(-0.2),
            $"motion correction was interrupted at {killedAt:O}, so it must have started again on the second host (first {firstAttempt:O}, then {secondAttempt:O})");
        Assert.Equal(2, run.GetProperty("steps").GetArrayLength());

        var downloaded = Directory.CreateTempSubdirectory("restart-outputs-").FullName;
        foreach (var output in Runs.Outputs(run).Where(o => o.EndsWith(".star", StringComparison.Ordinal)))
        {
            var target = Path.Combine(downloaded, output);
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            await File.WriteAllBytesAsync(target, await Runs.DownloadAsync(resumed, alice, id, output));
        }

        var result = MotionCorrectionResult.Read(downloaded, $"Runs/{runId}/MotionCorr/job001/corrected_micrographs.star");
        Assert.Equal(3, result.Movies.Count);
        Assert.All(result.Movies, m => Assert.True(DriftError.RmsPixels(m, truths[m.Movie]) < 0.5, m.Movie));
    }

    private static JsonElement Step(JsonElement run, string name) =>
        run.GetProperty("steps").EnumerateArray().FirstOrDefault(s => s.GetProperty("name").GetString() == name) is { ValueKind: JsonValueKind.Object } step
            ? step
            : JsonDocument.Parse($"{{\"name\":\"{name}\",\"status\":\"Absent\"}}").RootElement;
}
