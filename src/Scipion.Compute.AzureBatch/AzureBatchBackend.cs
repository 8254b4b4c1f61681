using System.Collections.Concurrent;
using System.Text.Json;
using Azure.Core.Pipeline;
using Scipion.Core.Compute;
using Scipion.Core.Errors;

namespace Scipion.Compute.AzureBatch;

/// <summary>
/// Runs jobs as Azure Batch tasks over the data-plane REST API: one Batch job per run and pool, one task per step
/// (task id derived from the <see cref="JobId"/>, so submission is idempotent), working in the run's folder on the
/// pools' scratch share. Tasks stage the project files they read in, and their outputs out, with SAS URLs on the
/// project's own container, as a compute site does. See docs/azure-batch.md.
/// </summary>
public sealed class AzureBatchBackend : IComputeBackend, IComputeQueues, IRunLifecycle
{
    private const string StdOut = "stdout.txt";
    private const string StdErr = "stderr.txt";

    private readonly BatchRestClient _client;
    private readonly BatchOptions _options;
    private readonly IJobFileUrls? _files;

    // Which pool's job holds a step, learnt at submission; after a restart it is found again by asking each pool.
    private readonly ConcurrentDictionary<JobId, string> _poolOf = new();

    // Batch shows a terminated task as completed with a failure; what this host terminated it reports as Canceled.
    private readonly ConcurrentDictionary<JobId, bool> _canceled = new();

    /// <param name="files">Signs the staging URLs; without it (a host with no project storage) nothing can be submitted.</param>
    public AzureBatchBackend(HttpPipeline pipeline, BatchOptions options, IJobFileUrls? files = null)
    {
        ArgumentNullException.ThrowIfNull(pipeline);
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
        _files = files;
        _client = new BatchRestClient(pipeline, new Uri(options.AccountEndpoint));
    }

    public string Name => "azure-batch";

    /// <summary>A queue is a name for a pool (<see cref="BatchOptions.Queues"/>).</summary>
    public string? QueueProblem(string queue) => PoolChoice.QueueProblem(queue, _options);

    /// <summary>
    /// Tasks move their own files between project storage and the nodes: the workflow publishes earlier steps' outputs
    /// before a task (and tells it every file of the run) and fetches its outputs after it.
    /// </summary>
    public JobFiles Files => JobFiles.InProjectStorage;

    public async Task<JobStatus> SubmitAsync(JobDescription job, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(job);
        if (job.Commands.Count == 0)
        {
            throw ScipionError.Invalid("commands", $"Job {job.Id} has no commands.");
        }

        var workspace = NodeWorkspace.Map(job.WorkingDirectory, _options);
        var pool = PoolChoice.For(job.Resources, _options, job.Queue);
        string batchJob = BatchIds.JobFor(job.Id, pool.PoolId);
        var files = _files ?? throw ScipionError.NotSupported("The Azure Batch backend needs project storage to sign its tasks' staging URLs.");
        string projectId = job.ProjectId ?? workspace.ProjectId;
        var lifetime = StagingLifetime(job.Resources.WallTime);
        var inputs = await files.InputsAsync(projectId, job.Inputs, lifetime, cancellationToken).ConfigureAwait(false);
        var outputs = await files.OutputsAsync(projectId, lifetime, cancellationToken).ConfigureAwait(false);

        await _client.CreateJobAsync(BatchJobContent.For(job, workspace, pool), cancellationToken).ConfigureAwait(false);
        bool created = await _client.CreateTaskAsync(batchJob, BatchTaskContent.For(job, workspace, pool, _options, inputs, outputs), cancellationToken).ConfigureAwait(false);
        _poolOf[job.Id] = pool.PoolId;
        if (created)
        {
            return new JobStatus(job.Id, JobState.Pending, Message: $"Submitted to Azure Batch pool {pool.PoolId}.");
        }

        // TaskExists: a retried submission. Report the task Batch already has; start nothing.
        return await GetStatusAsync(job.Id, cancellationToken).ConfigureAwait(false);
    }

    public async Task<JobStatus> GetStatusAsync(JobId id, CancellationToken cancellationToken = default)
    {
        var (poolId, task) = await FindAsync(id, cancellationToken).ConfigureAwait(false);
        return await StatusAsync(id, poolId, task, cancellationToken).ConfigureAwait(false);
    }

    public async Task<JobStatus> CancelAsync(JobId id, CancellationToken cancellationToken = default)
    {
        var (poolId, task) = await FindAsync(id, cancellationToken).ConfigureAwait(false);
        if (BatchTaskState.Read(id, task, poolId, _canceled.ContainsKey(id)).State.IsFinished())
        {
            // Already over: terminating would only relabel a finished result as canceled.
            return await StatusAsync(id, poolId, task, cancellationToken).ConfigureAwait(false);
        }

        if (await _client.TerminateTaskAsync(BatchIds.JobFor(id, poolId), BatchIds.TaskFor(id), cancellationToken).ConfigureAwait(false))
        {
            _canceled[id] = true;
        }

        return await GetStatusAsync(id, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The workflow's end-of-run call: terminates the run's Batch jobs (<see cref="TerminateRunAsync"/>).</summary>
    public Task ReleaseRunAsync(string projectId, string runId, CancellationToken cancellationToken = default) =>
        TerminateRunAsync(runId, cancellationToken);

    /// <summary>
    /// Ends a finished run's Batch jobs (Jobs_TerminateJob), which otherwise stay active and count against the
    /// account's active-job quota. Call when the run is over; steps still running are terminated.
    /// </summary>
    public async Task TerminateRunAsync(string runId, CancellationToken cancellationToken = default)
    {
        var run = JobId.Parse(runId);
        foreach (string poolId in Pools())
        {
            await _client.TerminateJobAsync(BatchIds.JobFor(run, poolId), "Run finished", cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Creates the GPU and MPI pools (<see cref="BatchPoolDefinitions"/>) where they are missing; an existing pool
    /// (409 PoolExists) is left as it is. Returns the ids of the pools it created. Needs a role that may create pools,
    /// which the deployed app's "Azure Batch Job Submitter" is not: run it with an operator's identity.
    /// </summary>
    public async Task<IReadOnlyList<string>> EnsurePoolsAsync(CancellationToken cancellationToken = default)
    {
        var created = new List<string>();
        foreach (var pool in BatchPoolDefinitions.All(_options))
        {
            if (await _client.CreatePoolAsync(pool, cancellationToken).ConfigureAwait(false))
            {
                created.Add((string)pool["id"]!);
            }
        }

        return created;
    }

    private async Task<(string PoolId, JsonElement Task)> FindAsync(JobId id, CancellationToken cancellationToken)
    {
        var candidates = _poolOf.TryGetValue(id, out var known) ? Pools().Where(p => p != known).Prepend(known) : Pools();
        foreach (string poolId in candidates)
        {
            if (await _client.GetTaskAsync(BatchIds.JobFor(id, poolId), BatchIds.TaskFor(id), cancellationToken).ConfigureAwait(false) is { } task)
            {
                _poolOf[id] = poolId;
                return (poolId, task);
            }
        }

        throw ScipionError.NotFound($"Job {id}");
    }

    private async Task<JobStatus> StatusAsync(JobId id, string poolId, JsonElement task, CancellationToken cancellationToken)
    {
        var status = BatchTaskState.Read(id, task, poolId, _canceled.ContainsKey(id));
        if (status.State == JobState.Pending)
        {
            return status;
        }

        return status with { LogTail = await LogTailAsync(id, poolId, cancellationToken).ConfigureAwait(false) };
    }

    /// <summary>The task's wall time plus the margin for waiting and uploading, at most 7 days (a user-delegation SAS's limit).</summary>
    private TimeSpan StagingLifetime(TimeSpan wallTime)
    {
        var lifetime = wallTime + _options.StagingUrlMargin;
        return lifetime > TimeSpan.FromDays(7) ? TimeSpan.FromDays(7) : lifetime;
    }

    // Every pool a step can have gone to: the three roles and whatever a queue names.
    private IEnumerable<string> Pools() =>
        new[] { _options.GpuPoolId, _options.MpiPoolId, _options.ResolvedDefaultPoolId }
            .Concat(_options.ResolvedQueues.Values)
            .Distinct(StringComparer.Ordinal);

    /// <summary>
    /// Best effort: a node released by autoscale takes the task's files with it (run.out/run.err in the job folder
    /// on the mount remain), and a missing log must not make the status itself fail.
    /// </summary>
    private async Task<string> LogTailAsync(JobId id, string poolId, CancellationToken cancellationToken)
    {
        string job = BatchIds.JobFor(id, poolId);
        string task = BatchIds.TaskFor(id);
        try
        {
            string output = LogText.Tail(await _client.GetTaskFileTailAsync(job, task, StdOut, _options.LogTailBytes, cancellationToken).ConfigureAwait(false), _options.LogTailLines);
            string errors = LogText.Tail(await _client.GetTaskFileTailAsync(job, task, StdErr, _options.LogTailBytes, cancellationToken).ConfigureAwait(false), _options.LogTailLines);
            return LogText.Combine(output, errors, StdErr);
        }
        catch (BatchRequestException e) when (e.Status is 404 or 409)
        {
            return string.Empty;
        }
    }
}
