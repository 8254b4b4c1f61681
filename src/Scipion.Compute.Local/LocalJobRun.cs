using System.ComponentModel;
using System.Diagnostics;
using Scipion.Core.Compute;

namespace Scipion.Compute.Local;

/// <summary>One job's commands running in sequence, with its state file kept current.</summary>
internal sealed class LocalJobRun : IDisposable
{
    private readonly LocalBackendOptions _options;
    private readonly Func<LocalJobRecord, LocalJobRecord> _stampHost;
    private readonly CancellationTokenSource _cancel = new();
    private readonly object _gate = new();
    private Process? _process;
    private bool _canceledByUser;
    private LocalJobRecord _record;

    public LocalJobRun(JobDescription job, LocalBackendOptions options, Func<LocalJobRecord, LocalJobRecord> stampHost)
    {
        Job = job;
        _options = options;
        _stampHost = stampHost;
        _record = stampHost(new LocalJobRecord
        {
            Id = job.Id.Value,
            State = JobState.Pending,
            CommandCount = job.Commands.Count,
        });
        _record.Write(job.JobFolderPath);
    }

    public JobDescription Job { get; }

    public Task Completion { get; private set; } = Task.CompletedTask;

    public void Start(Action onFinished)
    {
        Completion = Task.Run(async () =>
        {
            try
            {
                await RunAsync().ConfigureAwait(false);
            }
            finally
            {
                onFinished();
            }
        });
    }

    public async Task CancelAsync()
    {
        lock (_gate)
        {
            _canceledByUser = true;
        }

        await _cancel.CancelAsync().ConfigureAwait(false);
        KillTree();
        await Completion.ConfigureAwait(false);
    }

    public void Dispose()
    {
        KillTree();
        _cancel.Dispose();
    }

    private async Task RunAsync()
    {
        string folder = Job.JobFolderPath;
        Save(_record with { State = JobState.Running, StartedAt = DateTimeOffset.UtcNow });
        File.WriteAllLines(Path.Combine(folder, LocalProcessBackend.NoteFile), Job.Commands.Select(c => Describe(c).ToString()));

        using var wallTime = CancellationTokenSource.CreateLinkedTokenSource(_cancel.Token);
        wallTime.CancelAfter(Job.Resources.WallTime);

        await using var output = Open(LocalProcessBackend.OutLog);
        await using var errors = Open(LocalProcessBackend.ErrLog);
        for (int i = 0; i < Job.Commands.Count; i++)
        {
            Save(_record with { CommandIndex = i });
            var command = Describe(Job.Commands[i]);
            await output.WriteLineAsync($"+ {command}").ConfigureAwait(false);
            await output.FlushAsync().ConfigureAwait(false);

            int exitCode;
            try
            {
                exitCode = await RunOneAsync(command, output, errors, wallTime.Token).ConfigureAwait(false);
            }
            catch (Win32Exception e)
            {
                string message = $"Could not start {command.Program}: {e.Message}. Is it installed? (RELION: scripts/install-relion.sh)";
                await errors.WriteLineAsync(message).ConfigureAwait(false);
                Finish(JobState.Failed, exitCode: null, message);
                return;
            }
            catch (OperationCanceledException)
            {
                bool byUser;
                lock (_gate)
                {
                    byUser = _canceledByUser;
                }

                Finish(byUser ? JobState.Canceled : JobState.Failed, exitCode: null,
                    byUser ? "Canceled." : $"Exceeded its wall time of {Job.Resources.WallTime}.");
                return;
            }

            if (exitCode != 0)
            {
                Finish(JobState.Failed, exitCode, $"{command.Program} exited with code {exitCode}.");
                return;
            }
        }

        var missing = Job.Outputs
            .Where(o => !o.Contains('*', StringComparison.Ordinal))
            .Where(o => !File.Exists(Path.Combine(Job.WorkingDirectory, o)) && !Directory.Exists(Path.Combine(Job.WorkingDirectory, o)))
            .ToList();
        if (missing.Count > 0)
        {
            // An exit code of 0 is not proof of a result: some RELION errors still exit 0.
            string message = $"Finished but did not write {string.Join(", ", missing)}.";
            await errors.WriteLineAsync(message).ConfigureAwait(false);
            Finish(JobState.Failed, 0, message);
            return;
        }

        Finish(JobState.Completed, 0, null);
    }

    private async Task<int> RunOneAsync(CommandStep command, StreamWriter output, StreamWriter errors, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(command.Program)
        {
            WorkingDirectory = Job.WorkingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string argument in command.Arguments)
        {
            start.ArgumentList.Add(argument);
        }

        // Threaded libraries should stay within what the job asked for on a shared machine.
        start.Environment["OMP_NUM_THREADS"] = Job.Resources.Threads.ToString(System.Globalization.CultureInfo.InvariantCulture);

        using var process = new Process { StartInfo = start };
        process.Start();
        lock (_gate)
        {
            _process = process;
        }

        Save(_record with { ProcessId = process.Id });
        var copyOut = process.StandardOutput.BaseStream.CopyToAsync(output.BaseStream, CancellationToken.None);
        var copyErr = process.StandardError.BaseStream.CopyToAsync(errors.BaseStream, CancellationToken.None);
        try
        {
            await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            KillTree();
            await process.WaitForExitAsync(CancellationToken.None).ConfigureAwait(false);
            throw;
        }
        finally
        {
            await Task.WhenAll(copyOut, copyErr).ConfigureAwait(false);
            await output.BaseStream.FlushAsync(CancellationToken.None).ConfigureAwait(false);
            await errors.BaseStream.FlushAsync(CancellationToken.None).ConfigureAwait(false);
            lock (_gate)
            {
                _process = null;
            }
        }

        return process.ExitCode;
    }

    /// <summary>The command as it will really run: under mpirun when the job asks for several ranks.</summary>
    private CommandStep Describe(CommandStep command)
    {
        int ranks = Job.Resources.MpiRanks;
        if (ranks <= 1 || command.MpiProgram is null)
        {
            return command;
        }

        string[] launcher = ["--allow-run-as-root", "-np", ranks.ToString(System.Globalization.CultureInfo.InvariantCulture), command.MpiProgram];
        return new CommandStep(_options.MpiRun, [.. launcher, .. command.Arguments]);
    }

    private void KillTree()
    {
        lock (_gate)
        {
            try
            {
                _process?.Kill(entireProcessTree: true);
            }
            catch (InvalidOperationException)
            {
                // It exited on its own meanwhile.
            }
        }
    }

    private StreamWriter Open(string name) =>
        new(new FileStream(Path.Combine(Job.JobFolderPath, name), FileMode.Append, FileAccess.Write, FileShare.ReadWrite)) { AutoFlush = true };

    private void Finish(JobState state, int? exitCode, string? message) =>
        Save(_record with { State = state, ExitCode = exitCode, Message = message, FinishedAt = DateTimeOffset.UtcNow, ProcessId = null });

    private void Save(LocalJobRecord record)
    {
        lock (_gate)
        {
            _record = _stampHost(record);
            _record.Write(Job.JobFolderPath);
        }
    }
}
