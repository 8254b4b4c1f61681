using System.Net;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Specialized;
using Microsoft.Extensions.Options;
using Scipion.Core;
using Scipion.Core.Errors;
using Scipion.Core.Files;
using Scipion.Core.Projects;
using Xunit;

namespace Scipion.Storage.Tests;

/// <summary>The project folder as its own blob container, against a real Azurite.</summary>
[Collection(StorageCollection.Name)]
public sealed class ProjectContainerTests(StorageFixture storage)
{
    private readonly BlobProjectFolder _folder = new(
        storage.Blobs, new BlobSasSigner(storage.Blobs, TimeProvider.System), Options.Create(new SignedUrlOptions()), TimeProvider.System);

    [Fact]
    public async Task A_project_folder_is_its_own_container_with_plain_project_paths()
    {
        var id = ProjectId.New();
        await _folder.CreateAsync(id, CancellationToken.None);
        await Container(id).GetBlobClient("Movies/m.tif").UploadAsync(BinaryData.FromString("movie"));

        var files = await _folder.ListAsync(id, null, CancellationToken.None);

        Assert.Equal(["Movies/m.tif"], files.Select(f => f.Path));
        Assert.True(await Container(id).ExistsAsync());
    }

    [Fact]
    public async Task A_listing_comes_in_pages_with_a_continuation_token_and_ends_with_none()
    {
        var id = ProjectId.New();
        await _folder.CreateAsync(id, CancellationToken.None);
        foreach (var n in Enumerable.Range(0, 5))
        {
            await Container(id).GetBlobClient($"Movies/m{n}.tif").UploadAsync(BinaryData.FromString("x"));
        }

        var first = await _folder.ListPageAsync(id, ProjectPath.ParsePrefix("Movies/"), null, 3, CancellationToken.None);
        var second = await _folder.ListPageAsync(id, ProjectPath.ParsePrefix("Movies/"), first.ContinuationToken, 3, CancellationToken.None);

        Assert.Equal(["Movies/m0.tif", "Movies/m1.tif", "Movies/m2.tif"], first.Files.Select(f => f.Path));
        Assert.NotNull(first.ContinuationToken);
        Assert.Equal(["Movies/m3.tif", "Movies/m4.tif"], second.Files.Select(f => f.Path));
        Assert.Null(second.ContinuationToken);
    }

    [Fact]
    public async Task A_project_whose_container_and_blob_are_leased_for_ever_is_deleted_whole()
    {
        var id = ProjectId.New();
        await _folder.CreateAsync(id, CancellationToken.None);
        var blob = Container(id).GetBlobClient("Movies/m.tif");
        await blob.UploadAsync(BinaryData.FromString("movie"));
        await blob.GetBlobLeaseClient().AcquireAsync(BlobLeaseClient.InfiniteLeaseDuration);
        await Container(id).GetBlobLeaseClient().AcquireAsync(BlobLeaseClient.InfiniteLeaseDuration);

        await _folder.DeleteAllAsync(id, CancellationToken.None);
        await _folder.DeleteAllAsync(id, CancellationToken.None);

        Assert.False(await Container(id).ExistsAsync());
    }

    [Fact]
    public async Task A_blob_copied_in_from_another_project_is_never_listed_found_or_staged_and_is_deleted()
    {
        var (mine, theirs) = (ProjectId.New(), ProjectId.New());
        await _folder.CreateAsync(mine, CancellationToken.None);
        await _folder.CreateAsync(theirs, CancellationToken.None);
        var secret = Container(theirs).GetBlobClient("Maps/secret.mrc");
        await secret.UploadAsync(BinaryData.FromString("their secret"));
        await Container(mine).GetBlobClient("Maps/own.mrc").UploadAsync(BinaryData.FromString("mine"));

        // Copy Blob through the holder's own upload grant, the source another project's blob.
        var grant = await _folder.GetUploadUrlAsync(mine, ProjectPath.ParseFile("Maps/copy.mrc"), CancellationToken.None);
        using var http = new HttpClient();
        using var copy = new HttpRequestMessage(HttpMethod.Put, grant.Url) { Content = new ByteArrayContent([]) };
        copy.Headers.Add("x-ms-copy-source", secret.Uri.ToString());
        copy.Headers.Add("x-ms-version", "2021-08-06");
        using var copied = await http.SendAsync(copy);
        Assert.Equal(HttpStatusCode.Accepted, copied.StatusCode);
        Assert.Equal("their secret", (await Container(mine).GetBlobClient("Maps/copy.mrc").DownloadContentAsync()).Value.Content.ToString());

        var path = ProjectPath.ParseFile("Maps/copy.mrc");
        Assert.Equal(["Maps/own.mrc"], (await _folder.ListAsync(mine, null, CancellationToken.None)).Select(f => f.Path));
        Assert.Null(await _folder.FindAsync(mine, path, CancellationToken.None));
        var staged = Path.Combine(Directory.CreateTempSubdirectory("staged-").FullName, "copy.mrc");
        var refused = await Assert.ThrowsAsync<ScipionError>(() => _folder.DownloadAsync(mine, path, staged, CancellationToken.None));
        Assert.Equal(ErrorKind.NotFound, refused.Kind);
        Assert.False(File.Exists(staged));

        Assert.True(await _folder.DeleteIfForeignCopyAsync(mine, path, CancellationToken.None));
        Assert.False(await Container(mine).GetBlobClient("Maps/copy.mrc").ExistsAsync());
        Assert.False(await _folder.DeleteIfForeignCopyAsync(mine, ProjectPath.ParseFile("Maps/own.mrc"), CancellationToken.None));
        Assert.True(await secret.ExistsAsync());
    }

    [Fact]
    public async Task A_copy_within_the_project_is_the_projects_own_file()
    {
        var id = ProjectId.New();
        await _folder.CreateAsync(id, CancellationToken.None);
        var original = Container(id).GetBlobClient("Maps/a.mrc");
        await original.UploadAsync(BinaryData.FromString("a map"));
        var copy = Container(id).GetBlobClient("Maps/b.mrc");
        await (await copy.StartCopyFromUriAsync(original.Uri)).WaitForCompletionAsync();

        Assert.NotNull(await _folder.FindAsync(id, ProjectPath.ParseFile("Maps/b.mrc"), CancellationToken.None));
        Assert.False(await _folder.DeleteIfForeignCopyAsync(id, ProjectPath.ParseFile("Maps/b.mrc"), CancellationToken.None));
    }

    [Fact]
    public async Task Listing_a_deleted_projects_folder_is_not_found_not_a_storage_error()
    {
        var id = ProjectId.New();

        var gone = await Assert.ThrowsAsync<ScipionError>(() => _folder.ListAsync(id, null, CancellationToken.None));

        Assert.Equal(ErrorKind.NotFound, gone.Kind);
    }

    private BlobContainerClient Container(string projectId) => storage.Blobs.GetBlobContainerClient(StorageNames.ProjectContainer(projectId));
}
