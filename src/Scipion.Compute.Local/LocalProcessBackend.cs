using System.Collections.Concurrent;
using System.ComponentModel;
using System.Diagnostics;
using Scipion.Core.Compute;
using Scipion.Core.Errors;

namespace Scipion.Compute.Local;

/// <summary>
/// Runs jobs as child processes of this host, in their working directory, logging to
/// <c>run.out</c>/<c>run.err</c> in the job folder as RELION's own GUI does.
/// </summary>
public sealed class LocalProcessBackend : IComputeBackend, IDisposable
{
    public const string OutLog = "run.out";
    public const string ErrLog = "run.err";
    public const string NoteFile = "note.txt";

    private static readonly Process Host = Process.GetCurrentProcess();
    private static readonly DateTimeOffset HostStartedAt = new(Host.StartTime.ToUniversalTime(), TimeSpan.Zero);

    private readonly LocalBackendOptions _options;
    private readonly ConcurrentDictionary<JobId, LocalJobRun> _running = new();
    private readonly SemaphoreSlim _submitting = new(1, 1);

    public LocalProcessBackend(LocalBackendOptions? options = null)
    {
        _options = options ?? new LocalBackendOptions();
        Directory.CreateDirectory(_options.StateDirectory);
    }

    public string Name => "local";

    public async Task<JobStatus> SubmitAsync(JobDescription job, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(job);
        if (job.Commands.Count == 0)
        {
            throw ScipionError.Invalid("commands", $"Job {job.Id} has no commands.");
        }

        await _submitting.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_running.ContainsKey(job.Id))
            {
                return Status(job.Id, job.JobFolderPath);
            }

            string folder = job.JobFolderPath;
            var existing = LocalJobRecord.TryRead(folder);
            // Streaming batches reuse a job folder (MotionCorr/job001) under new job ids: only this job's own finished
            // record means "already done"; an earlier batch's would skip every movie after the first.
            if (existing is not null && existing.Id == job.Id.Value && existing.State.IsFinished())
            {
                RememberFolder(job.Id, folder);
                return Status(job.Id, folder);
            }

            // Anything else (never run, torn state, a Running record whose host died) runs from the start.
            CreateFolders(job);
            RememberFolder(job.Id, folder);
            var run = new LocalJobRun(job, _options, HostRecord);
            _running[job.Id] = run;
            run.Start(() => _running.TryRemove(job.Id, out _));
            return Status(job.Id, folder);
        }
        finally
        {
            _submitting.Release();
        }
    }

    public Task<JobStatus> GetStatusAsync(JobId id, CancellationToken cancellationToken = default) =>
        Task.FromResult(Status(id, FolderOf(id)));

    public async Task<JobStatus> CancelAsync(JobId id, CancellationToken cancellationToken = default)
    {
        string folder = FolderOf(id);
        if (_running.TryGetValue(id, out var run))
        {
            await run.CancelAsync().ConfigureAwait(false);
        }

        return Status(id, folder);
    }

    /// <summary>Waits until the job has finished, polling its state file.</summary>
    public async Task<JobStatus> WaitAsync(JobId id, CancellationToken cancellationToken = default)
    {
        if (_running.TryGetValue(id, out var run))
        {
            await run.Completion.WaitAsync(cancellationToken).ConfigureAwait(false);
        }

        return Status(id, FolderOf(id));
    }

    public void Dispose()
    {
        foreach (var run in _running.Values)
        {
            run.Dispose();
        }

        _submitting.Dispose();
    }

    internal static LocalJobRecord HostRecord(LocalJobRecord record) =>
        record with { HostProcessId = Environment.ProcessId, HostStartedAt = HostStartedAt };

    private JobStatus Status(JobId id, string folder)
    {
        var record = LocalJobRecord.TryRead(folder);
        string tail = LogTail.Of(folder, _options.LogTailLines);
        if (record is null)
        {
            return new JobStatus(id, JobState.Pending, LogTail: tail);
        }

        var state = record.State;
        string? message = record.Message;
        if (!state.IsFinished() && !_running.ContainsKey(id) && !IsOwnerAlive(record))
        {
            state = JobState.Failed;
            message = "Interrupted: the host that ran this job stopped. Submit it again to rerun it.";
        }

        double? progress = state switch
        {
            JobState.Completed => 1.0,
            _ when record.CommandCount == 0 => null,
            JobState.Running => (record.CommandIndex + (LogProgress.Of(tail) ?? 0)) / record.CommandCount,
            _ => (double)record.CommandIndex / record.CommandCount,
        };
        return new JobStatus(id, state, record.ExitCode, progress, tail, message, record.StartedAt, record.FinishedAt);
    }

    private static bool IsOwnerAlive(LocalJobRecord record)
    {
        if (record.HostProcessId == Environment.ProcessId && record.HostStartedAt == HostStartedAt)
        {
            return true;
        }

        try
        {
            using var owner = Process.GetProcessById(record.HostProcessId);
            return Math.Abs((owner.StartTime.ToUniversalTime() - record.HostStartedAt.UtcDateTime).TotalSeconds) < 1;
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException or Win32Exception)
        {
            return false;
        }
    }

    private static void CreateFolders(JobDescription job)
    {
        // RELION programs fail with "Cannot write file" when the folder of an output is missing.
        Directory.CreateDirectory(job.JobFolderPath);
        foreach (string output in job.Outputs)
        {
            string? folder = Path.GetDirectoryName(Path.Combine(job.WorkingDirectory, output));
            if (!string.IsNullOrEmpty(folder) && !folder.Contains('*', StringComparison.Ordinal))
            {
                Directory.CreateDirectory(folder);
            }
        }

        // A rerun starts with fresh logs and no stale state.
        foreach (string file in new[] { OutLog, ErrLog, LocalJobRecord.FileName })
        {
            File.Delete(Path.Combine(job.JobFolderPath, file));
        }
    }

    private string IndexPath(JobId id) => Path.Combine(_options.StateDirectory, id.Value + ".folder");

    private void RememberFolder(JobId id, string folder) => File.WriteAllText(IndexPath(id), Path.GetFullPath(folder));

    private string FolderOf(JobId id)
    {
        if (_running.TryGetValue(id, out var run))
        {
            return run.Job.JobFolderPath;
        }

        string index = IndexPath(id);
        return File.Exists(index) ? File.ReadAllText(index).Trim() : throw ScipionError.NotFound($"Job {id}");
    }
}
