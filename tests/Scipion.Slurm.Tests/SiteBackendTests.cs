using System.Net;
using System.Security.Cryptography;
using System.Text;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Queues.Models;
using Scipion.Compute.Site;
using Scipion.Core;
using Scipion.Core.Compute;
using Scipion.Core.Compute.Sites;
using Scipion.Core.Errors;
using Xunit;

namespace Scipion.Slurm.Tests;

/// <summary>The platform's side of a compute site: requests out, reports in, status from the record. No Slurm needed.</summary>
public sealed class SiteBackendTests(SiteStorage storage) : IClassFixture<SiteStorage>, IAsyncLifetime
{
    // Reports carry the site's clock; a fixed one keeps the comparisons exact.
    private static readonly DateTimeOffset At = new(2025, 6, 1, 10, 0, 0, TimeSpan.Zero);

    private readonly SiteBackend _backend = storage.Backend();

    // The tests share the queues: each starts with them empty.
    public async Task InitializeAsync()
    {
        await storage.Jobs.ClearMessagesAsync();
        await storage.Cancels.ClearMessagesAsync();
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Submitting_a_job_twice_sends_one_request_and_answers_the_second_with_the_recorded_status()
    {
        var job = await JobWithInputAsync("p1", "Maps/half1.mrc", "a half map");

        var first = await _backend.SubmitAsync(job);
        var second = await _backend.SubmitAsync(job);

        var request = Assert.Single(await TakeAsync<SiteJobRequest>(storage.Jobs));
        Assert.Equal(job.Id.Value, request.JobId);
        Assert.Equal(JobState.Pending, first.State);
        Assert.Equal(first, second);
        Assert.Contains("waiting for its agent", second.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_request_lets_the_site_read_each_input_and_create_outputs_but_not_read_the_project()
    {
        var job = await JobWithInputAsync("p2", "Maps/half1.mrc", "a half map");

        await _backend.SubmitAsync(job);

        var request = Assert.Single(await TakeAsync<SiteJobRequest>(storage.Jobs));
        var input = Assert.Single(request.Inputs);
        Assert.Equal("Maps/half1.mrc", input.Path);
        Assert.Equal(Convert.ToBase64String(MD5.HashData("a half map"u8.ToArray())), input.ContentMd5);
        Assert.Equal("a half map", (await new BlobClient(input.Url).DownloadContentAsync()).Value.Content.ToString());
        Assert.Equal(string.Empty, request.OutputPrefix);
        Assert.Equal("Runs/r2/LocalRes/job001", request.OutputFolder);
        Assert.Equal($"p2/{Path.GetFileName(job.WorkingDirectory)}", request.Workspace);

        var outputs = new BlobContainerClient(request.OutputContainerUrl);
        Assert.Equal(StorageNames.ProjectContainer("p2"), outputs.Name);
        await outputs.GetBlobClient("Runs/r2/LocalRes/job001/out.txt").UploadAsync(BinaryData.FromString("result"));
        var read = await Assert.ThrowsAsync<RequestFailedException>(() => outputs.GetBlobClient("Maps/half1.mrc").DownloadContentAsync());
        Assert.Equal((int)HttpStatusCode.Forbidden, read.Status);

        // The same signature on another project's container is refused.
        var elsewhere = new BlobUriBuilder(request.OutputContainerUrl) { BlobContainerName = StorageNames.ProjectContainer("p1"), BlobName = "Runs/x.txt" };
        var write = await Assert.ThrowsAsync<RequestFailedException>(() => new BlobClient(elsewhere.ToUri()).UploadAsync(BinaryData.FromString("x")));
        Assert.Equal((int)HttpStatusCode.Forbidden, write.Status);
    }

    [Fact]
    public async Task A_job_reads_as_running_until_the_site_says_its_outputs_are_uploaded()
    {
        var job = await JobWithInputAsync("p3", "Maps/half1.mrc", "x");
        await _backend.SubmitAsync(job);
        var at = At;

        Assert.True(await storage.Records.RecordAsync(Report(job, JobState.Running, at), default));
        var running = await _backend.GetStatusAsync(job.Id);
        Assert.True(await storage.Records.RecordAsync(Report(job, JobState.Completed, at.AddSeconds(5)), default));
        var uploading = await _backend.GetStatusAsync(job.Id);
        Assert.True(await storage.Records.RecordAsync(Report(job, JobState.Completed, at.AddSeconds(9), final: true, exitCode: 0), default));
        var done = await _backend.GetStatusAsync(job.Id);

        Assert.Equal((JobState.Running, at), (running.State, running.StartedAt));
        Assert.Equal(JobState.Running, uploading.State);
        Assert.Contains("uploading its outputs", uploading.Message, StringComparison.Ordinal);
        Assert.Equal((JobState.Completed, 0, at, at.AddSeconds(9)), (done.State, done.ExitCode, done.StartedAt, done.FinishedAt));
    }

    [Fact]
    public async Task Repeated_late_and_out_of_order_reports_leave_the_newest_final_word_standing()
    {
        var job = await JobWithInputAsync("p4", "Maps/half1.mrc", "x");
        await _backend.SubmitAsync(job);
        var at = At;
        var final = Report(job, JobState.Failed, at.AddSeconds(10), final: true, exitCode: 3);

        Assert.True(await storage.Records.RecordAsync(Report(job, JobState.Pending, at), default));
        Assert.True(await storage.Records.RecordAsync(final, default));
        Assert.False(await storage.Records.RecordAsync(final, default));
        Assert.False(await storage.Records.RecordAsync(Report(job, JobState.Pending, at.AddSeconds(20)), default));
        Assert.True(await storage.Records.RecordAsync(Report(job, JobState.Running, at.AddSeconds(1)), default));

        var status = await _backend.GetStatusAsync(job.Id);
        Assert.Equal((JobState.Failed, 3, at.AddSeconds(1)), (status.State, status.ExitCode, status.StartedAt));
    }

    [Fact]
    public async Task A_report_for_a_job_the_platform_never_sent_is_ignored()
    {
        var stranger = Report(await JobWithInputAsync("p5", "Maps/a.mrc", "x"), JobState.Completed, At, final: true);

        Assert.False(await storage.Records.RecordAsync(stranger, default));
        var missing = await Assert.ThrowsAsync<ScipionError>(() => _backend.GetStatusAsync(JobId.Parse(stranger.JobId)));
        Assert.Equal(ErrorKind.NotFound, missing.Kind);
    }

    [Fact]
    public async Task Canceling_a_job_sends_the_site_a_cancel_and_a_finished_job_keeps_its_outcome()
    {
        var running = await JobWithInputAsync("p6", "Maps/a.mrc", "x");
        var finished = await JobWithInputAsync("p6", "Maps/a.mrc", "x");
        await _backend.SubmitAsync(running);
        await _backend.SubmitAsync(finished);
        await storage.Records.RecordAsync(Report(finished, JobState.Completed, At, final: true, exitCode: 0), default);

        var canceling = await _backend.CancelAsync(running.Id);
        var kept = await _backend.CancelAsync(finished.Id);

        var cancel = Assert.Single(await TakeAsync<SiteJobCancel>(storage.Cancels));
        Assert.Equal(running.Id.Value, cancel.JobId);
        Assert.Contains("Cancel requested", canceling.Message, StringComparison.Ordinal);
        Assert.Contains("Cancel requested", (await _backend.GetStatusAsync(running.Id)).Message, StringComparison.Ordinal);
        Assert.Equal(JobState.Completed, kept.State);
    }

    private async Task<JobDescription> JobWithInputAsync(string project, string path, string content)
    {
        await storage.Project(project).GetBlobClient(path).UploadAsync(new BinaryData(Encoding.UTF8.GetBytes(content)), overwrite: true);
        string run = $"r{Guid.NewGuid():N}"[..12];
        return new JobDescription
        {
            Id = JobId.For(run, "local-resolution"),
            ProjectId = project,
            WorkingDirectory = Path.Combine(Path.GetTempPath(), "platform-work", project, run),
            JobFolder = $"Runs/r{project[1..]}/LocalRes/job001",
            Commands = [new CommandStep("relion_postprocess", ["--locres"])],
            Inputs = [path],
            Outputs = [$"Runs/r{project[1..]}/LocalRes/job001/relion_locres.mrc"],
        };
    }

    private static SiteJobReport Report(JobDescription job, JobState state, DateTimeOffset at, bool final = false, int? exitCode = null) =>
        new(job.Id.Value, "facility", state, exitCode, $"{state} at {at:O}", string.Empty, final, [], [], at);

    private static async Task<IReadOnlyList<T>> TakeAsync<T>(Azure.Storage.Queues.QueueClient queue)
    {
        QueueMessage[] messages = (await queue.ReceiveMessagesAsync(32)).Value;
        return [.. messages.Select(m => SiteMessages.Deserialize<T>(m.MessageText))];
    }
}
