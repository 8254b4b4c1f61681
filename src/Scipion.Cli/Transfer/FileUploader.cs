using System.Buffers;
using System.Security.Cryptography;
using Microsoft.Win32.SafeHandles;
using Scipion.Cli.Api;

namespace Scipion.Cli.Transfer;

/// <summary>
/// Uploads one local file as a block blob through upload grants: the file is read once, in order (one MD5 for the
/// whole file, one per block), while blocks go to storage in parallel. Blocks the journal says are staged, with the
/// same MD5, are not sent again; the block list commits with the whole file's MD5, then the blob's size and MD5
/// are read back and checked.
/// </summary>
public sealed class FileUploader(ScipionClient api, BlockBlobRequests storage, UploadJournal journal, TransferSettings settings, SemaphoreSlim blockSlots)
{
    public async Task<UploadOutcome> UploadAsync(string projectId, string localPath, string remotePath, IUploadObserver observer, CancellationToken ct)
    {
        var started = DateTime.UtcNow;
        var info = new FileInfo(localPath);
        var (size, lastWrite) = (info.Length, info.LastWriteTimeUtc);

        var record = journal.Find(projectId, remotePath);
        if (record is { IsDone: true })
        {
            return new UploadOutcome(remotePath, record.Size, 0, 0, 0, record.Md5!, AlreadyDone: true, TimeSpan.Zero);
        }

        if (record is null || record.Size != size || record.LastWriteUtc != lastWrite || record.BlockSize != settings.BlockSize)
        {
            record = journal.Begin(projectId, remotePath, size, lastWrite, settings.BlockSize);
        }

        var grant = new GrantLease(api, projectId, remotePath, size, settings);
        if (record.CommittingMd5 is { } committing && await RemoteMatchesAsync(projectId, remotePath, size, committing, ct))
        {
            // The block list went through before a crash took the journal's "done" with it.
            journal.Done(record, committing);
            return new UploadOutcome(remotePath, size, 0, 0, record.BlockCount, committing, AlreadyDone: true, DateTime.UtcNow - started);
        }

        try
        {
            return await SendAsync(record, localPath, grant, observer, started, ct);
        }
        catch (StorageException e) when (e.IsInvalidBlockList)
        {
            // Staged blocks expired (a week unused) or were never there: start this file over.
            record = journal.Begin(projectId, remotePath, size, lastWrite, settings.BlockSize);
            return await SendAsync(record, localPath, grant, observer, started, ct);
        }
    }

    private async Task<UploadOutcome> SendAsync(FileRecord record, string localPath, GrantLease grant, IUploadObserver observer, DateTime started, CancellationToken ct)
    {
        var resumedBytes = record.Blocks.Keys.Where(i => i < record.BlockCount).Sum(i => (long)BlockLength(record, i));
        observer.Started(record.Path, record.Size, resumedBytes);

        using var whole = IncrementalHash.CreateHash(HashAlgorithmName.MD5);
        var counts = new Counts();
        using (var handle = File.OpenHandle(localPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete))
        {
            await StageBlocksAsync(record, handle, whole, grant, observer, counts, ct);
            // Size alone misses a rewrite in place; a longer file would have more blocks than were read.
            if (RandomAccess.GetLength(handle) != record.Size || File.GetLastWriteTimeUtc(localPath) != record.LastWriteUtc)
            {
                throw new FileChangedException(localPath);
            }
        }

        var md5Whole = Convert.ToBase64String(whole.GetHashAndReset());
        journal.Committing(record, md5Whole);
        await Retry.RunAsync(
            token => grant.UseAsync((url, t) => storage.PutBlockListAsync(url, Enumerable.Range(0, record.BlockCount).Select(record.BlockId), md5Whole, t), token),
            settings, (e, delay) => observer.Retrying(record.Path, e, delay), ct);

        if (!await RemoteMatchesAsync(record.Project, record.Path, record.Size, md5Whole, ct))
        {
            throw new InvalidDataException($"{record.Path}: the committed blob's size or MD5 differs from the local file's.");
        }

        journal.Done(record, md5Whole);
        var outcome = new UploadOutcome(record.Path, record.Size, counts.Bytes, counts.Sent, counts.Resumed, md5Whole, AlreadyDone: false, DateTime.UtcNow - started);
        observer.Finished(outcome);
        return outcome;
    }

    /// <summary>Reads the file in order, hashing as it goes, and hands each block not yet staged to a parallel sender.</summary>
    private async Task StageBlocksAsync(FileRecord record, SafeFileHandle handle, IncrementalHash whole, GrantLease grant, IUploadObserver observer, Counts counts, CancellationToken ct)
    {
        // One block that will not go stops the others: the file is retried as a whole later.
        using var failed = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var inFlight = new List<Task>();
        try
        {
            for (var index = 0; index < record.BlockCount; index++)
            {
                var length = BlockLength(record, index);
                await blockSlots.WaitAsync(failed.Token);
                var buffer = ArrayPool<byte>.Shared.Rent(length);
                try
                {
                    await ReadExactlyAsync(handle, buffer.AsMemory(0, length), (long)index * record.BlockSize, record.Path, failed.Token);
                }
                catch
                {
                    Release(buffer);
                    throw;
                }

                whole.AppendData(buffer, 0, length);
                var md5 = MD5.HashData(buffer.AsSpan(0, length));
                if (record.Blocks.TryGetValue(index, out var staged) && staged.Md5 == Convert.ToBase64String(md5) && staged.Id == record.BlockId(index))
                {
                    counts.Resumed++;
                    Release(buffer);
                    continue;
                }

                inFlight.Add(SendBlockAsync(record, index, buffer, length, md5, grant, observer, counts, failed));
                inFlight.RemoveAll(t => t.IsCompletedSuccessfully);
            }
        }
        catch (Exception) when (!ct.IsCancellationRequested)
        {
            // Whatever stopped the reader stops the blocks in flight too; their first real failure is the story.
            await failed.CancelAsync();
            await AwaitAllAsync(inFlight);
            throw;
        }

        await AwaitAllAsync(inFlight);
    }

    private Task SendBlockAsync(FileRecord record, int index, byte[] buffer, int length, byte[] md5, GrantLease grant, IUploadObserver observer, Counts counts, CancellationTokenSource failed) =>
        Task.Run(async () =>
        {
            try
            {
                var id = record.BlockId(index);
                await Retry.RunAsync(
                    token => grant.UseAsync((url, t) => storage.PutBlockAsync(url, id, buffer.AsMemory(0, length), md5, t), token),
                    settings, (e, delay) => observer.Retrying(record.Path, e, delay), failed.Token);
                journal.Staged(record, index, id, Convert.ToBase64String(md5));
                Interlocked.Add(ref counts.Bytes, length);
                Interlocked.Increment(ref counts.Sent);
                observer.Transferred(record.Path, length);
            }
            catch
            {
                await failed.CancelAsync();
                throw;
            }
            finally
            {
                Release(buffer);
            }
        }, CancellationToken.None);

    private void Release(byte[] buffer)
    {
        ArrayPool<byte>.Shared.Return(buffer);
        blockSlots.Release();
    }

    /// <summary>The committed blob, read back through a read grant, has this size and Content-MD5.</summary>
    private async Task<bool> RemoteMatchesAsync(string projectId, string path, long size, string md5, CancellationToken ct)
    {
        try
        {
            var (remoteSize, remoteMd5) = await Retry.RunAsync(async token =>
            {
                var url = await api.GetDownloadUrlAsync(projectId, path, token);
                return await storage.GetPropertiesAsync(url, token);
            }, settings, null, ct);
            return remoteSize == size && (size == 0 || remoteMd5 == md5);
        }
        catch (ApiProblemException e) when (e.Status == System.Net.HttpStatusCode.NotFound)
        {
            return false;
        }
    }

    private static async Task AwaitAllAsync(List<Task> tasks)
    {
        try
        {
            await Task.WhenAll(tasks);
        }
        catch
        {
            // The first real failure explains the rest (cancellations that followed it).
            var first = tasks.Where(t => t.IsFaulted).Select(t => t.Exception!.InnerException!).FirstOrDefault(e => e is not OperationCanceledException);
            if (first is not null)
            {
                System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(first);
            }

            throw;
        }
    }

    private static async Task ReadExactlyAsync(SafeFileHandle handle, Memory<byte> buffer, long offset, string path, CancellationToken ct)
    {
        var read = 0;
        while (read < buffer.Length)
        {
            var n = await RandomAccess.ReadAsync(handle, buffer[read..], offset + read, ct);
            if (n == 0)
            {
                throw new FileChangedException(path); // Shorter than when it was measured.
            }

            read += n;
        }
    }

    private static int BlockLength(FileRecord record, int index) =>
        (int)Math.Min(record.BlockSize, record.Size - ((long)index * record.BlockSize));

    private sealed class Counts
    {
        public long Bytes;
        public int Sent;
        public int Resumed;
    }
}
