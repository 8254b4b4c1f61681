using System.Globalization;
using Microsoft.Extensions.Options;
using Scipion.Core.Compute;
using Scipion.Core.Errors;

namespace Scipion.Compute.Slurm;

/// <summary>
/// Runs jobs on a Slurm cluster through its command-line tools (sbatch, squeue, scontrol, sacct, scancel),
/// with a batch script, logs (<c>run.out</c>/<c>run.err</c>) and the Slurm job id in the job folder, which
/// must be on a filesystem the cluster's nodes share. Every command has a deadline: a controller that is down
/// raises <see cref="SlurmUnreachableException"/>, never a hang.
/// </summary>
public sealed class SlurmBackend : IComputeBackend, IComputeQueues, IDisposable
{
    public const string OutLog = "run.out";
    public const string ErrLog = "run.err";

    /// <summary>The batch script's one-line reason for a failed command.</summary>
    public const string MessageFile = "slurm.message";

    /// <summary>The fields read from the job completion log once slurmctld has purged a job.</summary>
    internal const string SacctFormat = "--format=JobID,JobName,State,ExitCode,Timelimit,Start,End";

    private readonly SlurmOptions _options;
    private readonly SlurmCli _cli;
    private readonly SemaphoreSlim _submitting = new(1, 1);

    public SlurmBackend(SlurmOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
        _cli = new SlurmCli(options);
        Directory.CreateDirectory(options.StateDirectory);
    }

    public SlurmBackend(IOptions<SlurmOptions> options)
        : this(options?.Value ?? throw new ArgumentNullException(nameof(options)))
    {
    }

    public string Name => "slurm";

    public string? QueueProblem(string queue) =>
        _options.Partitions.Count == 0 || _options.Partitions.Contains(queue, StringComparer.Ordinal)
            ? null
            : $"Slurm has no partition '{queue}' configured for Scipion; expected one of {string.Join(", ", _options.Partitions)}.";

    public async Task<JobStatus> SubmitAsync(JobDescription job, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(job);
        if (job.Commands.Count == 0)
        {
            throw ScipionError.Invalid("commands", $"Job {job.Id} has no commands.");
        }

        string? partition = string.IsNullOrEmpty(job.Queue) ? NullIfEmpty(_options.DefaultPartition) : job.Queue;
        if (partition is not null && QueueProblem(partition) is { } problem)
        {
            throw ScipionError.Invalid("queue", problem);
        }

        await _submitting.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            string folder = Path.GetFullPath(job.JobFolderPath);
            string? existing = await FindAsync(job.Id, folder, cancellationToken).ConfigureAwait(false);
            if (existing is not null)
            {
                RememberFolder(job.Id, folder);
                return await StatusAsync(job.Id, folder, existing, cancellationToken).ConfigureAwait(false);
            }

            CreateFolders(job, folder);
            string script = Path.Combine(folder, SlurmScript.FileName);
            await File.WriteAllTextAsync(script, SlurmScript.Render(job, partition, _options), cancellationToken).ConfigureAwait(false);
            var submitted = await _cli.RunAsync("sbatch", ["--parsable", script], cancellationToken).ConfigureAwait(false);
            if (!submitted.Succeeded)
            {
                throw Refused(job, partition, submitted.Error);
            }

            // --parsable answers "id" or "id;cluster".
            string slurmJobId = submitted.Output.Split(';')[0].Trim();
            new SlurmJobRecord(job.Id.Value, slurmJobId, DateTimeOffset.UtcNow, partition).Write(folder);
            RememberFolder(job.Id, folder);
            return await StatusAsync(job.Id, folder, slurmJobId, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _submitting.Release();
        }
    }

    public async Task<JobStatus> GetStatusAsync(JobId id, CancellationToken cancellationToken = default)
    {
        string folder = FolderOf(id);
        string? slurmJobId = await FindAsync(id, folder, cancellationToken).ConfigureAwait(false);
        return slurmJobId is null
            ? new JobStatus(id, JobState.Failed, LogTail: SlurmLogTail.Of(folder, _options.LogTailLines),
                Message: $"Slurm has no job named {id} and {Path.Combine(folder, SlurmJobRecord.FileName)} is gone. Submit it again.")
            : await StatusAsync(id, folder, slurmJobId, cancellationToken).ConfigureAwait(false);
    }

    public async Task<JobStatus> CancelAsync(JobId id, CancellationToken cancellationToken = default)
    {
        string folder = FolderOf(id);
        string? slurmJobId = await FindAsync(id, folder, cancellationToken).ConfigureAwait(false);
        if (slurmJobId is null)
        {
            return await GetStatusAsync(id, cancellationToken).ConfigureAwait(false);
        }

        var canceled = await _cli.RunAsync("scancel", [slurmJobId], cancellationToken).ConfigureAwait(false);
        if (!canceled.Succeeded && !canceled.Error.Contains("already completed", StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidOperationException($"scancel {slurmJobId} (job {id}) failed: {canceled.Error}");
        }

        // scancel only asks; wait (within one command timeout) until Slurm has ended the job, so callers see the outcome.
        var deadline = DateTimeOffset.UtcNow + _options.CommandTimeout;
        var status = await StatusAsync(id, folder, slurmJobId, cancellationToken).ConfigureAwait(false);
        while (!status.State.IsFinished() && DateTimeOffset.UtcNow < deadline)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(250), cancellationToken).ConfigureAwait(false);
            status = await StatusAsync(id, folder, slurmJobId, cancellationToken).ConfigureAwait(false);
        }

        return status;
    }

    /// <summary>The Slurm job id a job was submitted as, or null when it never reached Slurm.</summary>
    public async Task<string?> SlurmJobIdOfAsync(JobId id, CancellationToken cancellationToken = default) =>
        await FindAsync(id, FolderOf(id), cancellationToken).ConfigureAwait(false);

    public void Dispose() => _submitting.Dispose();

    /// <summary>
    /// The record in the job folder first; else a job of that name Slurm still has (sbatch answered but the
    /// record was never written), which is recorded now.
    /// </summary>
    private async Task<string?> FindAsync(JobId id, string folder, CancellationToken cancellationToken)
    {
        if (SlurmJobRecord.TryRead(folder) is { } record && record.JobId == id.Value)
        {
            return record.SlurmJobId;
        }

        var listed = await _cli.RunAsync("squeue", ["--noheader", "--states=all", $"--name={id.Value}", "--format=%i"], cancellationToken)
            .ConfigureAwait(false);
        if (!listed.Succeeded)
        {
            throw new SlurmUnreachableException($"Slurm is unreachable: squeue failed: {listed.Error}");
        }

        string? found = listed.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(line => long.TryParse(line, CultureInfo.InvariantCulture, out long n) ? n : (long?)null)
            .Where(n => n is not null)
            .Max()?.ToString(CultureInfo.InvariantCulture);
        if (found is not null && Directory.Exists(folder))
        {
            new SlurmJobRecord(id.Value, found, DateTimeOffset.UtcNow, null).Write(folder);
        }

        return found;
    }

    private async Task<JobStatus> StatusAsync(JobId id, string folder, string slurmJobId, CancellationToken cancellationToken)
    {
        string tail = SlurmLogTail.Of(folder, _options.LogTailLines);
        var info = await InfoAsync(id, slurmJobId, cancellationToken).ConfigureAwait(false);
        if (info is null)
        {
            return new JobStatus(id, JobState.Failed, LogTail: tail,
                Message: $"Slurm has no record of job {slurmJobId} ({id}): it was purged and is not in the job completion log (JobCompLoc).");
        }

        string messagePath = Path.Combine(folder, MessageFile);
        string? scriptMessage = File.Exists(messagePath) ? (await File.ReadAllTextAsync(messagePath, cancellationToken).ConfigureAwait(false)).Trim() : null;
        var (state, exitCode, message) = SlurmStates.Map(info, string.IsNullOrEmpty(scriptMessage) ? null : scriptMessage);
        return new JobStatus(id, state, exitCode, state == JobState.Completed ? 1.0 : null, tail, message, info.StartedAt,
            state.IsFinished() ? info.FinishedAt : null);
    }

    /// <summary>From scontrol while slurmctld keeps the job (MinJobAge), else from the job completion log through sacct -c.</summary>
    private async Task<SlurmJobInfo?> InfoAsync(JobId id, string slurmJobId, CancellationToken cancellationToken)
    {
        var shown = await _cli.RunAsync("scontrol", ["show", "job", "-o", slurmJobId], cancellationToken).ConfigureAwait(false);
        if (shown.Succeeded && shown.Output.Length > 0)
        {
            var info = SlurmJobInfo.FromScontrol(shown.Output.Split('\n')[0]);
            if (info.JobName == id.Value)
            {
                return info;
            }
        }
        else if (!shown.Error.Contains("Invalid job id", StringComparison.OrdinalIgnoreCase))
        {
            throw new SlurmUnreachableException($"Slurm is unreachable: scontrol show job {slurmJobId} failed: {shown.Error}");
        }

        var completed = await _cli.RunAsync(
            "sacct", ["-c", "-n", "-P", SacctFormat, "-j", slurmJobId], cancellationToken)
            .ConfigureAwait(false);
        return !completed.Succeeded
            ? null
            : completed.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Select(SlurmJobInfo.FromSacct)
                .LastOrDefault(i => i.SlurmJobId == slurmJobId && i.JobName == id.Value);
    }

    private static Exception Refused(JobDescription job, string? partition, string error)
    {
        // Slurm's words for a request it can never satisfy are the user's to fix, not a transient failure.
        if (error.Contains("invalid partition", StringComparison.OrdinalIgnoreCase))
        {
            return ScipionError.Invalid("queue", $"Slurm has no partition '{partition}': {error}");
        }

        if (error.Contains("Requested node configuration is not available", StringComparison.OrdinalIgnoreCase)
            || error.Contains("More processors requested than permitted", StringComparison.OrdinalIgnoreCase)
            || error.Contains("Memory specification can not be satisfied", StringComparison.OrdinalIgnoreCase)
            || error.Contains("Invalid generic resource", StringComparison.OrdinalIgnoreCase))
        {
            return ScipionError.Invalid("resources", $"Slurm cannot run job {job.Id} as asked ({job.Resources}): {error}");
        }

        return new InvalidOperationException($"sbatch refused job {job.Id}: {error}");
    }

    private static void CreateFolders(JobDescription job, string folder)
    {
        // RELION programs fail with "Cannot write file" when the folder of an output is missing.
        Directory.CreateDirectory(folder);
        foreach (string output in job.Outputs)
        {
            string? outputFolder = Path.GetDirectoryName(Path.Combine(job.WorkingDirectory, output));
            if (!string.IsNullOrEmpty(outputFolder) && !outputFolder.Contains('*', StringComparison.Ordinal))
            {
                Directory.CreateDirectory(outputFolder);
            }
        }

        // A fresh submission starts with fresh logs (the script appends, for requeues) and no stale reason.
        foreach (string file in new[] { OutLog, ErrLog, MessageFile, SlurmJobRecord.FileName })
        {
            File.Delete(Path.Combine(folder, file));
        }
    }

    private static string? NullIfEmpty(string text) => text.Length == 0 ? null : text;

    private string IndexPath(JobId id) => Path.Combine(_options.StateDirectory, id.Value + ".folder");

    private void RememberFolder(JobId id, string folder) => File.WriteAllText(IndexPath(id), folder);

    private string FolderOf(JobId id)
    {
        string index = IndexPath(id);
        return File.Exists(index) ? File.ReadAllText(index).Trim() : throw ScipionError.NotFound($"Job {id}");
    }
}
