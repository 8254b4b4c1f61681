using Scipion.Core.Compute;
using Scipion.Core.Compute.Sites;
using Scipion.Core.Errors;

namespace Scipion.Compute.Site;

/// <summary>
/// Runs jobs at a compute site that shares no storage with the platform: a job becomes a <see cref="SiteJobRequest"/>
/// (SAS URLs for its files) on the site's queue, the site's agent runs it and reports back, and the reports land in
/// <see cref="SiteJobRecords"/>, which status reads. The site moves the files itself, to and from project storage.
/// </summary>
public sealed class SiteBackend(SiteOptions options, SiteJobRecords records, ISiteJobQueue queue, SiteFileUrls urls, TimeProvider clock)
    : IComputeBackend, IComputeQueues
{
    public string Name => options.Name;

    public JobFiles Files => JobFiles.InProjectStorage;

    /// <summary>
    /// Records the job, then sends its request; a job already sent is only looked at. A host that dies between the
    /// send and marking it sent sends it again on the next submit: the agent runs a repeated request once (staging
    /// skips what it has, Slurm submission is idempotent by job id).
    /// </summary>
    public async Task<JobStatus> SubmitAsync(JobDescription job, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(job);
        var record = await records.FindAsync(job.Id, cancellationToken);
        if (record is { Sent: true })
        {
            return record.ToStatus();
        }

        string projectId = job.ProjectId
            ?? throw ScipionError.Invalid("job", $"Job {job.Id} names no project; the {Name} backend moves files to and from project storage.");
        if (record is null)
        {
            record = SiteJobRecord.Submitted(job.Id, Name, projectId, clock.GetUtcNow());
            await records.AddAsync(record, cancellationToken);
        }

        await queue.SendAsync(await RequestAsync(job, projectId, cancellationToken), cancellationToken);
        await records.MarkSentAsync(job.Id, cancellationToken);
        return (await records.FindAsync(job.Id, cancellationToken) ?? record).ToStatus();
    }

    public async Task<JobStatus> GetStatusAsync(JobId id, CancellationToken cancellationToken = default) =>
        (await FindAsync(id, cancellationToken)).ToStatus();

    /// <summary>Sends a cancel the agent honours (scancel, or dropping a job it has not started); a finished job keeps its outcome.</summary>
    public async Task<JobStatus> CancelAsync(JobId id, CancellationToken cancellationToken = default)
    {
        var record = await FindAsync(id, cancellationToken);
        if (record.Final)
        {
            return record.ToStatus();
        }

        await queue.SendAsync(new SiteJobCancel(id.Value, clock.GetUtcNow()), cancellationToken);
        await records.MarkCancelRequestedAsync(id, cancellationToken);
        record.CancelRequested = true;
        return record.ToStatus();
    }

    public string? QueueProblem(string queue) =>
        options.Partitions.Count == 0 || options.Partitions.Contains(queue, StringComparer.Ordinal)
            ? null
            : $"Site {Name} has no partition '{queue}'; it has {string.Join(", ", options.Partitions)}.";

    private async Task<SiteJobRecord> FindAsync(JobId id, CancellationToken cancellationToken) =>
        await records.FindAsync(id, cancellationToken) ?? throw ScipionError.NotFound($"Job {id} at site {Name}");

    /// <summary>
    /// The site works in <c>{projectId}/{run workspace}</c> under its own work root, laid out like the platform's
    /// workspace and the project folder, so RELION's relative paths mean the same, and a run's later steps find the
    /// files of its earlier ones there.
    /// </summary>
    private async Task<SiteJobRequest> RequestAsync(JobDescription job, string projectId, CancellationToken cancellationToken)
    {
        string run = Path.GetFileName(Path.TrimEndingDirectorySeparator(job.WorkingDirectory));
        var inputs = await urls.InputsAsync(projectId, job.Inputs, cancellationToken);
        var outputs = await urls.OutputsAsync(projectId, cancellationToken);
        return SiteJobRequest.For(job, $"{projectId}/{run}", inputs, job.OutputFolder, outputs, string.Empty);
    }
}
