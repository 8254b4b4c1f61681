using System.Text.Json;
using Scipion.Synthetic;
using Scipion.Testing;

namespace Scipion.Bench.Workflows;

/// <summary>
/// Upload completion to job start for a streaming pipeline: each movie is uploaded once the previous one is
/// aligned, and the latency is from the end of its PUT to the start of its import job as the run reports it.
/// Locally the event path is the local host's blob watcher (LocalHost:BlobEventPollInterval) → queue → function →
/// orchestration event → activities; in Azure Event Grid replaces the watcher.
/// </summary>
public static class EventLatency
{
    private const string BlobPoll = "00:00:00.250";

    public static async Task RunAsync(Azurite azurite, BenchOptions options)
    {
        await using var host = await LocalHostInstance.StartAsync(azurite, "Development",
            $"--Workflows:PollInterval={AlignmentOverhead.PollInterval}", $"--LocalHost:BlobEventPollInterval={BlobPoll}",
            "--LocalHost:QueuePollInterval=00:00:00.100", "--Logging:LogLevel:Default=Warning");
        var api = new ApiClient(host);
        var user = ApiClient.NewUser("bench");
        var projectId = (await api.CreateProjectAsync(user)).GetProperty("id").GetString()!;
        var runId = await Runs.StartAsync(api, user, projectId, new
        {
            tool = "pipeline",
            inputs = new { movies = "Movies/*.mrcs" },
            parameters = new { pixelSize = 1.0, patches = new[] { 1, 1 }, streaming = true },
        });
        await Runs.WaitAsync(api, user, projectId, runId, r => r.GetProperty("status").GetString() == "Running", TimeSpan.FromMinutes(2));

        var scratch = Directory.CreateTempSubdirectory("bench-stream-").FullName;
        var latencies = new List<double>();
        for (var k = 1; k <= options.Movies; k++)
        {
            var file = Path.Combine(scratch, $"s{k:D4}.mrcs");
            new SyntheticMovie { Seed = k, Size = 128, Frames = 8, BlobCount = 100 }.Write(file);
            var grant = await api.StartUploadAsync(user, projectId, $"Movies/s{k:D4}.mrcs");
            await Uploads.PutAsync(grant, await File.ReadAllBytesAsync(file));
            var uploadedAt = DateTimeOffset.UtcNow;
            var run = await Runs.WaitAsync(api, user, projectId, runId, r => Step(r, $"motion-correction #{k}") is { } s && s.GetProperty("status").GetString() == "Completed" || Runs.IsFinished(r),
                TimeSpan.FromMinutes(5), TimeSpan.FromMilliseconds(50));
            var import = Step(run, $"import #{k}") ?? throw new InvalidOperationException($"movie {k}: no import step: {run}");
            latencies.Add((import.GetProperty("startedAt").GetDateTimeOffset() - uploadedAt).TotalSeconds);
        }

        using (await api.SendAsync(user, HttpMethod.Post, $"api/projects/{projectId}/runs/{runId}/cancel"))
        {
            await Runs.WaitAsync(api, user, projectId, runId, Runs.IsFinished, TimeSpan.FromMinutes(2));
        }

        Console.WriteLine($"upload-completion event to job start, streaming pipeline, {options.Movies} movies one after another (blob watcher poll {BlobPoll}):");
        Console.WriteLine($"  p50 {Stats.Percentile(latencies, 50):0.000} s, p99 {Stats.Percentile(latencies, 99):0.000} s, max {latencies.Max():0.000} s");
    }

    private static JsonElement? Step(JsonElement run, string name) =>
        run.GetProperty("steps").EnumerateArray().Where(s => s.GetProperty("name").GetString() == name).Select(s => (JsonElement?)s).FirstOrDefault();
}
