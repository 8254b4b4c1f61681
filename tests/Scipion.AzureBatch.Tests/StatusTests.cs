using Scipion.Core.Compute;
using Scipion.Core.Errors;

namespace Scipion.AzureBatch.Tests;

public sealed class StatusTests
{
    private static readonly JobId Id = BatchHarness.MotionCorrection().Id;

    [Fact]
    public async Task The_spec_example_of_an_active_task_reads_as_pending_without_fetching_logs()
    {
        var harness = new BatchHarness();
        harness.Transport.Respond(200, SpecExample.ResponseBody("stable-2025-06-01.21.0/Tasks_GetTask.json", "200"));

        var status = await harness.Backend.GetStatusAsync(Id);

        Assert.Equal(JobState.Pending, status.State);
        Assert.Contains("Queued", status.Message, StringComparison.Ordinal);
        var request = Assert.Single(harness.Transport.Requests);
        Assert.Equal("GET", request.Method);
        Assert.Equal("/jobs/r1--gpu/tasks/r1--MotionCorr", request.Path);
    }

    [Fact]
    public async Task An_unknown_step_is_looked_for_in_each_pool_then_reported_not_found()
    {
        var harness = new BatchHarness();
        harness.Transport.Respond(404, """{"code":"JobNotFound","message":{"lang":"en-US","value":"The specified job does not exist."}}""")
            .Respond(404, """{"code":"TaskNotFound","message":{"lang":"en-US","value":"The specified task does not exist."}}""");

        var error = await Assert.ThrowsAsync<ScipionError>(() => harness.Backend.GetStatusAsync(Id));

        Assert.Equal(ErrorKind.NotFound, error.Kind);
        Assert.Equal(["/jobs/r1--gpu/tasks/r1--MotionCorr", "/jobs/r1--mpi/tasks/r1--MotionCorr"], harness.Transport.Requests.Select(r => r.Path));
    }

    [Fact]
    public async Task A_submitted_step_is_polled_on_its_own_pool_through_active_running_and_completed()
    {
        var harness = new BatchHarness();
        harness.Transport.Respond(201).Respond(201)
            .Respond(200, SpecExample.ResponseBody("stable-2025-06-01.21.0/Tasks_GetTask.json", "200"))
            .Respond(200, SpecExample.Text("derived/Tasks_GetTask_Running.json"))
            .Respond(200, null, ("Content-Length", "17"))
            .Respond(200, "motion correction\n", ("Content-Length", "17"))
            .Respond(404, """{"code":"FileNotFound","message":{"lang":"en-US","value":"The specified file does not exist."}}""")
            .Respond(200, SpecExample.Text("derived/Tasks_GetTask_CompletedSuccess.json"))
            .Respond(404)
            .Respond(404);

        await harness.Backend.SubmitAsync(BatchHarness.MotionCorrection());
        var active = await harness.Backend.GetStatusAsync(Id);
        var running = await harness.Backend.GetStatusAsync(Id);
        var completed = await harness.Backend.GetStatusAsync(Id);

        Assert.Equal(JobState.Pending, active.State);
        Assert.Equal(JobState.Running, running.State);
        Assert.Equal(DateTimeOffset.Parse("2016-09-06T07:04:00Z", System.Globalization.CultureInfo.InvariantCulture), running.StartedAt);
        Assert.Equal("motion correction", running.LogTail);
        Assert.Equal(JobState.Completed, completed.State);
        Assert.Equal(0, completed.ExitCode);
        Assert.Equal(1.0, completed.Progress);
        Assert.NotNull(completed.FinishedAt);
        Assert.All(harness.Transport.Requests.Skip(2), r => Assert.StartsWith("/jobs/r1--mpi/tasks/r1--MotionCorr", r.Path, StringComparison.Ordinal));
        Assert.Equal(0, harness.Transport.Pending);
    }

    [Fact]
    public async Task The_log_tail_asks_for_the_last_bytes_of_stdout_with_ocp_range()
    {
        var harness = new BatchHarness(o => o.LogTailBytes = 1000);
        harness.Transport
            .Respond(200, SpecExample.Text("derived/Tasks_GetTask_Running.json"))
            .Respond(200, null, ("Content-Length", "5000"))
            .Respond(200, "tail of stdout\r 50%\r100%\n", ("Content-Length", "1000"))
            .Respond(200, null, ("Content-Length", "17"))
            .Respond(200, "ERROR: bad input\n", ("Content-Length", "17"));

        var status = await harness.Backend.GetStatusAsync(Id);

        var requests = harness.Transport.Requests;
        Assert.Equal("HEAD", requests[1].Method);
        Assert.Equal("/jobs/r1--gpu/tasks/r1--MotionCorr/files/stdout.txt", requests[1].Path);
        Assert.Equal("GET", requests[2].Method);
        Assert.Equal("bytes=4000-4999", requests[2].Header("ocp-range"));
        Assert.Equal("/jobs/r1--gpu/tasks/r1--MotionCorr/files/stderr.txt", requests[3].Path);
        Assert.Equal("bytes=0-16", requests[4].Header("ocp-range"));
        Assert.Equal("100%\n--- stderr.txt ---\nERROR: bad input", status.LogTail);
    }

    [Fact]
    public async Task The_spec_example_file_responses_are_read_as_the_log()
    {
        var harness = new BatchHarness();
        var properties = SpecExample.Load("stable-2025-06-01.21.0/Tasks_GetTaskFileProperties.json")["responses"]!["200"]!;
        var file = SpecExample.Load("stable-2025-06-01.21.0/Tasks_GetTaskFile.json")["responses"]!["200"]!;
        harness.Transport
            .Respond(200, SpecExample.Text("derived/Tasks_GetTask_CompletedSuccess.json"))
            .Respond(200, null, ("Content-Length", (string)properties["Content-Length"]!), ("ocp-batch-file-isdirectory", (string)properties["ocp-batch-file-isdirectory"]!))
            .Respond(200, (string)file["body"]!, ("Content-Length", (string)file["Content-Length"]!), ("Content-Type", (string)file["Content-Type"]!))
            .Respond(404)
            .Respond(404);

        var status = await harness.Backend.GetStatusAsync(Id);

        Assert.Equal("bytes=0-16", harness.Transport.Requests[2].Header("ocp-range"));
        Assert.StartsWith("This is actually a byte stream.", status.LogTail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_failed_task_reads_as_failed_with_its_failure_info()
    {
        var harness = new BatchHarness();
        harness.Transport
            .Respond(200, SpecExample.Text("derived/Tasks_GetTask_CompletedFailure.json"))
            .Respond(404)
            .Respond(404);

        var status = await harness.Backend.GetStatusAsync(Id);

        Assert.Equal(JobState.Failed, status.State);
        Assert.Equal(1, status.ExitCode);
        Assert.Equal(
            "The task failed (FailureExitCode): The task process exited with an unexpected exit code (Message=The task process exited with an unexpected exit code: 1).",
            status.Message);
    }

    [Fact]
    public async Task Logs_that_went_away_with_their_node_leave_the_status_intact()
    {
        var harness = new BatchHarness();
        harness.Transport
            .Respond(200, SpecExample.Text("derived/Tasks_GetTask_CompletedSuccess.json"))
            .Respond(409, """{"code":"NodeNotFound","message":{"lang":"en-US","value":"The node the task ran on is gone."}}""");

        var status = await harness.Backend.GetStatusAsync(Id);

        Assert.Equal(JobState.Completed, status.State);
        Assert.Equal("", status.LogTail);
    }
}
