using System.Text.Json.Nodes;
using Scipion.Core.Runs;
using Xunit;

namespace Scipion.Storage.Tests;

[Collection(StorageCollection.Name)]
public sealed class RunRecordTests(StorageFixture storage)
{
    private readonly TableRunRepository _runs = new(storage.Tables);

    [Fact]
    public async Task A_streaming_run_keeps_every_step_of_a_thousand_movies_in_order()
    {
        var run = await CreateAsync(NewProject());
        for (var batch = 0; batch < 20; batch++)
        {
            var added = Enumerable.Range(batch * 50, 50).Select(MovieStep).ToArray();
            await _runs.UpdateAsync(run.ProjectId, run.RunId, r => r with { Steps = [.. r.Steps, .. added] }, CancellationToken.None);
        }

        var stored = await _runs.FindAsync(run.ProjectId, run.RunId, CancellationToken.None);

        Assert.NotNull(stored);
        Assert.Equal(Enumerable.Range(0, 1000).Select(MovieStep), stored.Steps);
    }

    [Fact]
    public async Task A_streaming_run_keeps_every_output_of_a_thousand_movies_and_drops_those_no_longer_published()
    {
        var run = await CreateAsync(NewProject());
        for (var batch = 0; batch < 10; batch++)
        {
            var published = Enumerable.Range(0, (batch + 1) * 100).SelectMany(MovieOutputs).ToArray();
            await _runs.UpdateAsync(run.ProjectId, run.RunId, r => r with { Outputs = published }, CancellationToken.None);
        }

        var withoutFirst = Enumerable.Range(1, 999).SelectMany(MovieOutputs).ToArray();
        await _runs.UpdateAsync(run.ProjectId, run.RunId, r => r with { Outputs = withoutFirst }, CancellationToken.None);

        var stored = await _runs.FindAsync(run.ProjectId, run.RunId, CancellationToken.None);
        Assert.NotNull(stored);
        Assert.Equal(withoutFirst.Order(StringComparer.Ordinal), stored.Outputs);
    }

    [Fact]
    public async Task Steps_of_a_fanned_out_run_that_finish_at_the_same_time_all_keep_their_new_state()
    {
        var run = await CreateAsync(NewProject(), [.. Enumerable.Range(0, 12).Select(MovieStep)]);
        var finishedAt = DateTimeOffset.Parse("2026-11-25T12:00:00Z");

        await Task.WhenAll(Enumerable.Range(0, 12).Select(i => _runs.UpdateAsync(run.ProjectId, run.RunId, r => r with
        {
            Steps = [.. r.Steps.Select((s, position) => position == i ? s with { Status = RunStatus.Completed, FinishedAt = finishedAt, Progress = 1 } : s)],
        }, CancellationToken.None)));

        var stored = await _runs.FindAsync(run.ProjectId, run.RunId, CancellationToken.None);
        Assert.NotNull(stored);
        Assert.All(stored.Steps, s => Assert.Equal((RunStatus.Completed, finishedAt, 1.0), (s.Status, s.FinishedAt!.Value, s.Progress!.Value)));
    }

    [Fact]
    public async Task Canceling_a_run_with_more_steps_than_one_transaction_takes_cancels_every_unfinished_step()
    {
        var steps = Enumerable.Range(0, 250).Select(i => i < 10 ? MovieStep(i) with { Status = RunStatus.Completed } : MovieStep(i)).ToArray();
        var run = await CreateAsync(NewProject(), steps);

        await _runs.UpdateAsync(run.ProjectId, run.RunId, r => r with
        {
            Status = RunStatus.Canceled,
            Steps = [.. r.Steps.Select(s => s.Status.IsFinished() ? s : s with { Status = RunStatus.Canceled })],
        }, CancellationToken.None);

        var stored = await _runs.FindAsync(run.ProjectId, run.RunId, CancellationToken.None);
        Assert.NotNull(stored);
        Assert.Equal(RunStatus.Canceled, stored.Status);
        Assert.Equal(Enumerable.Repeat(RunStatus.Completed, 10).Concat(Enumerable.Repeat(RunStatus.Canceled, 240)), stored.Steps.Select(s => s.Status));
    }

    [Fact]
    public async Task Steps_a_change_drops_are_gone_when_the_run_is_read_again()
    {
        var run = await CreateAsync(NewProject(), [.. Enumerable.Range(0, 5).Select(MovieStep)]);

        await _runs.UpdateAsync(run.ProjectId, run.RunId, r => r with { Steps = [r.Steps[0], MovieStep(99)] }, CancellationToken.None);

        var stored = await _runs.FindAsync(run.ProjectId, run.RunId, CancellationToken.None);
        Assert.NotNull(stored);
        Assert.Equal([MovieStep(0), MovieStep(99)], stored.Steps);
    }

    [Fact]
    public async Task Listing_a_project_gives_each_run_its_own_steps_and_outputs_and_nothing_of_other_projects()
    {
        var project = NewProject();
        var first = await CreateAsync(project, [MovieStep(1)]);
        var second = await CreateAsync(project, [MovieStep(2), MovieStep(3)]);
        await _runs.UpdateAsync(project, second.RunId, r => r with { Outputs = ["Runs/b.txt", "Runs/a.txt"] }, CancellationToken.None);
        await CreateAsync(NewProject(), [MovieStep(4)]);

        var listed = await _runs.ListAsync(project, CancellationToken.None);

        Assert.Equal(
            [(second.RunId, $"{MovieStep(2)},{MovieStep(3)}", "Runs/a.txt,Runs/b.txt"), (first.RunId, $"{MovieStep(1)}", "")],
            listed.Select(r => (r.RunId, string.Join(",", r.Steps), string.Join(",", r.Outputs))));
    }

    [Fact]
    public async Task Changing_a_run_that_does_not_exist_says_which_run()
    {
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() =>
            _runs.UpdateAsync("p1", "r20261125000000-00000000", r => r, CancellationToken.None));

        Assert.Contains("p1/r20261125000000-00000000", error.Message, StringComparison.Ordinal);
    }

    private static int _created;

    private static string NewProject() => Guid.NewGuid().ToString("N");

    private static string[] MovieOutputs(int movie) =>
    [
        $"Runs/r20261125120000-0123abcd/Import/job{movie + 2:D3}/movies.star",
        $"Runs/r20261125120000-0123abcd/MotionCorr/job{movie + 2:D3}/corrected_micrographs.star",
        $"Runs/r20261125120000-0123abcd/MotionCorr/job{movie + 2:D3}/Movies/session1/FoilHole_{movie:D6}_Data_fractions.mrc",
        $"Runs/r20261125120000-0123abcd/MotionCorr/job{movie + 2:D3}/Movies/session1/FoilHole_{movie:D6}_Data_fractions.star",
        $"Runs/r20261125120000-0123abcd/MotionCorr/job{movie + 2:D3}/drift.png",
        $"Runs/r20261125120000-0123abcd/MotionCorr/job{movie + 2:D3}/run.out",
    ];

    private static RunStep MovieStep(int movie) =>
        new($"motion-correction #{movie + 1}", RunStatus.Pending, "local", $"r20261125120000-0123abcd-motion-{movie:D5}");

    private async Task<Run> CreateAsync(string projectId, RunStep[]? steps = null)
    {
        // Each run a second after the one before, so the listing's newest-first order is known.
        var now = DateTimeOffset.Parse("2026-11-25T12:00:00Z").AddSeconds(Interlocked.Increment(ref _created));
        var run = new Run(projectId, RunId.New(TimeProvider.System), "pipeline", RunStatus.Running, now, now, "alice",
            new JsonObject { ["movies"] = "Movies/*.tif" }, new JsonObject { ["streaming"] = true }, ["Movies/a.tif"], steps ?? [], [], null);
        await _runs.CreateAsync(run, CancellationToken.None);
        return run;
    }
}
