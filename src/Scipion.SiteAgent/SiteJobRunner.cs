using System.Text.Json;
using Azure;
using Microsoft.Extensions.Logging;
using Scipion.Compute.Slurm;
using Scipion.Core.Compute;
using Scipion.Core.Compute.Sites;
using Scipion.Core.Errors;

namespace Scipion.SiteAgent;

/// <summary>
/// Takes one job request at a time from the transport, stages its inputs in, runs it on the site's backend,
/// reports its state changes, stages its outputs out and only then completes the request. A crash at any point
/// leaves the request to come back after its lease; redoing it is safe because staging skips what is there and
/// submission is idempotent by job id, so no job runs twice to completion. The platform's cancels arrive on the
/// site-cancels storage queue (<see cref="SiteCancels"/>); a transport without one (Service Bus) takes none yet.
/// </summary>
public sealed class SiteJobRunner(ISiteTransport transport, SiteCancels? cancels, SiteAgentOptions options, IComputeBackend backend, ILogger<SiteJobRunner> logger)
{
    /// <summary>On the storage queues the options name: development against Azurite, and small sites.</summary>
    public SiteJobRunner(SiteAgentOptions options, IComputeBackend backend, ILogger<SiteJobRunner> logger)
        : this(new StorageQueueTransport(options), new SiteCancels(SiteQueues.Cancels(options), options.WorkRoot, logger), options, backend, logger)
    {
    }

    /// <summary>Handles the next request, if any; false when there was none.</summary>
    public async Task<bool> RunNextAsync(CancellationToken cancellationToken)
    {
        // Cancels first: a job canceled while it waited in the queue must not start.
        await TakeCancelsAsync(cancellationToken).ConfigureAwait(false);
        var delivery = await transport.ReceiveAsync(cancellationToken).ConfigureAwait(false);
        if (delivery is null)
        {
            return false;
        }

        SiteJobRequest request;
        try
        {
            request = SiteMessages.Deserialize<SiteJobRequest>(delivery.Body);
        }
        catch (JsonException e)
        {
            // Nothing to report to without a job id; keeping it would only block the queue.
            logger.LogError(e, "Rejected site job message {MessageId}: it is not a SiteJobRequest.", delivery.MessageId);
            await transport.RejectAsync(delivery, "NotASiteJobRequest", e.Message, cancellationToken).ConfigureAwait(false);
            return true;
        }

        if (delivery.DeliveryCount > options.MaxDeliveries)
        {
            string reason = $"Gave up after {delivery.DeliveryCount - 1} attempts; see the site agent's log.";
            logger.LogError("Job {JobId}: {Reason}", request.JobId, reason);
            await ReportAsync(delivery, request, new JobStatus(JobId.Parse(request.JobId), JobState.Failed, Message: $"The site could not run the job: {reason}"),
                final: true, [], [], cancellationToken).ConfigureAwait(false);
            await transport.RejectAsync(delivery, "MaxDeliveriesExceeded", reason, cancellationToken).ConfigureAwait(false);
            return true;
        }

        try
        {
            await RunAsync(delivery, request, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (IsTransient(e) && !cancellationToken.IsCancellationRequested)
        {
            // The next attempt picks up where this one stopped.
            logger.LogWarning(e, "Job {JobId} will be retried: {Reason}", request.JobId, e.Message);
            await ReportAsync(delivery, request, new JobStatus(JobId.Parse(request.JobId), JobState.Pending, Message: $"Retrying: {e.Message}"),
                final: false, [], [], cancellationToken).ConfigureAwait(false);
            await transport.AbandonAsync(delivery, options.RetryDelay, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogError(e, "Job {JobId} failed at the site.", request.JobId);
            await ReportAsync(delivery, request, new JobStatus(JobId.Parse(request.JobId), JobState.Failed, Message: $"The site could not run the job: {e.Message}"),
                final: true, [], [], cancellationToken).ConfigureAwait(false);
        }

        await transport.CompleteAsync(delivery, cancellationToken).ConfigureAwait(false);
        return true;
    }

    private async Task RunAsync(SiteDelivery delivery, SiteJobRequest request, CancellationToken cancellationToken)
    {
        var job = request.ToJob(options.WorkRoot);
        IReadOnlyList<string> downloaded = [];
        JobStatus status;
        if (IsCanceled(job.Id))
        {
            status = await CancelBeforeStartAsync(job, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            downloaded = await SiteStaging.StageInAsync(job.WorkingDirectory, request.Inputs, cancellationToken).ConfigureAwait(false);
            status = await backend.SubmitAsync(job, cancellationToken).ConfigureAwait(false);
            await ReportAsync(delivery, request, status, final: false, downloaded, [], cancellationToken).ConfigureAwait(false);
        }

        bool cancelSent = false;
        while (!status.State.IsFinished())
        {
            await Task.Delay(options.PollInterval, cancellationToken).ConfigureAwait(false);
            await transport.KeepAsync(delivery, cancellationToken).ConfigureAwait(false);
            await TakeCancelsAsync(cancellationToken).ConfigureAwait(false);
            if (!cancelSent && IsCanceled(job.Id))
            {
                await backend.CancelAsync(job.Id, cancellationToken).ConfigureAwait(false);
                cancelSent = true;
            }

            var next = await backend.GetStatusAsync(job.Id, cancellationToken).ConfigureAwait(false);
            if (next.State != status.State)
            {
                await ReportAsync(delivery, request, next, final: false, downloaded, [], cancellationToken).ConfigureAwait(false);
            }

            status = next;
        }

        // Failed and canceled jobs' folders go up too: their logs are what the user needs.
        var uploaded = await SiteStaging.StageOutAsync(job.WorkingDirectory, request.OutputFolder, request.OutputContainerUrl, request.OutputPrefix, cancellationToken)
            .ConfigureAwait(false);
        await ReportAsync(delivery, request, status, final: true, downloaded, uploaded, cancellationToken).ConfigureAwait(false);
        cancels?.Forget(job.Id);
    }

    /// <summary>A job canceled before it was taken: stopped if a crashed earlier attempt had submitted it, else never started.</summary>
    private async Task<JobStatus> CancelBeforeStartAsync(JobDescription job, CancellationToken cancellationToken)
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

    private Task TakeCancelsAsync(CancellationToken cancellationToken) => cancels?.TakeAsync(cancellationToken) ?? Task.CompletedTask;

    private bool IsCanceled(JobId id) => cancels?.IsCanceled(id) == true;

    private Task ReportAsync(SiteDelivery delivery, SiteJobRequest request, JobStatus status, bool final, IReadOnlyList<string> downloaded, IReadOnlyList<string> uploaded, CancellationToken cancellationToken)
    {
        var report = new SiteJobReport(request.JobId, options.Site, status.State, status.ExitCode, status.Message, status.LogTail, final, downloaded, uploaded, DateTimeOffset.UtcNow);
        return transport.SendReportAsync(report, delivery, cancellationToken);
    }

    private static bool IsTransient(Exception e) =>
        e is SlurmUnreachableException or HttpRequestException or TimeoutException
        || (e is RequestFailedException failed && (failed.Status is 0 or 408 or 429 || failed.Status >= 500));
}
