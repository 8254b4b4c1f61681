using System.Collections.Concurrent;
using Scipion.Core.Compute;
using Scipion.Core.Errors;

namespace Scipion.Bench.Workflows;

/// <summary>
/// A compute backend whose jobs are done the moment they are submitted and write nothing: what is measured is the
/// platform (API, storage, events, orchestration), not RELION. Reports then find no results, so each batch ends
/// Failed after its steps Completed; the load benchmark counts a movie processed when its steps have finished.
/// </summary>
public sealed class NoOpBackend : IComputeBackend
{
    public const string BackendName = "noop";

    private readonly ConcurrentDictionary<string, JobStatus> _jobs = new(StringComparer.Ordinal);

    public string Name => BackendName;

    public Task<JobStatus> SubmitAsync(JobDescription job, CancellationToken cancellationToken = default)
    {
        var now = DateTimeOffset.UtcNow;
        return Task.FromResult(_jobs.GetOrAdd(job.Id.Value, _ => new JobStatus(job.Id, JobState.Completed, 0, 1.0, string.Empty, "no-op", now, now)));
    }

    public Task<JobStatus> GetStatusAsync(JobId id, CancellationToken cancellationToken = default) =>
        _jobs.TryGetValue(id.Value, out var status) ? Task.FromResult(status) : throw ScipionError.NotFound($"Job '{id.Value}'");

    public Task<JobStatus> CancelAsync(JobId id, CancellationToken cancellationToken = default) => GetStatusAsync(id, cancellationToken);
}
