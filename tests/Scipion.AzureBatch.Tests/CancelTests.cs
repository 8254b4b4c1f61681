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

    [Fact]
    public async Task Ending_a_run_whose_jobs_completed_or_are_terminating_already_is_not_an_error()
    {
        var harness = new BatchHarness();
        harness.Transport
            .Respond(409, SpecExample.Text("derived/Error_JobCompleted.json"))
            .Respond(409, SpecExample.Text("derived/Error_JobBeingTerminated.json"));

        await harness.Backend.TerminateRunAsync("r1");

        Assert.Equal(2, harness.Transport.Requests.Count);
    }

    [Fact]
    public async Task A_server_error_while_ending_a_run_says_which_operation_failed()
    {
        var harness = new BatchHarness();
        harness.Transport.Respond(500, SpecExample.Text("derived/Error_InternalError.json"));

        var error = await Assert.ThrowsAsync<Scipion.Compute.AzureBatch.BatchRequestException>(() => harness.Backend.TerminateRunAsync("r1"));

        Assert.Contains("Jobs_TerminateJob", error.Message, StringComparison.Ordinal);
        Assert.Contains("500", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_workflow_releasing_a_finished_run_through_the_router_terminates_its_Batch_jobs()
    {
        var harness = new BatchHarness();
        harness.Transport.Respond(202).Respond(202);
        var local = new NoLifecycleBackend();
        var router = new ComputeRouter([local, harness.Backend], new ComputeOptions { Default = "azure-batch" });

        await router.ReleaseRunAsync("p1", "r1", ["azure-batch", "local", "azure-batch"]);

        Assert.Equal(["POST /jobs/r1--gpu/terminate", "POST /jobs/r1--mpi/terminate"], harness.Transport.Requests.Select(r => $"{r.Method} {r.Path}"));
        Assert.All(harness.Transport.Requests, r => Assert.Equal("2025-06-01.21.0", r.Query("api-version")));
    }

    [Fact]
    public async Task A_run_that_never_used_Batch_sends_it_nothing_when_it_ends()
    {
        var harness = new BatchHarness();
        var router = new ComputeRouter([new NoLifecycleBackend(), harness.Backend], new ComputeOptions { Default = "local" });

        await router.ReleaseRunAsync("p1", "r1", ["local"]);

        Assert.Empty(harness.Transport.Requests);
    }

    private sealed class NoLifecycleBackend : IComputeBackend
    {
        public string Name => "local";

        public Task<JobStatus> SubmitAsync(JobDescription job, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public Task<JobStatus> GetStatusAsync(JobId id, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public Task<JobStatus> CancelAsync(JobId id, CancellationToken cancellationToken = default) => throw new NotSupportedException();
    }
}
