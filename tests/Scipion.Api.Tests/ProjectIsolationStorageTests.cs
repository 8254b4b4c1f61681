using System.Net;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Specialized;
using Scipion.Core;
using Scipion.Testing;

namespace Scipion.Api.Tests;

/// <summary>
/// The project is the storage boundary (issue 10, cases 5, 7 and 8): what a holder of a signed URL can still do
/// to a project, or through it to another, once the platform has handed the URL out.
/// </summary>
[Collection(LocalHostCollection.Name)]
public sealed class ProjectIsolationStorageTests(LocalHostFixture fixture)
{
    private readonly ApiClient _api = fixture.Api;

    [Fact]
    public async Task A_project_whose_blob_an_upload_grant_leased_for_ever_is_still_deleted_whole()
    {
        var alice = ApiClient.NewUser("alice");
        var id = await NewProjectAsync(alice);
        var grant = await _api.StartUploadAsync(alice, id, "Movies/m.tif", 3);
        await Uploads.PutAsync(grant, [1, 2, 3]);
        await new BlobClient(Uploads.Url(grant)).GetBlobLeaseClient().AcquireAsync(BlobLeaseClient.InfiniteLeaseDuration);

        using var delete = await _api.SendAsync(alice, HttpMethod.Delete, $"api/projects/{id}");

        Assert.Equal(HttpStatusCode.NoContent, delete.StatusCode);
        Assert.False(await fixture.ProjectContainerExistsAsync(id));
        using var get = await _api.SendAsync(alice, HttpMethod.Get, $"api/projects/{id}");
        await Problem.AssertAsync(get, HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_blob_copied_in_from_another_project_through_an_upload_grant_is_not_downloadable_and_is_removed()
    {
        var (alice, bob) = (ApiClient.NewUser("alice"), ApiClient.NewUser("bob"));
        var mine = await NewProjectAsync(alice);
        var theirs = await NewProjectAsync(bob);
        await Uploads.PutAsync(await _api.StartUploadAsync(bob, theirs, "Maps/secret.mrc", 12), "their secret"u8.ToArray());
        var secret = new BlobServiceClient(fixture.Azurite.ConnectionString)
            .GetBlobContainerClient(StorageNames.ProjectContainer(theirs)).GetBlobClient("Maps/secret.mrc");

        // Copy Blob with alice's own upload grant as destination: Azurite copies without asking the source.
        var grant = await _api.StartUploadAsync(alice, mine, "Maps/copy.mrc", 12);
        using (var copy = new HttpRequestMessage(HttpMethod.Put, Uploads.Url(grant)) { Content = new ByteArrayContent([]) })
        {
            copy.Headers.Add("x-ms-copy-source", secret.Uri.ToString());
            copy.Headers.Add("x-ms-version", "2021-08-06");
            using var http = new HttpClient();
            using var copied = await http.SendAsync(copy);
            Assert.Equal(HttpStatusCode.Accepted, copied.StatusCode);
        }

        using var download = await _api.SendAsync(alice, HttpMethod.Get, $"api/projects/{mine}/files/Maps/copy.mrc");
        await Problem.AssertAsync(download, HttpStatusCode.NotFound);
        using var list = await _api.SendAsync(alice, HttpMethod.Get, $"api/projects/{mine}/files");
        Assert.DoesNotContain("copy.mrc", await list.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        // The blob-created watcher deletes it; the source stays where it was.
        var deadline = DateTime.UtcNow.AddMinutes(1);
        while ((await fixture.ProjectBlobsAsync(mine)).Contains("Maps/copy.mrc") && DateTime.UtcNow < deadline)
        {
            await Task.Delay(250);
        }

        Assert.DoesNotContain("Maps/copy.mrc", await fixture.ProjectBlobsAsync(mine));
        Assert.True(await secret.ExistsAsync());
    }

    [Fact]
    public async Task Signed_urls_cannot_write_once_their_project_is_deleted()
    {
        var alice = ApiClient.NewUser("alice");
        var id = await NewProjectAsync(alice);
        var grant = await _api.StartUploadAsync(alice, id, "Movies/late.tif", 3);
        using var transfer = await _api.SendAsync(alice, HttpMethod.Post, $"api/projects/{id}/transfer-url", new { permissions = "write" });
        var container = new BlobContainerClient(new Uri((await ApiClient.JsonAsync(transfer)).GetProperty("url").GetString()!));

        using var delete = await _api.SendAsync(alice, HttpMethod.Delete, $"api/projects/{id}");
        Assert.Equal(HttpStatusCode.NoContent, delete.StatusCode);

        Assert.Equal(HttpStatusCode.NotFound, await Uploads.TryPutAsync(Uploads.Url(grant), grant, [1, 2, 3]));
        var put = await Assert.ThrowsAsync<RequestFailedException>(() => container.GetBlobClient("Movies/bulk.tif").UploadAsync(BinaryData.FromBytes([1])));
        Assert.Equal(404, put.Status);
        Assert.False(await fixture.ProjectContainerExistsAsync(id));
    }

    [Fact]
    public async Task A_member_removed_from_a_project_gets_no_new_grant_of_any_kind()
    {
        var (alice, bob) = (ApiClient.NewUser("alice"), ApiClient.NewUser("bob"));
        var id = await NewProjectAsync(alice);
        await _api.ShareAsync(alice, id, bob, "editor");
        await _api.StartUploadAsync(bob, id, "Movies/m.tif", 3);

        using var unshare = await _api.SendAsync(alice, HttpMethod.Delete, $"api/projects/{id}/members/{bob}");
        Assert.Equal(HttpStatusCode.NoContent, unshare.StatusCode);

        using var upload = await _api.SendAsync(bob, HttpMethod.Post, $"api/projects/{id}/uploads", new { path = "Movies/m.tif", size = 3 });
        using var transfer = await _api.SendAsync(bob, HttpMethod.Post, $"api/projects/{id}/transfer-url", new { permissions = "read" });
        using var download = await _api.SendAsync(bob, HttpMethod.Get, $"api/projects/{id}/files/Movies/m.tif");
        await Problem.AssertAsync(upload, HttpStatusCode.NotFound);
        await Problem.AssertAsync(transfer, HttpStatusCode.NotFound);
        await Problem.AssertAsync(download, HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task An_upload_grant_lives_ten_minutes_by_default()
    {
        var alice = ApiClient.NewUser("alice");
        var id = await NewProjectAsync(alice);

        var grant = await _api.StartUploadAsync(alice, id, "Movies/m.tif", 3);

        Assert.InRange(grant.GetProperty("expiresAt").GetDateTimeOffset(), DateTimeOffset.UtcNow.AddMinutes(9), DateTimeOffset.UtcNow.AddMinutes(10));
    }

    [Fact]
    public void A_blob_created_event_names_its_project_by_its_container_and_events_of_other_containers_are_ignored()
    {
        const string id = "0123456789abcdef0123456789abcdef";
        static string Event(string subject) =>
            $$$"""{"eventType":"Microsoft.Storage.BlobCreated","subject":"{{{subject}}}","data":{"eTag":"0x1","contentLength":7}}""";

        var parsed = Scipion.Functions.Events.EventGridBlobCreated.Parse(Event($"/blobServices/default/containers/p-{id}/blobs/Movies/m%20001.tif"));

        var upload = Assert.Single(parsed);
        Assert.Equal((id, "Movies/m 001.tif", 7L), (upload.ProjectId, upload.Path, upload.Size));
        foreach (var other in new[]
        {
            $"/blobServices/default/containers/projects/blobs/{id}/Movies/m.tif",
            "/blobServices/default/containers/p-notaprojectid/blobs/Movies/m.tif",
            $"/blobServices/default/containers/p-{id.ToUpperInvariant()}/blobs/Movies/m.tif",
            $"/blobServices/default/containers/p-{id}/blobs/",
            "/blobServices/default/containers/scipion-leases/blobs/x",
        })
        {
            Assert.Empty(Scipion.Functions.Events.EventGridBlobCreated.Parse(Event(other)));
        }
    }

    private async Task<string> NewProjectAsync(string owner) =>
        (await _api.CreateProjectAsync(owner)).GetProperty("id").GetString()!;
}
