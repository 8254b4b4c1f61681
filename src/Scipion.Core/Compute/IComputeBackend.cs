namespace Scipion.Core.Compute;

/// <summary>
/// Where jobs run (local processes, a batch system). Submission is idempotent by job id: submitting
/// an id the backend already knows returns that job's status and starts nothing, so orchestration
/// retries are safe.
/// </summary>
public interface IComputeBackend
{
    string Name { get; }

    /// <summary>Where the backend's jobs find their files; most work in the platform's local work folder.</summary>
    JobFiles Files => JobFiles.InWorkFolder;

    Task<JobStatus> SubmitAsync(JobDescription job, CancellationToken cancellationToken = default);

    /// <summary>The job's status; an id the backend never saw is a <see cref="Errors.ScipionError"/> NotFound.</summary>
    Task<JobStatus> GetStatusAsync(JobId id, CancellationToken cancellationToken = default);

    Task<JobStatus> CancelAsync(JobId id, CancellationToken cancellationToken = default);
}
