using System.Text.Json;
using Scipion.Core.Results;
using Scipion.Synthetic;
using Scipion.Testing;

namespace Scipion.Api.Tests;

/// <summary>
/// A host killed the hard way mid-step, then started again on the same storage and work root. One definition, run once
/// per compute backend (<see cref="RestartTestsOnLocal"/>, <see cref="RestartTestsOnSlurm"/>); each says what became of
/// the step the kill interrupted.
/// </summary>
public abstract class RestartTests(LocalHostFixture fixture)
{
    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(8);

    /// <summary>Checks the interrupted step was finished in the way this backend should, given the run before and after the kill.</summary>
    protected abstract Task AssertTheInterruptedStepFinishedAsync(JsonElement step, JsonElement stepAfter, DateTimeOffset killedAt);

    [Fact]
    public async Task A_run_whose_host_is_killed_mid_step_resumes_on_a_new_host_without_repeating_completed_steps()
    {
        await using var azurite = await Azurite.StartAsync();
        var key = LocalHostProcess.NewSigningKey();
        var work = Directory.CreateTempSubdirectory("restart-work-").FullName;
        var hub = "restart" + Guid.NewGuid().ToString("N")[..8];
        string[] compute = [.. fixture.ComputeSettings(work)];
        var first = await LocalHostProcess.StartAsync(azurite, key, work, hub, compute);
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

        await using var second = await LocalHostProcess.StartAsync(azurite, key, work, hub, compute);
        var resumed = new ApiClient(second.BaseAddress, key);
        var run = await Runs.WaitAsync(resumed, alice, id, runId, Runs.IsFinished, Limit);

        Assert.True(run.GetProperty("status").GetString() == "Completed", $"{run}\n--- second host ---\n{second.Output}");
        var importAfter = Step(run, "import");
        Assert.Equal(import.GetProperty("startedAt").GetDateTimeOffset(), importAfter.GetProperty("startedAt").GetDateTimeOffset());
        Assert.Equal(import.GetProperty("finishedAt").GetDateTimeOffset(), importAfter.GetProperty("finishedAt").GetDateTimeOffset());
        Assert.All(run.GetProperty("steps").EnumerateArray(), step => Assert.Equal(fixture.Backend, step.GetProperty("backend").GetString()));
        await AssertTheInterruptedStepFinishedAsync(Step(midway, "motion-correction"), Step(run, "motion-correction"), killedAt);
        Assert.Equal(2, run.GetProperty("steps").GetArrayLength());

        var downloaded = await Runs.DownloadAllAsync(resumed, alice, id, Runs.Outputs(run).Where(o => o.EndsWith(".star", StringComparison.Ordinal)));

        var result = MotionCorrectionResult.Read(downloaded, $"Runs/{runId}/MotionCorr/job001/corrected_micrographs.star");
        Assert.Equal(3, result.Movies.Count);
        Assert.All(result.Movies, m => Assert.True(DriftError.RmsPixels(m, truths[m.Movie]) < 0.5, m.Movie));
    }

    private static JsonElement Step(JsonElement run, string name) =>
        run.GetProperty("steps").EnumerateArray().FirstOrDefault(s => s.GetProperty("name").GetString() == name) is { ValueKind: JsonValueKind.Object } step
            ? step
            : JsonDocument.Parse($"{{\"name\":\"{name}\",\"status\":\"Absent\"}}").RootElement;
}

/// <summary>Local jobs are processes of the host, so they die with it: the new host runs the step again.</summary>
[Collection(LocalHostCollection.Name)]
public sealed class RestartTestsOnLocal(LocalHostFixture fixture) : RestartTests(fixture)
{
    protected override Task AssertTheInterruptedStepFinishedAsync(JsonElement step, JsonElement stepAfter, DateTimeOffset killedAt)
    {
        var firstAttempt = step.GetProperty("startedAt").GetDateTimeOffset();
        var secondAttempt = stepAfter.GetProperty("startedAt").GetDateTimeOffset();
        Assert.True(secondAttempt > firstAttempt && secondAttempt > killedAt.AddSeconds(-0.2),
            $"motion correction was interrupted at {killedAt:O}, so it must have started again on the second host (first {firstAttempt:O}, then {secondAttempt:O})");
        return Task.CompletedTask;
    }
}

/// <summary>
/// A Slurm job outlives the host that submitted it: the new host must find that job (by its record in the job folder, or
/// by name) and follow it to the end, never submit the step a second time.
/// </summary>
[Collection(SlurmHostCollection.Name)]
public sealed class RestartTestsOnSlurm : RestartTests
{
    private readonly Slurm _slurm;

    public RestartTestsOnSlurm(SlurmHostFixture fixture)
        : base(fixture) => _slurm = fixture.Slurm;

    protected override async Task AssertTheInterruptedStepFinishedAsync(JsonElement step, JsonElement stepAfter, DateTimeOffset killedAt)
    {
        var jobs = await _slurm.JobsNamedAsync(step.GetProperty("jobId").GetString()!);
        var job = Assert.Single(jobs);
        Assert.Contains("JobState=COMPLETED", job, StringComparison.Ordinal);
        Assert.Equal(step.GetProperty("startedAt").GetDateTimeOffset(), stepAfter.GetProperty("startedAt").GetDateTimeOffset());
    }
}
