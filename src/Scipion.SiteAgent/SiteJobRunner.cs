using System.Text.Json;
using Azure;
using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;
using Microsoft.Extensions.Logging;
using Scipion.Compute.Slurm;
using Scipion.Core.Compute;
using Scipion.Core.Compute.Sites;
using Scipion.Core.Errors;

namespace Scipion.SiteAgent;

/// <summary>
/// Takes one job request at a time from the site-jobs queue, stages its inputs in, runs it on the site's
/// backend, reports its state changes, stages its outputs out and only then deletes the request. A crash at
/// any point leaves the request to reappear after its lease; redoing it is safe because staging skips what is
/// there and submission is idempotent by job id.
/// </summary>
public sealed class SiteJobRunner(SiteAgentOptions options, IComputeBackend backend, ILogger<SiteJobRunner> logger)
{
    private readonly QueueClient _jobs = SiteQueues.Jobs(options);
    private readonly QueueClient _reports = SiteQueues.Reports(options);
    private readonly SiteCancels _cancels = new(SiteQueues.Cancels(options), options.WorkRoot, logger);

    /// <summary>Handles the next request, if any; false when the queue was empty.</summary>
    public async Task<bool> RunNextAsync(CancellationToken cancellationToken)
    {
        // Cancels first: a job canceled while it waited in the queue must not start.
        await _cancels.TakeAsync(cancellationToken).ConfigureAwait(false);
        QueueMessage? message = (await _jobs.ReceiveMessageAsync(options.Lease, cancellationToken).ConfigureAwait(false)).Value;
        if (message is null)
        {
            return false;
        }

        var lease = new Lease(_jobs, message, options.Lease);
        SiteJobRequest request;
        try
        {
            request = SiteMessages.Deserialize<SiteJobRequest>(message.MessageText);
        }
        catch (JsonException e)
        {
            // Nothing to report to without a job id; keeping it would only block the queue.
            logger.LogError(e, "Dropped site job message {MessageId}: it is not a SiteJobRequest.", message.MessageId);
            await lease.DeleteAsync(cancellationToken).ConfigureAwait(false);
            return true;
        }

        try
        {
            await RunAsync(request, lease, message.DequeueCount, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (IsTransient(e) && !cancellationToken.IsCancellationRequested)
        {
            // The request reappears when its lease ends, and the next attempt picks up where this one stopped.
            logger.LogWarning(e, "Job {JobId} will be retried: {Reason}", request.JobId, e.Message);
            await ReportAsync(request, new JobStatus(JobId.Parse(request.JobId), JobState.Pending, Message: $"Retrying: {e.Message}"),
                final: false, [], [], cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogError(e, "Job {JobId} failed at the site.", request.JobId);
            await ReportAsync(request, new JobStatus(JobId.Parse(request.JobId), JobState.Failed, Message: $"The site could not run the job: {e.Message}"),
                final: true, [], [], cancellationToken).ConfigureAwait(false);
            await lease.DeleteAsync(cancellationToken).ConfigureAwait(false);
        }

        return true;
    }

    private async Task RunAsync(SiteJobRequest request, Lease lease, long deliveries, CancellationToken cancellationToken)
    {
        if (deliveries > options.MaxDeliveries)
        {
            throw new InvalidOperationException($"Gave up after {deliveries - 1} attempts; see the site agent's log.");
        }

        var job = request.ToJob(options.WorkRoot);
        IReadOnlyList<string> downloaded = [];
        JobStatus status;
        if (_cancels.IsCanceled(job.Id))
        {
            status = await CancelAsync(job, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            downloaded = await SiteStaging.StageInAsync(job.WorkingDirectory, request.Inputs, cancellationToken).ConfigureAwait(false);
            status = await backend.SubmitAsync(job, cancellationToken).ConfigureAwait(false);
            await ReportAsync(request, status, final: false, downloaded, [], cancellationToken).ConfigureAwait(false);
        }

        bool cancelSent = false;
        while (!status.State.IsFinished())
        {
            await Task.Delay(options.PollInterval, cancellationToken).ConfigureAwait(false);
            await lease.KeepAsync(cancellationToken).ConfigureAwait(false);
            await _cancels.TakeAsync(cancellationToken).ConfigureAwait(false);
            if (!cancelSent && _cancels.IsCanceled(job.Id))
            {
                await backend.CancelAsync(job.Id, cancellationToken).ConfigureAwait(false);
                cancelSent = true;
            }

            var next = await backend.GetStatusAsync(job.Id, cancellationToken).ConfigureAwait(false);
            if (next.State != status.State)
            {
                await ReportAsync(request, next, final: false, downloaded, [], cancellationToken).ConfigureAwait(false);
            }

            status = next;
        }

        // Failed and canceled jobs' folders go up too: their logs are what the user needs.
        var uploaded = await SiteStaging.StageOutAsync(job.WorkingDirectory, request.OutputFolder, request.OutputContainerUrl, request.OutputPrefix, cancellationToken)
            .ConfigureAwait(false);
        await ReportAsync(request, status, final: true, downloaded, uploaded, cancellationToken).ConfigureAwait(false);
        await lease.DeleteAsync(cancellationToken).ConfigureAwait(false);
        _cancels.Forget(job.Id);
    }

    /// <summary>A job canceled before it was taken: stopped if a crashed earlier attempt had submitted it, else never started.</summary>
    private async Task<JobStatus> CancelAsync(JobDescription job, CancellationToken cancellationToken)
    {
        try
        {
            return await backend.CancelAsync(job.Id, cancellationToken).ConfigureAwait(false);
        }
        catch (ScipionError e) when (e.Kind == ErrorKind.NotFound)
        {
            return new JobStatus(job.Id, JobState.Canceled, Message: "Canceled before it started at the site.", FinishedAt: DateTimeOffset.UtcNow);
        }
    }

    private async Task ReportAsync(SiteJobRequest request, JobStatus status, bool final, IReadOnlyList<string> downloaded, IReadOnlyList<string> uploaded, CancellationToken cancellationToken)
    {
        var report = new SiteJobReport(request.JobId, options.Site, status.State, status.ExitCode, status.Message, status.LogTail, final, downloaded, uploaded, DateTimeOffset.UtcNow);
        await _reports.SendMessageAsync(SiteMessages.Serialize(report), cancellationToken).ConfigureAwait(false);
    }

    private static bool IsTransient(Exception e) =>
        e is SlurmUnreachableException or HttpRequestException or TimeoutException
        || (e is RequestFailedException failed && (failed.Status is 0 or 408 or 429 || failed.Status >= 500));

    /// <summary>Keeps a received request hidden from other agents while its job runs.</summary>
    private sealed class Lease(QueueClient queue, QueueMessage message, TimeSpan length)
    {
        private string _popReceipt = message.PopReceipt;
        private DateTimeOffset _renewAfter = DateTimeOffset.UtcNow + length / 2;

        public async Task KeepAsync(CancellationToken cancellationToken)
        {
            if (DateTimeOffset.UtcNow < _renewAfter)
            {
                return;
            }

            var updated = await queue.UpdateMessageAsync(message.MessageId, _popReceipt, visibilityTimeout: length, cancellationToken: cancellationToken)
                .ConfigureAwait(false);
            _popReceipt = updated.Value.PopReceipt;
            _renewAfter = DateTimeOffset.UtcNow + length / 2;
        }

        public Task DeleteAsync(CancellationToken cancellationToken) => queue.DeleteMessageAsync(message.MessageId, _popReceipt, cancellationToken);
    }
}
