using System.Collections.Concurrent;
using System.Threading.Channels;
using Scipion.Cli.Api;
using Scipion.Cli.Display;
using Scipion.Cli.Transfer;

namespace Scipion.Cli.Ingest;

/// <summary>
/// Watches an acquisition folder and uploads each movie once it is completely written, exactly once: the journal
/// says what is done (a restart skips it) and what is staged (a restart resumes it). A file is taken only after its
/// size and time stamp have held still for the settle time and no writer holds it; if it changes during the upload
/// nothing is committed and it waits again. Failures are retried with backoff, indefinitely: the microscope keeps
/// producing, so the agent keeps trying.
/// </summary>
public sealed class IngestAgent(IngestSettings settings, FileUploader uploader, UploadJournal journal, TransferSettings transfer, IIngestReporter reporter)
{
    private readonly ConcurrentDictionary<string, IngestFile> _files = new(StringComparer.Ordinal);
    private readonly Channel<IngestFile> _queue = Channel.CreateUnbounded<IngestFile>();
    private DateTime _lastActivity = DateTime.UtcNow;

    public IReadOnlyCollection<IngestFile> Files => (IReadOnlyCollection<IngestFile>)_files.Values;

    public DateTime Started { get; } = DateTime.UtcNow;

    public async Task RunAsync(CancellationToken ct)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var workers = Enumerable.Range(0, transfer.ParallelFiles).Select(_ => Task.Run(() => WorkAsync(stop.Token), CancellationToken.None)).ToList();
        try
        {
            var first = true;
            while (true)
            {
                Scan();
                if (first)
                {
                    var done = _files.Values.Count(f => f.State == IngestState.AlreadyUploaded);
                    reporter.Note($"watching {settings.Root}: {_files.Count} movies found, {done} already uploaded");
                    first = false;
                }

                if (settings.ExitWhenIdle is { } idle && !_files.Values.Any(f => f.IsPending) && DateTime.UtcNow - _lastActivity >= idle)
                {
                    reporter.Note($"idle for {idle.TotalSeconds:F0} s, stopping");
                    break;
                }

                await Task.Delay(settings.PollInterval, ct);
            }
        }
        finally
        {
            _queue.Writer.TryComplete();
            await stop.CancelAsync();
            await Task.WhenAll(workers);
        }
    }

    private void Scan()
    {
        IEnumerable<string> found;
        try
        {
            found = MovieFiles.Enumerate(settings.Root).ToList();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            reporter.Note($"cannot read {settings.Root}: {e.Message}");
            return;
        }

        var now = DateTime.UtcNow;
        foreach (var local in found)
        {
            var remote = settings.Prefix + Path.GetRelativePath(settings.Root, local).Replace(Path.DirectorySeparatorChar, '/');
            var file = _files.GetOrAdd(remote, r => New(local, r));
            if (file.State is IngestState.Queued or IngestState.Uploading or IngestState.Uploaded or IngestState.AlreadyUploaded
                || (file.State == IngestState.Retrying && now < file.NextAttempt))
            {
                continue;
            }

            FileInfo info;
            try
            {
                info = new FileInfo(local);
                info.Refresh();
                if (!info.Exists)
                {
                    continue;
                }
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                file.Message = e.Message;
                continue;
            }

            if (info.Length != file.Size || info.LastWriteTimeUtc != file.LastWriteUtc)
            {
                if (file.Size < 0)
                {
                    reporter.Report(file, $"found, {Units.Bytes(info.Length)} so far");
                }

                file.Size = info.Length;
                file.LastWriteUtc = info.LastWriteTimeUtc;
                file.StableSince = now;
                file.State = IngestState.Writing;
                _lastActivity = now;
                continue;
            }

            if (now - file.StableSince < settings.Settle)
            {
                file.State = IngestState.Settling;
                continue;
            }

            if (!WriterProbe.IsFree(local))
            {
                file.State = IngestState.Writing;
                file.Message = "held open by its writer";
                continue;
            }

            file.State = IngestState.Queued;
            file.Message = null;
            _lastActivity = now;
            _queue.Writer.TryWrite(file);
        }
    }

    private IngestFile New(string local, string remote)
    {
        var file = new IngestFile(local, remote);
        if (journal.Find(settings.ProjectId, remote) is { IsDone: true } done)
        {
            file.State = IngestState.AlreadyUploaded;
            file.Size = done.Size;
        }

        return file;
    }

    private async Task WorkAsync(CancellationToken ct)
    {
        try
        {
            await foreach (var file in _queue.Reader.ReadAllAsync(ct))
            {
                await UploadAsync(file, ct);
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // Stopping: whatever was staged is in the journal for the next run.
        }
    }

    private async Task UploadAsync(IngestFile file, CancellationToken ct)
    {
        file.State = IngestState.Uploading;
        file.UploadStarted = DateTime.UtcNow;
        Interlocked.Exchange(ref file.Sent, 0);
        reporter.Report(file, $"uploading ({Units.Bytes(file.Size)})");
        try
        {
            var outcome = await uploader.UploadAsync(settings.ProjectId, file.LocalPath, file.RemotePath, new Observer(file, reporter), ct);
            file.UploadTime = outcome.Elapsed;
            file.State = IngestState.Uploaded;
            file.Failures = 0;
            reporter.Report(file, $"uploaded ({Units.Bytes(outcome.Size)} in {outcome.Elapsed.TotalSeconds:F1} s, {Units.Rate(outcome.BytesSent, outcome.Elapsed)}, {outcome.BlocksResumed} blocks resumed)");
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            file.State = IngestState.Queued;
            throw;
        }
        catch (FileChangedException)
        {
            file.State = IngestState.Writing;
            file.StableSince = DateTime.UtcNow;
            reporter.Report(file, "changed while uploading; nothing committed, waiting for it to settle");
        }
        catch (Exception e)
        {
            file.Failures++;
            var delay = Retry.Backoff(file.Failures, TimeSpan.FromSeconds(1), settings.MaxRetryDelay);
            file.NextAttempt = DateTime.UtcNow + delay;
            file.Message = Describe(e);
            file.State = IngestState.Retrying;
            reporter.Report(file, $"failed ({file.Message}); retrying in {delay.TotalSeconds:F0} s");
        }
        finally
        {
            _lastActivity = DateTime.UtcNow;
        }
    }

    private static string Describe(Exception e) => e switch
    {
        UnauthorizedAccessException => $"permission denied: {e.Message}",
        IOException io when io.HResult == 28 || io.Message.Contains("space", StringComparison.OrdinalIgnoreCase) => $"disk: {e.Message}",
        ApiProblemException problem => $"{problem.Title}: {problem.Detail}",
        _ => e.Message,
    };

    private sealed class Observer(IngestFile file, IIngestReporter reporter) : IUploadObserver
    {
        public void Started(string path, long size, long alreadyStaged)
        {
            Interlocked.Add(ref file.Sent, alreadyStaged);
            if (alreadyStaged > 0)
            {
                reporter.Report(file, $"resuming with {Units.Bytes(alreadyStaged)} already staged");
            }
        }

        public void Transferred(string path, long bytes) => Interlocked.Add(ref file.Sent, bytes);

        public void Retrying(string path, Exception error, TimeSpan delay) =>
            reporter.Report(file, $"retrying a request in {delay.TotalSeconds:F1} s: {error.Message}");

        public void Finished(UploadOutcome outcome)
        {
        }
    }
}
