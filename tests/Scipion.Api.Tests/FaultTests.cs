using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;
using Scipion.Synthetic;
using Scipion.Testing;

namespace Scipion.Api.Tests;

/// <summary>
/// A streaming pipeline taking movies while the platform fails under it: its host killed the hard way, Azurite
/// restarted (with the host down, then under a running host), and upload events lost (a host whose blob events are
/// off stands for Event Grid giving up). Every movie must still be aligned, each exactly once.
/// </summary>
[Collection(LocalHostCollection.Name)]
public sealed class FaultTests(LocalHostFixture fixture)
{
    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(3);

    [Fact]
    public async Task A_streaming_run_aligns_every_movie_exactly_once_through_host_kills_Azurite_restarts_and_lost_events()
    {
        await using var azurite = await Azurite.StartAsync();
        var key = LocalHostProcess.NewSigningKey();
        var work = Directory.CreateTempSubdirectory("fault-work-").FullName;
        var hub = "fault" + Guid.NewGuid().ToString("N")[..8];
        string[] settings = ["--Workflows:ReconcileInterval=00:00:02", "--LocalHost:BlobEventPollInterval=00:00:00.250", .. fixture.ComputeSettings(work)];
        string[] eventsLost = [.. settings, "--LocalHost:EmitBlobEvents=false"];
        var movies = Enumerable.Range(1, 5).ToDictionary(i => $"Movies/m{i}.mrcs", Movie);

        await using var first = await LocalHostProcess.StartAsync(azurite, key, work, hub, settings);
        var api = new ApiClient(first.BaseAddress, key);
        var alice = ApiClient.NewUser("alice");
        var id = (await api.CreateProjectAsync(alice)).GetProperty("id").GetString()!;
        var runId = await Runs.StartAsync(api, alice, id, new
        {
            tool = "pipeline",
            inputs = new { movies = "Movies/*.mrcs" },
            parameters = new { pixelSize = 1.0, patches = new[] { 1, 1 }, streaming = true },
        });
        await Runs.WaitAsync(api, alice, id, runId, r => r.GetProperty("status").GetString() == "Running", Limit);

        // m1: the ordinary way, its upload event.
        await UploadAsync(await GrantAsync(api, alice, id, "m1", movies), movies["Movies/m1.mrcs"]);
        await WaitAlignedAsync(api, alice, id, runId, "m1");

        // Grants for the outage are taken while the host is up, as a CLI holds them for a folder it uploads.
        var grants = new Dictionary<string, JsonElement>();
        foreach (var name in new[] { "m3", "m4" })
        {
            grants[name] = await GrantAsync(api, alice, id, name, movies);
        }

        // m2 arrives as the host dies: whether it saw m2 or not, the run must take it once.
        await UploadAsync(await GrantAsync(api, alice, id, "m2", movies), movies["Movies/m2.mrcs"]);
        await first.KillAsync();

        // m3 is uploaded while no host runs; then storage restarts too.
        await UploadAsync(grants["m3"], movies["Movies/m3.mrcs"]);
        await azurite.RestartAsync();

        // Event Grid gave up on the outage's events: this host emits none, so only reconciliation can bring m2 and m3.
        await using var second = await LocalHostProcess.StartAsync(azurite, key, work, hub, eventsLost);
        api = new ApiClient(second.BaseAddress, key);
        await WaitAlignedAsync(api, alice, id, runId, "m2", "m3");

        // Storage restarts under the running host; m4 comes after, still without events.
        await azurite.RestartAsync();
        await UploadAsync(grants["m4"], movies["Movies/m4.mrcs"]);
        await WaitAlignedAsync(api, alice, id, runId, "m4");
        await second.KillAsync();

        // Events work again: this host's emitter now announces m2 to m4 late, after reconciliation took them, and m5 on time.
        await using var third = await LocalHostProcess.StartAsync(azurite, key, work, hub, settings);
        api = new ApiClient(third.BaseAddress, key);
        await UploadAsync(await GrantAsync(api, alice, id, "m5", movies), movies["Movies/m5.mrcs"]);
        await WaitAlignedAsync(api, alice, id, runId, "m5");
        await WaitUntilAsync(() => new[] { "m3", "m4", "m5" }.All(m => ReachedTheRun(third.Output, m)), "the late events of m3 and m4 reached the run", third);

        using (var cancel = await api.SendAsync(alice, HttpMethod.Post, $"api/projects/{id}/runs/{runId}/cancel"))
        {
            Assert.Equal(HttpStatusCode.Accepted, cancel.StatusCode);
        }

        var run = await Runs.WaitAsync(api, alice, id, runId, Runs.IsFinished, Limit);
        Assert.True(run.GetProperty("status").GetString() == "Canceled", $"{run}\n--- last host ---\n{third.Output}");

        // Exactly once: one batch per movie (its import and motion correction steps, all completed) and one aligned micrograph each.
        var steps = run.GetProperty("steps").EnumerateArray().ToList();
        Assert.Equal(movies.Count, steps.Count(s => s.GetProperty("name").GetString()!.StartsWith("motion-correction #", StringComparison.Ordinal)));
        Assert.Equal(movies.Count, steps.Count(s => s.GetProperty("name").GetString()!.StartsWith("import #", StringComparison.Ordinal)));
        Assert.All(steps, s => Assert.Equal("Completed", s.GetProperty("status").GetString()));
        var aligned = Runs.Outputs(run).Where(o => Regex.IsMatch(o, @"/MotionCorr/job\d+/Movies/m\d\.mrc$")).Select(Path.GetFileNameWithoutExtension).Order().ToList();
        Assert.Equal(["m1", "m2", "m3", "m4", "m5"], aligned);
    }

    [Fact]
    public async Task A_host_whose_reconcile_interval_is_under_a_second_refuses_to_start()
    {
        var error = await Assert.ThrowsAsync<OptionsValidationException>(() =>
            LocalHostInstance.StartAsync(fixture.Azurite, "Development", "--Workflows:ReconcileInterval=00:00:00.100"));

        Assert.Contains("ReconcileInterval", error.Message, StringComparison.Ordinal);
    }

    private static byte[] Movie(int seed)
    {
        var file = Path.Combine(Directory.CreateTempSubdirectory("fault-movie-").FullName, "movie.mrcs");
        new SyntheticMovie { Seed = seed }.Write(file);
        return File.ReadAllBytes(file);
    }

    private static Task<JsonElement> GrantAsync(ApiClient api, string user, string projectId, string name, Dictionary<string, byte[]> movies) =>
        api.StartUploadAsync(user, projectId, $"Movies/{name}.mrcs", movies[$"Movies/{name}.mrcs"].Length);

    private static Task UploadAsync(JsonElement grant, byte[] content) => Uploads.PutAsync(grant, content);

    private static async Task WaitAlignedAsync(ApiClient api, string user, string projectId, string runId, params string[] names)
    {
        var run = await Runs.WaitAsync(api, user, projectId, runId, r => names.All(n => Aligned(r, n)) || Runs.IsFinished(r), Limit);
        Assert.True(names.All(n => Aligned(run, n)), $"{string.Join(", ", names)} not aligned: {run}");
    }

    private static bool Aligned(JsonElement run, string name) =>
        Runs.Outputs(run).Any(o => o.EndsWith($"/Movies/{name}.mrc", StringComparison.Ordinal));

    // OnBlobCreated logs each upload event it passed to streaming runs.
    private static bool ReachedTheRun(string hostOutput, string name) =>
        Regex.IsMatch(hostOutput, $@"/Movies/{name}\.mrcs \(.*\) reached 1 streaming run");

    private static async Task WaitUntilAsync(Func<bool> condition, string what, LocalHostProcess host)
    {
        var deadline = DateTime.UtcNow + Limit;
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"not seen within {Limit}: {what}\n--- host ---\n{host.Output}");
            await Task.Delay(250);
        }
    }
}
