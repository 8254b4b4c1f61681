using Scipion.Testing;
using Scipion.Core;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Specialized;

namespace Scipion.Api.Tests;

[Collection(LocalHostCollection.Name)]
public sealed class UploadTests(LocalHostFixture fixture)
{
    private readonly ApiClient _api = fixture.Api;

    [Fact]
    public async Task An_upload_grant_is_a_short_lived_put_url_for_that_one_blob_with_create_and_write_only()
    {
        var alice = ApiClient.NewUser("alice");
        var id = (await _api.CreateProjectAsync(alice)).GetProperty("id").GetString()!;

        var grant = await _api.StartUploadAsync(alice, id, "Movies/m001.tif", 1234);

        Assert.Equal("PUT", grant.GetProperty("method").GetString());
        Assert.Equal("BlockBlob", grant.GetProperty("headers").GetProperty("x-ms-blob-type").GetString());
        var url = Uploads.Url(grant);
        Assert.EndsWith($"/{StorageNames.ProjectContainer(id)}/Movies/m001.tif", url.AbsolutePath, StringComparison.Ordinal);
        var query = System.Web.HttpUtility.ParseQueryString(url.Query);
        Assert.Equal("b", query["sr"]);
        Assert.Equal("cw", query["sp"]);
        var expiresAt = grant.GetProperty("expiresAt").GetDateTimeOffset();
        Assert.InRange(expiresAt, DateTimeOffset.UtcNow, DateTimeOffset.UtcNow.AddHours(1));
        Assert.Equal(expiresAt.ToUnixTimeSeconds(), DateTimeOffset.Parse(query["se"]!).ToUnixTimeSeconds());
    }

    [Fact]
    public async Task A_signed_upload_lands_under_the_right_project_and_nowhere_else()
    {
        var alice = ApiClient.NewUser("alice");
        var id = (await _api.CreateProjectAsync(alice)).GetProperty("id").GetString()!;
        var before = await fixture.AllBlobsAsync();
        var content = RandomNumberGenerator.GetBytes(4096);

        await Uploads.PutAsync(await _api.StartUploadAsync(alice, id, "Movies/m001.tif", content.Length), content);

        var added = (await fixture.AllBlobsAsync()).Except(before).ToList();
        Assert.Equal([$"{StorageNames.ProjectContainer(id)}/Movies/m001.tif"], added);
        using var list = await _api.SendAsync(alice, HttpMethod.Get, $"api/projects/{id}/files?prefix=Movies/");
        var file = Assert.Single((await ApiClient.JsonAsync(list)).GetProperty("files").EnumerateArray());
        Assert.Equal("Movies/m001.tif", file.GetProperty("path").GetString());
        Assert.Equal(content.Length, file.GetProperty("size").GetInt64());
    }

    [Fact]
    public async Task An_upload_grant_cannot_write_another_path_or_another_project_nor_read()
    {
        var alice = ApiClient.NewUser("alice");
        var id = (await _api.CreateProjectAsync(alice)).GetProperty("id").GetString()!;
        var other = (await _api.CreateProjectAsync(ApiClient.NewUser("bob"))).GetProperty("id").GetString()!;
        var grant = await _api.StartUploadAsync(alice, id, "Movies/m001.tif", 3);
        var url = Uploads.Url(grant);
        var before = await fixture.AllBlobsAsync();

        var otherPath = Uploads.Retarget(url, p => p.Replace("Movies/m001.tif", "Movies/m002.tif", StringComparison.Ordinal));
        var otherProject = Uploads.Retarget(url, p => p.Replace(id, other, StringComparison.Ordinal));
        var escape = Uploads.Retarget(url, p => p.Replace($"{StorageNames.ProjectContainer(id)}/", "shared/", StringComparison.Ordinal));

        Assert.Equal(HttpStatusCode.Forbidden, await Uploads.TryPutAsync(otherPath, grant, [1, 2, 3]));
        Assert.Equal(HttpStatusCode.Forbidden, await Uploads.TryPutAsync(otherProject, grant, [1, 2, 3]));
        Assert.Equal(HttpStatusCode.Forbidden, await Uploads.TryPutAsync(escape, grant, [1, 2, 3]));
        Assert.Equal(before, await fixture.AllBlobsAsync());

        await Uploads.PutAsync(grant, [1, 2, 3]);
        var read = await Assert.ThrowsAsync<RequestFailedException>(() => new BlobClient(url).DownloadContentAsync());
        Assert.Equal(403, read.Status);
        var delete = await Assert.ThrowsAsync<RequestFailedException>(() => new BlobClient(url).DeleteAsync());
        Assert.Equal(403, delete.Status);
    }

    [Fact]
    public async Task A_block_upload_stopped_halfway_resumes_with_a_new_grant_and_commits_every_block()
    {
        var alice = ApiClient.NewUser("alice");
        var id = (await _api.CreateProjectAsync(alice)).GetProperty("id").GetString()!;
        var content = RandomNumberGenerator.GetBytes(8 * 64 * 1024);
        var blocks = Enumerable.Range(0, 8)
            .Select(i => (Id: Convert.ToBase64String(Encoding.ASCII.GetBytes($"block-{i:D6}")), Data: content.AsMemory(i * 64 * 1024, 64 * 1024)))
            .ToList();

        // First session: half the blocks, then the "tab closes".
        var first = new BlockBlobClient(Uploads.Url(await _api.StartUploadAsync(alice, id, "Movies/big.mrcs", content.Length)));
        foreach (var block in blocks.Take(4))
        {
            await first.StageBlockAsync(block.Id, new MemoryStream(block.Data.ToArray()));
        }

        using (var midway = await _api.SendAsync(alice, HttpMethod.Get, $"api/projects/{id}/files"))
        {
            Assert.Equal(0, (await ApiClient.JsonAsync(midway)).GetProperty("files").GetArrayLength());
        }

        // Second session: a fresh grant, the remaining blocks, then the block list.
        var second = new BlockBlobClient(Uploads.Url(await _api.StartUploadAsync(alice, id, "Movies/big.mrcs", content.Length)));
        foreach (var block in blocks.Skip(4))
        {
            await second.StageBlockAsync(block.Id, new MemoryStream(block.Data.ToArray()));
        }

        await second.CommitBlockListAsync(blocks.Select(b => b.Id));

        using var download = await _api.SendAsync(alice, HttpMethod.Get, $"api/projects/{id}/files/Movies/big.mrcs");
        Assert.Equal(HttpStatusCode.Redirect, download.StatusCode);
        var bytes = await new HttpClient().GetByteArrayAsync(download.Headers.Location);
        Assert.Equal(SHA256.HashData(content), SHA256.HashData(bytes));
    }

    [Fact]
    public async Task A_download_redirects_to_a_short_lived_read_url_for_that_file_only()
    {
        var alice = ApiClient.NewUser("alice");
        var bob = ApiClient.NewUser("bob");
        var id = (await _api.CreateProjectAsync(alice)).GetProperty("id").GetString()!;
        await _api.ShareAsync(alice, id, bob, "reader");
        await Uploads.PutAsync(await _api.StartUploadAsync(alice, id, "Maps/half1.mrc", 5), Encoding.ASCII.GetBytes("hello"));

        using var response = await _api.SendAsync(bob, HttpMethod.Get, $"api/projects/{id}/files/Maps/half1.mrc");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var location = response.Headers.Location!;
        Assert.Equal("r", System.Web.HttpUtility.ParseQueryString(location.Query)["sp"]);
        Assert.Equal("hello", await new HttpClient().GetStringAsync(location));
        using var missing = await _api.SendAsync(bob, HttpMethod.Get, $"api/projects/{id}/files/Maps/half2.mrc");
        await Problem.AssertAsync(missing, HttpStatusCode.NotFound);
        var write = await Assert.ThrowsAsync<RequestFailedException>(() => new BlobClient(location).UploadAsync(BinaryData.FromString("x"), overwrite: true));
        Assert.Equal(403, write.Status);
    }

    [Fact]
    public async Task Listing_files_returns_paths_relative_to_the_project_filtered_by_prefix()
    {
        var alice = ApiClient.NewUser("alice");
        var id = (await _api.CreateProjectAsync(alice)).GetProperty("id").GetString()!;
        foreach (var path in new[] { "Movies/a.tif", "Movies/b.tif", "Maps/m.mrc" })
        {
            await Uploads.PutAsync(await _api.StartUploadAsync(alice, id, path, 1), [7]);
        }

        using var all = await _api.SendAsync(alice, HttpMethod.Get, $"api/projects/{id}/files");
        using var movies = await _api.SendAsync(alice, HttpMethod.Get, $"api/projects/{id}/files?prefix=Movies/");

        var listing = await ApiClient.JsonAsync(all);
        Assert.Equal(["Maps/m.mrc", "Movies/a.tif", "Movies/b.tif"], Paths(listing));
        Assert.Equal(JsonValueKind.Null, listing.GetProperty("continuationToken").ValueKind);
        Assert.Equal(["Movies/a.tif", "Movies/b.tif"], Paths(await ApiClient.JsonAsync(movies)));
    }

    private static string[] Paths(JsonElement listing) =>
        [.. listing.GetProperty("files").EnumerateArray().Select(f => f.GetProperty("path").GetString()!).Order(StringComparer.Ordinal)];
}
