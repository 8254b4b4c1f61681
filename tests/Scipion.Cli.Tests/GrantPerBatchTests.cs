using System.Net;
using System.Security.Cryptography;
using Scipion.Cli.Transfer;

namespace Scipion.Cli.Tests;

/// <summary>
/// Upload grants are asked for per batch of blocks (<see cref="TransferSettings.BlocksPerGrant"/>), so removing a
/// member stops their upload within one batch instead of when a grant expires.
/// </summary>
[Collection(CliHostCollection.Name)]
public sealed class GrantPerBatchTests(CliHostFixture fixture)
{
    private static readonly int BlocksPerGrant = new TransferSettings().BlocksPerGrant;

    [Fact]
    public async Task A_long_upload_asks_for_a_fresh_grant_for_each_batch_of_blocks()
    {
        var (cli, _, projectId) = await SignedIn.WithProjectAsync(fixture, "Batches");
        var folder = Directory.CreateTempSubdirectory("batches-").FullName;
        const int blocks = 40;
        var bytes = RandomNumberGenerator.GetBytes(blocks * 64 * 1024);
        await File.WriteAllBytesAsync(Path.Combine(folder, "m.mrcs"), bytes);

        var result = await cli.RunAsync("upload", folder, "--project", projectId, "--parallel", "1", "--block-size-kib", "64");

        Assert.True(result.ExitCode == 0, result.ToString());
        var grants = cli.ApiCalls.Requests.Count(r => r.Method == "POST" && r.Path.EndsWith("/uploads", StringComparison.Ordinal));
        Assert.True(grants >= (blocks + 1 + BlocksPerGrant - 1) / BlocksPerGrant, $"{grants} grants for {blocks} blocks and a block list");
        var blob = fixture.Project(projectId).GetBlobClient("m.mrcs");
        Assert.Equal(MD5.HashData(bytes), MD5.HashData((await blob.DownloadContentAsync()).Value.Content.ToArray()));
    }

    [Fact]
    public async Task A_member_removed_mid_upload_stops_within_one_batch_of_blocks()
    {
        var (owner, ownerName, projectId) = await SignedIn.WithProjectAsync(fixture, "Removal");
        var (editor, editorName, _) = await SignedIn.WithProjectAsync(fixture, "Own");
        Assert.Equal(0, (await owner.RunAsync("projects", "share", projectId, editorName, "--role", "editor")).ExitCode);
        var folder = Directory.CreateTempSubdirectory("removal-").FullName;
        const int blocks = 6 * 16;
        await File.WriteAllBytesAsync(Path.Combine(folder, "m.mrcs"), RandomNumberGenerator.GetBytes(blocks * 64 * 1024));

        // Once the first few blocks are in storage, the owner removes the editor.
        var staged = 0;
        var removed = new TaskCompletionSource();
        editor.Storage.BeforeSendAsync = async request =>
        {
            if (request.RequestUri!.Query.Contains("comp=block&", StringComparison.Ordinal) && Interlocked.Increment(ref staged) == 4)
            {
                using var unshare = await fixture.Api.SendAsync(ownerName, HttpMethod.Delete, $"api/projects/{projectId}/members/{editorName}");
                Assert.Equal(HttpStatusCode.NoContent, unshare.StatusCode);
                removed.SetResult();
            }
        };
        var result = await editor.RunAsync("upload", folder, "--project", projectId, "--parallel", "1", "--block-size-kib", "64");

        Assert.True(removed.Task.IsCompleted);
        Assert.NotEqual(0, result.ExitCode);
        // At most the rest of the batch under way when the member was removed (and the blocks in flight with it).
        Assert.InRange(editor.Storage.PutBlocks.Count(), 4, BlocksPerGrant + 2);
        Assert.Empty(editor.Storage.PutBlockLists);
        Assert.False(await fixture.Project(projectId).GetBlobClient("m.mrcs").ExistsAsync());
        Assert.Contains(editor.ApiCalls.Requests, r => r.Method == "POST" && r.Path.EndsWith("/uploads", StringComparison.Ordinal) && r.Status == (int)HttpStatusCode.NotFound);
    }
}
