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
    private const int ParallelBatches = 4;

    public static async Task RunAsync(Azurite azurite, BenchOptions options)
    {
        await using var host = await LocalHostInstance.StartAsync(azurite, "Development",
            $"--Workflows:PollInterval={AlignmentOverhead.PollInterval}", $"--LocalHost:BlobEventPollInterval={BlobPoll}",
            "--LocalHost:QueuePollInterval=00:00:00.100", $"--Workflows:ParallelStreamingBatches={ParallelBatches}", "--Logging:LogLevel:Default=Warning");
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
            var uploadedAt = await UploadAsync(api, user, projectId, scratch, $"s{k:D4}");
            var run = await Runs.WaitAsync(api, user, projectId, runId, r => Aligned(r, $"s{k:D4}") || Runs.IsFinished(r),
                TimeSpan.FromMinutes(5), TimeSpan.FromMilliseconds(50));
            latencies.Add((ImportStart(run, $"s{k:D4}") - uploadedAt).TotalSeconds);
        }

        Console.WriteLine($"upload-completion event to job start, streaming pipeline, {options.Movies} movies one after another (blob watcher poll {BlobPoll}):");
        Console.WriteLine($"  p50 {Stats.Percentile(latencies, 50):0.000} s, p99 {Stats.Percentile(latencies, 99):0.000} s, max {latencies.Max():0.000} s");

        // The same number of movies again, uploaded back to back as a microscope dumping a backlog would: each
        // movie's latency now includes waiting for a free slot (Workflows:ParallelStreamingBatches).
        var burst = new Dictionary<string, DateTimeOffset>();
        var burstClock = System.Diagnostics.Stopwatch.StartNew();
        for (var k = 1; k <= options.Movies; k++)
        {
            burst[$"b{k:D4}"] = await UploadAsync(api, user, projectId, scratch, $"b{k:D4}");
        }

        var done = await Runs.WaitAsync(api, user, projectId, runId, r => burst.Keys.All(m => Aligned(r, m)) || Runs.IsFinished(r),
            TimeSpan.FromMinutes(30), TimeSpan.FromMilliseconds(200));
        var burstSeconds = burstClock.Elapsed.TotalSeconds;
        var burstLatencies = burst.Select(b => (ImportStart(done, b.Key) - b.Value).TotalSeconds).ToList();

        using (await api.SendAsync(user, HttpMethod.Post, $"api/projects/{projectId}/runs/{runId}/cancel"))
        {
            await Runs.WaitAsync(api, user, projectId, runId, Runs.IsFinished, TimeSpan.FromMinutes(2));
        }

        Console.WriteLine($"the same, {options.Movies} movies uploaded back to back (fanned out, {ParallelBatches} side by side):");
        Console.WriteLine($"  p50 {Stats.Percentile(burstLatencies, 50):0.000} s, p99 {Stats.Percentile(burstLatencies, 99):0.000} s; all aligned in {burstSeconds:0.0} s ({options.Movies / burstSeconds * 60:0.0} movies/min)");
    }

    private static async Task<DateTimeOffset> UploadAsync(ApiClient api, string user, string projectId, string scratch, string name)
    {
        var file = Path.Combine(scratch, $"{name}.mrcs");
        new SyntheticMovie { Seed = name.GetHashCode(StringComparison.Ordinal), Size = 128, Frames = 8, BlobCount = 100 }.Write(file);
        var grant = await api.StartUploadAsync(user, projectId, $"Movies/{name}.mrcs");
        await Uploads.PutAsync(grant, await File.ReadAllBytesAsync(file));
        return DateTimeOffset.UtcNow;
    }

    // A movie's batch is found by its aligned micrograph, since batches are numbered in event order, not upload order.
    private static bool Aligned(JsonElement run, string movie) =>
        Runs.Outputs(run).Any(o => o.EndsWith($"/Movies/{movie}.mrc", StringComparison.Ordinal));

    private static DateTimeOffset ImportStart(JsonElement run, string movie)
    {
        var folder = Runs.Outputs(run).First(o => o.EndsWith($"/Movies/{movie}.mrc", StringComparison.Ordinal)).Split('/')[3];
        var batch = int.Parse(folder["job".Length..], System.Globalization.CultureInfo.InvariantCulture) - 1;
        var import = Step(run, $"import #{batch}") ?? throw new InvalidOperationException($"movie {movie}: no import step #{batch}: {run}");
        return import.GetProperty("startedAt").GetDateTimeOffset();
    }

    private static JsonElement? Step(JsonElement run, string name) =>
        run.GetProperty("steps").EnumerateArray().Where(s => s.GetProperty("name").GetString() == name).Select(s => (JsonElement?)s).FirstOrDefault();
}
