using Xunit.Abstractions;

namespace Scipion.Api.Tests.Hostile;

/// <summary>
/// The project's hostile-input suite: generated requests over every route of the contract (paths, ids, JSON shapes,
/// headers, tokens) and uploaded STAR files submitted to the tools, from the four users of <see cref="HostileWorld"/> and
/// callers with no valid token. Every answer is held to the contract (<see cref="Oracle"/>); afterwards every blob in
/// storage and every project are audited (<see cref="StorageAudit"/>). The seed, the number of cases and the answers
/// per status code go to the test output.
/// </summary>
[Collection(HostileCollection.Name)]
public sealed class HostileInputTests(HostileHostFixture fixture, ITestOutputHelper output) : IAsyncLifetime
{
    /// <summary>Sized for well under two minutes on a two-core runner (about one on an idle one), requests side by side.</summary>
    private const int RequestCases = 4000;
    private const int StarCases = 40;
    private const int StalledCases = 4;
    private const int Parallel = 8;

    private HostileWorld _world = null!;
    private Actors _actors = null!;
    private Ledger _ledger = null!;
    private Oracle _oracle = null!;
    private HostileSampler _sampler = null!;

    public async Task InitializeAsync()
    {
        _world = await HostileWorld.CreateAsync(fixture.Api);
        _actors = await Actors.CreateAsync(_world, fixture.Host.SigningKey);
        _ledger = new Ledger();
        _oracle = new Oracle(_world, fixture, _ledger);
        _sampler = new HostileSampler(HostileSampler.SeedOfThisRun(), Log);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    /// <summary>To the test's output and to the console: dotnet test shows the console of passing tests too, so CI logs the figures.</summary>
    private void Log(string line)
    {
        output.WriteLine(line);
        Console.WriteLine($"[hostile] {line}");
    }

    [Fact]
    public async Task Hostile_requests_STAR_files_and_stalled_bodies_never_get_a_5xx_nor_reach_outside_the_callers_projects()
    {
        var failures = new List<string>();
        var routes = new RouteCases(_world, _actors);
        failures.AddRange(await _sampler.RunAsync("requests over every route", routes.All, RequestCases, Parallel, _oracle.CheckAsync));

        var workRoot = fixture.Host.App.Configuration["Workflows:WorkRoot"] ?? throw new InvalidOperationException("the fixture's host has no work root");
        var stars = new StarCases(_world, workRoot, _oracle, _actors.Alice, _ledger);
        failures.AddRange(await _sampler.RunAsync("STAR files submitted to first-map", stars.All, StarCases, Parallel, stars.CheckAsync, shrinkIterations: 10));

        var stalled = new StalledBodies(fixture.Host.BaseAddress, _actors.Alice, _world, _ledger);
        failures.AddRange(await _sampler.RunAsync("bodies that stall", stalled.All, StalledCases, StalledCases, stalled.CheckAsync, shrinkIterations: 2));

        await CancelStartedRunsAsync();
        var audit = (await StorageAudit.BlobsAsync(fixture, _world)).Concat(await StorageAudit.ProjectsAsync(_world)).ToList();
        Log($"hostile suite: {_ledger.Summary()}");
        Log($"storage audit: {(audit.Count == 0 ? "every blob inside its writer's projects, every project as its owner left it" : $"{audit.Count} violations")}");
        foreach (var violation in audit.Take(50))
        {
            Log("AUDIT " + violation);
        }

        Assert.True(_ledger.Cases >= 1000, $"only {_ledger.Cases} cases ran");
        Assert.True(failures.Count == 0 && audit.Count == 0,
            $"{failures.Count} distinct failures, {audit.Count} audit violations:\n{string.Join("\n", failures.Concat(audit.Take(20).Select(a => "AUDIT " + a)))}");
    }

    /// <summary>Streaming runs wait for movies forever; runs end before the audit so that what they write is in.</summary>
    private async Task CancelStartedRunsAsync()
    {
        foreach (var (projectId, runId) in _ledger.StartedRuns)
        {
            var owner = _world.Find(projectId)?.Owner;
            if (owner is null || _world.WasDeleted(projectId))
            {
                continue;
            }

            using var response = await fixture.Api.SendAsync(owner, HttpMethod.Post, $"api/projects/{projectId}/runs/{runId}/cancel");
        }
    }
}
