namespace Scipion.Core.Compute;

/// <summary>
/// A backend that holds something for a whole run besides its jobs (Azure Batch keeps one open Batch job per run
/// and pool, so that the run's steps can join it one by one) and needs to hear that the run is over to free it.
/// Optional: backends without per-run state do not implement it.
/// </summary>
public interface IRunLifecycle
{
    /// <summary>
    /// The run has ended for good (completed, failed or canceled); anything of it still running may be stopped.
    /// Must be idempotent, since a retried activity calls it again, and must accept a run it never saw.
    /// </summary>
    Task ReleaseRunAsync(string projectId, string runId, CancellationToken cancellationToken = default);
}
