using Scipion.Core.Compute;

namespace Scipion.AzureBatch.Tests;

public sealed class CancelTests
{
    [Fact]
    public async Task Cancel_terminates_the_task_as_the_spec_example_does_and_reports_canceled()
    {
        var harness = new BatchHarness();
        harness.Transport
            .Respond(201).Respond(201)
            .Respond(200, SpecExample.Text("derived/Tasks_GetTask_Running.json"))
            .Respond(204)
            .Respond(200, SpecExample.Text("derived/Tasks_GetTask_CompletedFailure.json"))
            .Respond(404).Respond(404);
        var job = BatchHarness.MotionCorrection();
        await harness.Backend.SubmitAsync(job);

        var status = await harness.Backend.CancelAsync(job.Id);

        var terminate = harness.Transport.Requests[3];
        Assert.Equal("POST", terminate.Method);
        Assert.Equal("/jobs/r1--mpi/tasks/r1--MotionCorr/terminate", terminate.Path);
        Assert.Null(terminate.Body);
        Assert.Equal(204, SpecExample.Load("typespec-2025-06-01/Tasks_TerminateTask.json")["responses"]!.AsObject().Select(p => int.Parse(p.Key, System.Globalization.CultureInfo.InvariantCulture)).Single());
        Assert.Equal(JobState.Canceled, status.State);
    }

    [Fact]
    public async Task Canceling_a_task_that_already_completed_leaves_it_and_reports_how_it_ended()
    {
        var harness = new BatchHarness();
        harness.Transport
            .Respond(200, SpecExample.Text("derived/Tasks_GetTask_CompletedSuccess.json"))
            .Respond(404).Respond(404);

        var status = await harness.Backend.CancelAsync(BatchHarness.MotionCorrection().Id);

        Assert.Equal(JobState.Completed, status.State);
        Assert.DoesNotContain(harness.Transport.Requests, r => r.Path.EndsWith("/terminate", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_task_that_completes_while_being_canceled_keeps_its_own_outcome()
    {
        var harness = new BatchHarness();
        harness.Transport
            .Respond(200, SpecExample.Text("derived/Tasks_GetTask_Running.json"))
            .Respond(409, """{"code":"TaskCompleted","message":{"lang":"en-US","value":"The specified task is already completed."}}""")
            .Respond(200, SpecExample.Text("derived/Tasks_GetTask_CompletedSuccess.json"))
            .Respond(404).Respond(404);

        var status = await harness.Backend.CancelAsync(BatchHarness.MotionCorrection().Id);

        Assert.Equal(JobState.Completed, status.State);
    }

    [Fact]
    public async Task Terminating_a_run_ends_its_job_on_every_pool_with_the_spec_body()
    {
        var harness = new BatchHarness();
        harness.Transport.Respond(202).Respond(404);

        await harness.Backend.TerminateRunAsync("r1");

        Assert.Equal(["POST /jobs/r1--gpu/terminate", "POST /jobs/r1--mpi/terminate"], harness.Transport.Requests.Select(r => $"{r.Method} {r.Path}"));
        var example = SpecExample.Parameter("stable-2025-06-01.21.0/Jobs_TerminateJob.json", "jobTerminateParameter");
        Assert.Empty(SpecExample.UnknownProperties(harness.Transport.Requests[0].Json(), [example]));
    }
}
