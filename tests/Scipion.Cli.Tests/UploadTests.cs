using System.Security.Cryptography;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Blobs.Specialized;
using Scipion.Cli.Transfer;

namespace Scipion.Cli.Tests;

[Collection(CliHostCollection.Name)]
public sealed class UploadTests(CliHostFixture fixture)
{
    private const int BlockKib = 1024;

    [Fact]
    public async Task An_interrupted_upload_resumes_without_resending_staged_blocks_and_the_uploaded_bytes_match()
    {
        var (cli, _, projectId) = await SignedIn.WithProjectAsync(fixture, "Resume");
        var folder = Directory.CreateTempSubdirectory("upload-").FullName;
        var files = new Dictionary<string, byte[]>
        {
            ["a.mrcs"] = RandomBytes((5 * BlockKib * 1024) + 123),
            ["session2/b.mrcs"] = RandomBytes(3 * BlockKib * 1024),
            ["c.tif"] = RandomBytes(700 * 1024),
        };
        foreach (var (name, bytes) in files)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(Path.Combine(folder, name))!);
            await File.WriteAllBytesAsync(Path.Combine(folder, name), bytes);
        }

        const int totalBlocks = 6 + 3 + 1;
        var journalPath = Path.Combine(cli.Home, "upload-journal.jsonl");
        string[] upload = ["upload", folder, "--project", projectId, "--prefix", "Movies/", "--parallel", "1", "--block-size-kib", $"{BlockKib}", "--journal", journalPath];

        // First attempt: interrupted (as Ctrl+C would) once four blocks have reached storage.
        using var interrupt = new CancellationTokenSource();
        var staged = 0;
        cli.Storage.AfterSuccess = sent =>
        {
            if (sent.Comp == "block" && Interlocked.Increment(ref staged) == 4)
            {
                interrupt.Cancel();
            }
        };
        var first = await cli.RunAsync(interrupt.Token, upload);
        Assert.True(first.ExitCode == 130, first.ToString());
        Assert.DoesNotContain(cli.Storage.PutBlockLists, r => r.Path.EndsWith("a.mrcs", StringComparison.Ordinal));

        // The journal names the staged blocks, and Azurite holds each of them, uncommitted.
        var journaled = new HashSet<(string Blob, string BlockId)>();
        using (var journal = UploadJournal.Open(journalPath))
        {
            foreach (var file in journal.All())
            {
                var blob = fixture.Project(projectId).GetBlockBlobClient(file.Path);
                var uncommitted = (await blob.GetBlockListAsync(BlockListTypes.Uncommitted)).Value.UncommittedBlocks.Select(b => b.Name).ToHashSet();
                foreach (var block in file.Blocks.Values)
                {
                    Assert.Contains(block.Id, uncommitted);
                    journaled.Add(($"{projectId}/{file.Path}", block.Id));
                }
            }
        }

        Assert.InRange(journaled.Count, 4, totalBlocks - 1);

        // Second attempt: only the blocks the journal lacks are sent, each file's list is committed once.
        cli.ResetCounters();
        var second = await cli.RunAsync(upload);
        Assert.True(second.ExitCode == 0, second.ToString());
        var resent = cli.Storage.PutBlocks.Select(r => (Blob: r.Path[(r.Path.IndexOf(projectId, StringComparison.Ordinal))..], BlockId: r.BlockId!)).ToList();
        Assert.DoesNotContain(resent, journaled.Contains);
        Assert.Equal(totalBlocks - journaled.Count, resent.Count);
        Assert.Equal(files.Count, cli.Storage.PutBlockLists.Count());
        Assert.Contains($"{journaled.Count} blocks resumed", second.Output, StringComparison.Ordinal);

        // What storage holds is byte for byte what was on disk, and the blob's Content-MD5 says so too.
        foreach (var (name, bytes) in files)
        {
            var blob = fixture.Project(projectId).GetBlobClient($"Movies/{name}");
            var downloaded = (await blob.DownloadContentAsync()).Value.Content.ToArray();
            Assert.Equal(MD5.HashData(bytes), MD5.HashData(downloaded));
            Assert.Equal(MD5.HashData(bytes), (await blob.GetPropertiesAsync()).Value.ContentHash);
        }

        // A third run finds everything done and sends nothing.
        cli.ResetCounters();
        var third = await cli.RunAsync(upload);
        Assert.True(third.ExitCode == 0, third.ToString());
        Assert.Empty(cli.Storage.Requests);
        Assert.Contains($"{files.Count} files already uploaded", third.Output, StringComparison.Ordinal);
    }

    private static byte[] RandomBytes(int length)
    {
        var bytes = new byte[length];
        new Random(length).NextBytes(bytes);
        return bytes;
    }
}
