using System.Net;
using System.Security.Cryptography;
using System.Text.Json;
using System.Web;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Scipion.Core;
using Scipion.Testing;

namespace Scipion.Api.Tests;

/// <summary>
/// <c>POST /api/projects/{id}/transfer-url</c>: a SAS on the project's own container, tried with rclone as the
/// README tells users to, and with hand-made requests for what it must not allow.
/// </summary>
[Collection(LocalHostCollection.Name)]
public sealed class TransferUrlTests(LocalHostFixture fixture)
{
    private readonly ApiClient _api = fixture.Api;

    [Fact]
    public async Task Rclone_uploads_a_folder_with_a_write_url_sends_nothing_the_second_time_and_downloads_it_with_a_read_url()
    {
        var alice = ApiClient.NewUser("alice");
        var id = await NewProjectAsync(alice);
        var local = Directory.CreateTempSubdirectory("rclone-up-").FullName;
        var files = new Dictionary<string, byte[]>
        {
            ["Movies/m001.tif"] = RandomNumberGenerator.GetBytes(300_000),
            ["Movies/m002.tif"] = RandomNumberGenerator.GetBytes(5),
            ["Movies/gain/gain.mrc"] = RandomNumberGenerator.GetBytes(70_000),
        };
        foreach (var (path, bytes) in files)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(Path.Combine(local, path))!);
            await File.WriteAllBytesAsync(Path.Combine(local, path), bytes);
        }

        var write = await TransferUrlAsync(alice, id, "write");
        var first = await Rclone.RunAsync(write, "copy", "-v", Path.Combine(local, "Movies"), Rclone.Remote(write, "Movies"));
        Assert.True(first.ExitCode == 0, first.ToString());
        var uploaded = await BlobStatesAsync(id);
        Assert.Equal(files.Keys.Order(StringComparer.Ordinal), uploaded.Keys);

        var second = await Rclone.RunAsync(write, "copy", "-v", Path.Combine(local, "Movies"), Rclone.Remote(write, "Movies"));
        Assert.True(second.ExitCode == 0, second.ToString());
        Assert.DoesNotContain("Copied", second.Output, StringComparison.Ordinal);
        Assert.Contains("There was nothing to transfer", second.Output, StringComparison.Ordinal);
        Assert.Equal(uploaded, await BlobStatesAsync(id));

        var read = await TransferUrlAsync(alice, id, "read");
        var down = Directory.CreateTempSubdirectory("rclone-down-").FullName;
        var download = await Rclone.RunAsync(read, "copy", "-v", Rclone.Remote(read), down);
        Assert.True(download.ExitCode == 0, download.ToString());
        foreach (var (path, bytes) in files)
        {
            Assert.Equal(bytes, await File.ReadAllBytesAsync(Path.Combine(down, path)));
        }

        Assert.Equal(files.Count, Directory.EnumerateFiles(down, "*", SearchOption.AllDirectories).Count());
    }

    [Fact]
    public async Task Neither_transfer_url_deletes_or_reaches_another_project()
    {
        var (alice, bob) = (ApiClient.NewUser("alice"), ApiClient.NewUser("bob"));
        var id = await NewProjectAsync(alice);
        var other = await NewProjectAsync(bob);
        await Uploads.PutAsync(await _api.StartUploadAsync(alice, id, "Maps/mine.mrc", 3), [1, 2, 3]);
        await Uploads.PutAsync(await _api.StartUploadAsync(bob, other, "Maps/secret.mrc", 3), [4, 5, 6]);
        var urls = new[] { await TransferUrlAsync(alice, id, "write"), await TransferUrlAsync(alice, id, "read") };

        var rcloneDelete = await Rclone.RunAsync(urls[0], "delete", "-v", "--retries", "1", Rclone.Remote(urls[0], "Maps"));
        Assert.NotEqual(0, rcloneDelete.ExitCode);
        Assert.Contains("AuthorizationPermissionMismatch", rcloneDelete.Output, StringComparison.Ordinal);
        foreach (var url in urls)
        {
            var container = new BlobContainerClient(new Uri(url));
            var delete = await Assert.ThrowsAsync<RequestFailedException>(() => container.GetBlobClient("Maps/mine.mrc").DeleteAsync());
            Assert.Equal(403, delete.Status);

            // The URL's signature on another project's container: no listing, reading or writing there.
            var elsewhere = new BlobContainerClient(Retarget(url, StorageNames.ProjectContainer(other)));
            var list = await Assert.ThrowsAsync<RequestFailedException>(async () => await elsewhere.GetBlobsAsync().AsPages().GetAsyncEnumerator().MoveNextAsync());
            Assert.Equal(403, list.Status);
            var get = await Assert.ThrowsAsync<RequestFailedException>(() => elsewhere.GetBlobClient("Maps/secret.mrc").DownloadContentAsync());
            Assert.Equal(403, get.Status);
            var put = await Assert.ThrowsAsync<RequestFailedException>(() => elsewhere.GetBlobClient("Maps/planted.mrc").UploadAsync(BinaryData.FromBytes([7])));
            Assert.Equal(403, put.Status);
        }

        Assert.Equal(["Maps/mine.mrc"], await fixture.ProjectBlobsAsync(id));
        Assert.Equal(["Maps/secret.mrc"], await fixture.ProjectBlobsAsync(other));
    }

    [Fact]
    public async Task A_read_url_reads_and_lists_and_a_write_url_also_creates_and_writes_for_the_minutes_asked()
    {
        var alice = ApiClient.NewUser("alice");
        var id = await NewProjectAsync(alice);

        using var read = await _api.SendAsync(alice, HttpMethod.Post, $"api/projects/{id}/transfer-url", new { permissions = "read" });
        using var write = await _api.SendAsync(alice, HttpMethod.Post, $"api/projects/{id}/transfer-url", new { permissions = "write", expiresInMinutes = 7 * 24 * 60 });

        Assert.Equal(HttpStatusCode.Created, read.StatusCode);
        Assert.Equal(HttpStatusCode.Created, write.StatusCode);
        var (readBody, writeBody) = (await ApiClient.JsonAsync(read), await ApiClient.JsonAsync(write));
        Assert.Equal(("read", "write"), (readBody.GetProperty("permissions").GetString(), writeBody.GetProperty("permissions").GetString()));
        foreach (var (body, sp, minutes) in new[] { (readBody, "rl", 60), (writeBody, "rcwl", 7 * 24 * 60) })
        {
            var url = new Uri(body.GetProperty("url").GetString()!);
            var query = HttpUtility.ParseQueryString(url.Query);
            Assert.Equal(StorageNames.ProjectContainer(id), new BlobUriBuilder(url).BlobContainerName);
            Assert.Equal(("c", sp), (query["sr"], query["sp"]));
            var expiresAt = body.GetProperty("expiresAt").GetDateTimeOffset();
            Assert.InRange(expiresAt, DateTimeOffset.UtcNow.AddMinutes(minutes - 2), DateTimeOffset.UtcNow.AddMinutes(minutes));
            Assert.Equal(expiresAt.ToUnixTimeSeconds(), DateTimeOffset.Parse(query["se"]!).ToUnixTimeSeconds());
        }
    }

    [Theory]
    [InlineData("read", 0)]
    [InlineData("write", 7 * 24 * 60 + 1)]
    [InlineData("delete", 60)]
    public async Task A_transfer_url_beyond_seven_days_or_with_other_permissions_is_a_400(string permissions, int minutes)
    {
        var alice = ApiClient.NewUser("alice");
        var id = await NewProjectAsync(alice);

        using var response = await _api.SendAsync(alice, HttpMethod.Post, $"api/projects/{id}/transfer-url", new { permissions, expiresInMinutes = minutes });

        await Problem.AssertAsync(response, HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task A_reader_gets_a_read_url_but_no_write_url_and_a_stranger_gets_neither()
    {
        var (alice, reader, stranger) = (ApiClient.NewUser("alice"), ApiClient.NewUser("reader"), ApiClient.NewUser("stranger"));
        var id = await NewProjectAsync(alice);
        await _api.ShareAsync(alice, id, reader, "reader");

        using var readerRead = await _api.SendAsync(reader, HttpMethod.Post, $"api/projects/{id}/transfer-url", new { permissions = "read" });
        using var readerWrite = await _api.SendAsync(reader, HttpMethod.Post, $"api/projects/{id}/transfer-url", new { permissions = "write" });
        using var strangerRead = await _api.SendAsync(stranger, HttpMethod.Post, $"api/projects/{id}/transfer-url", new { permissions = "read" });

        Assert.Equal(HttpStatusCode.Created, readerRead.StatusCode);
        await Problem.AssertAsync(readerWrite, HttpStatusCode.Forbidden);
        await Problem.AssertAsync(strangerRead, HttpStatusCode.NotFound);
    }

    private async Task<string> NewProjectAsync(string owner) =>
        (await _api.CreateProjectAsync(owner)).GetProperty("id").GetString()!;

    private async Task<string> TransferUrlAsync(string user, string projectId, string permissions)
    {
        using var response = await _api.SendAsync(user, HttpMethod.Post, $"api/projects/{projectId}/transfer-url", new { permissions, expiresInMinutes = 30 });
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await ApiClient.JsonAsync(response)).GetProperty("url").GetString()!;
    }

    /// <summary>Each blob of the project, straight from storage, with what would change if it were written again.</summary>
    private async Task<SortedDictionary<string, (ETag ETag, DateTimeOffset LastModified)>> BlobStatesAsync(string projectId)
    {
        var container = new BlobServiceClient(fixture.Azurite.ConnectionString).GetBlobContainerClient(StorageNames.ProjectContainer(projectId));
        var states = new SortedDictionary<string, (ETag, DateTimeOffset)>(StringComparer.Ordinal);
        await foreach (var blob in container.GetBlobsAsync(BlobTraits.None, BlobStates.None, null, default))
        {
            states[blob.Name] = (blob.Properties.ETag!.Value, blob.Properties.LastModified!.Value);
        }

        return states;
    }

    private static Uri Retarget(string url, string container)
    {
        var builder = new BlobUriBuilder(new Uri(url)) { BlobContainerName = container };
        return builder.ToUri();
    }
}
