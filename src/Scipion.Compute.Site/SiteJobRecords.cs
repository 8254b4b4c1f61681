using Azure;
using Azure.Data.Tables;
using Scipion.Core.Compute;
using Scipion.Core.Compute.Sites;

namespace Scipion.Compute.Site;

/// <summary>
/// The durable status of site jobs (table <c>sitejobs</c>): written when the platform submits or cancels a job and
/// when a site reports, read by the site backend. Report updates are conditional on the row's ETag, so a report
/// and a submit or another report landing together cannot overwrite each other.
/// </summary>
public sealed class SiteJobRecords(TableClient table)
{
    public async Task<SiteJobRecord?> FindAsync(JobId id, CancellationToken cancellationToken)
    {
        var row = await table.GetEntityIfExistsAsync<SiteJobRecord>(id.Value, SiteJobRecord.StatusRow, cancellationToken: cancellationToken);
        return row.HasValue ? row.Value : null;
    }

    /// <returns>False when the job already has a record (an earlier submit).</returns>
    public async Task<bool> AddAsync(SiteJobRecord record, CancellationToken cancellationToken)
    {
        try
        {
            await table.AddEntityAsync(record, cancellationToken);
            return true;
        }
        catch (RequestFailedException e) when (e.Status == 409)
        {
            return false;
        }
    }

    public Task MarkSentAsync(JobId id, CancellationToken cancellationToken) =>
        MergeAsync(id, nameof(SiteJobRecord.Sent), true, cancellationToken);

    public Task MarkCancelRequestedAsync(JobId id, CancellationToken cancellationToken) =>
        MergeAsync(id, nameof(SiteJobRecord.CancelRequested), true, cancellationToken);

    /// <summary>Takes in a site's report (see <see cref="SiteJobRecord.Apply"/>).</summary>
    /// <returns>Whether it changed the record; false for stale and repeated reports and for jobs this platform never sent.</returns>
    public async Task<bool> RecordAsync(SiteJobReport report, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(report);
        if (!JobId.TryParse(report.JobId, out var id))
        {
            return false;
        }

        while (true)
        {
            var record = await FindAsync(id, cancellationToken);
            if (record is null || !record.Apply(report))
            {
                return false;
            }

            try
            {
                await table.UpdateEntityAsync(record, record.ETag, TableUpdateMode.Replace, cancellationToken);
                return true;
            }
            catch (RequestFailedException e) when (e.Status == 412)
            {
                // Someone wrote the row since it was read: read it again and decide again.
            }
        }
    }

    // A merge of one property leaves the rest of the row, reports included, as it is.
    private Task MergeAsync(JobId id, string property, object value, CancellationToken cancellationToken) =>
        table.UpdateEntityAsync(new TableEntity(id.Value, SiteJobRecord.StatusRow) { [property] = value }, ETag.All, TableUpdateMode.Merge, cancellationToken);
}
