using Azure;
using Azure.Data.Tables;
using Scipion.Core.Compute;
using Scipion.Core.Compute.Sites;

namespace Scipion.Compute.Site;

/// <summary>
/// What the platform knows of one job at a site (a row of table <c>sitejobs</c>, keyed by job id): when it was
/// submitted and sent, whether a cancel went out, and the newest report. Reports arrive through a queue, so
/// duplicates and reordering are normal: <see cref="Apply"/> decides which report tells the truth.
/// </summary>
public sealed class SiteJobRecord : ITableEntity
{
    public const string StatusRow = "status";

    // Table properties hold 64 KiB (32K UTF-16 characters); the end of a log is the part worth keeping.
    private const int MaxLogTail = 16_000;

    public string PartitionKey { get; set; } = string.Empty;

    public string RowKey { get; set; } = StatusRow;

    public DateTimeOffset? Timestamp { get; set; }

    public ETag ETag { get; set; }

    public string Site { get; set; } = string.Empty;

    public string ProjectId { get; set; } = string.Empty;

    public DateTimeOffset SubmittedAt { get; set; }

    /// <summary>The request is on the site's queue; until then a submit sends it (again).</summary>
    public bool Sent { get; set; }

    public bool CancelRequested { get; set; }

    /// <summary>The newest report's state; null before the first report.</summary>
    public string? State { get; set; }

    public int? ExitCode { get; set; }

    public string? Message { get; set; }

    public string LogTail { get; set; } = string.Empty;

    /// <summary>The site has finished the job and uploaded its outputs.</summary>
    public bool Final { get; set; }

    /// <summary>The site's time of the report the record shows.</summary>
    public DateTimeOffset? ReportedAt { get; set; }

    public DateTimeOffset? StartedAt { get; set; }

    public DateTimeOffset? FinishedAt { get; set; }

    public int UploadedFiles { get; set; }

    public static SiteJobRecord Submitted(JobId id, string site, string projectId, DateTimeOffset at) =>
        new() { PartitionKey = id.Value, Site = site, ProjectId = projectId, SubmittedAt = at };

    /// <summary>
    /// Takes in a report when it is news. A final report (the job finished and its outputs are uploaded) outranks
    /// every other; among reports of the same rank the site's latest wins. Older, repeated, and non-final reports
    /// after a final one change nothing. The start time is the earliest report of the job running, whenever it comes.
    /// </summary>
    /// <returns>Whether the record changed.</returns>
    public bool Apply(SiteJobReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        bool changed = false;
        if (report.State == JobState.Running && (StartedAt is null || report.At < StartedAt))
        {
            StartedAt = report.At;
            changed = true;
        }

        bool outranked = (Final && !report.Final) || (Final == report.Final && ReportedAt is { } at && report.At <= at);
        if (outranked)
        {
            return changed;
        }

        State = report.State.ToString();
        ExitCode = report.ExitCode;
        Message = report.Message;
        LogTail = report.LogTail.Length > MaxLogTail ? report.LogTail[^MaxLogTail..] : report.LogTail;
        Final = report.Final;
        ReportedAt = report.At;
        FinishedAt = report.Final ? report.At : null;
        UploadedFiles = report.Uploaded.Count;
        return true;
    }

    /// <summary>
    /// The job's status as the workflow reads it. A job is finished only once its final report says its outputs are
    /// in the project; a site that has seen the job end but is still uploading reads as running.
    /// </summary>
    public JobStatus ToStatus()
    {
        var id = JobId.Parse(PartitionKey);
        var state = Enum.TryParse<JobState>(State, out var reported) ? reported : (JobState?)null;
        string? cancel = CancelRequested && !Final ? " Cancel requested; waiting for the site to confirm." : null;
        if (state is null)
        {
            return new JobStatus(id, JobState.Pending, Message: $"Queued for site {Site} since {SubmittedAt:u}; waiting for its agent to take it.{cancel}");
        }

        if (!Final && state.Value.IsFinished())
        {
            return new JobStatus(id, JobState.Running, ExitCode, LogTail: LogTail, StartedAt: StartedAt,
                Message: $"{state} at site {Site}; uploading its outputs.{cancel}");
        }

        return new JobStatus(id, state.Value, ExitCode, LogTail: LogTail, Message: cancel is null ? Message : $"{Message}{cancel}".Trim(),
            StartedAt: StartedAt, FinishedAt: FinishedAt);
    }
}
