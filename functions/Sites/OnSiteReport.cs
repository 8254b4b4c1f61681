using System.Text.Json;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;
using Scipion.Compute.Site;
using Scipion.Core;
using Scipion.Core.Compute.Sites;
using Scipion.Functions.Events;

namespace Scipion.Functions.Sites;

/// <summary>A compute site's agent reports on a job: the job's status record takes it in, and the site backend reads that.</summary>
public sealed class OnSiteReport(SiteJobRecords records, ILogger<OnSiteReport> logger)
{
    [Function(nameof(OnSiteReport))]
    public async Task Run([QueueTrigger(StorageNames.SiteReportsQueue, Connection = OnBlobCreated.Connection)] string message,
        CancellationToken cancellationToken)
    {
        SiteJobReport report;
        try
        {
            report = SiteMessages.Deserialize<SiteJobReport>(message);
        }
        catch (JsonException e)
        {
            // Retrying cannot make it a report; say so once instead of poisoning the queue.
            logger.LogWarning(e, "Ignored a site-reports message that is not a report: {Message}", message.Length > 200 ? message[..200] : message);
            return;
        }

        bool news = await records.RecordAsync(report, cancellationToken);
        logger.LogInformation("Site {Site} reported job {Job} {State}{Final}: {Outcome}", report.Site, report.JobId, report.State,
            report.Final ? " (final)" : string.Empty, news ? "recorded" : "stale, repeated or unknown; ignored");
    }
}
