using Scipion.Testing;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Scipion.Api.Tests;

[Collection(LocalHostCollection.Name)]
public sealed class ProjectTests(LocalHostFixture fixture)
{
    private readonly ApiClient _api = fixture.Api;

    [Fact]
    public async Task Creating_a_project_makes_the_caller_its_owner_and_tells_where_it_lives()
    {
        var alice = ApiClient.NewUser("alice");
        using var response = await _api.SendAsync(alice, HttpMethod.Post, "api/projects", new { name = "Apoferritin", description = "Krios, 2026-11" });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var project = await ApiClient.JsonAsync(response);
        var id = project.GetProperty("id").GetString()!;
        Assert.Equal($"/api/projects/{id}", response.Headers.Location?.ToString());
        Assert.Equal(alice, project.GetProperty("owner").GetString());
        Assert.Equal("Apoferritin", project.GetProperty("name").GetString());
        Assert.Equal("Krios, 2026-11", project.GetProperty("description").GetString());
        Assert.Equal(0, project.GetProperty("members").GetArrayLength());
        Assert.True(project.GetProperty("createdAt").GetDateTimeOffset() > DateTimeOffset.UtcNow.AddMinutes(-5));

        using var get = await _api.SendAsync(alice, HttpMethod.Get, $"api/projects/{id}");
        Assert.Equal(HttpStatusCode.OK, get.StatusCode);
        Assert.Equal(id, (await ApiClient.JsonAsync(get)).GetProperty("id").GetString());
    }

    [Fact]
    public async Task A_user_lists_exactly_the_projects_they_own_or_are_members_of()
    {
        var (alice, bob) = (ApiClient.NewUser("alice"), ApiClient.NewUser("bob"));
        var own = (await _api.CreateProjectAsync(alice, "own")).GetProperty("id").GetString()!;
        var shared = (await _api.CreateProjectAsync(bob, "shared")).GetProperty("id").GetString()!;
        var bobsOnly = (await _api.CreateProjectAsync(bob, "private")).GetProperty("id").GetString()!;
        await _api.ShareAsync(bob, shared, alice, "reader");

        using var response = await _api.SendAsync(alice, HttpMethod.Get, "api/projects");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var ids = (await ApiClient.JsonAsync(response)).EnumerateArray().Select(p => p.GetProperty("id").GetString()).ToHashSet();
        Assert.Equal(new HashSet<string?> { own, shared }, ids);
        Assert.DoesNotContain(bobsOnly, ids);
    }

    [Fact]
    public async Task A_stranger_sees_an_empty_list_and_404_for_someone_elses_project()
    {
        var (alice, mallory) = (ApiClient.NewUser("alice"), ApiClient.NewUser("mallory"));
        var id = (await _api.CreateProjectAsync(alice)).GetProperty("id").GetString()!;

        using var list = await _api.SendAsync(mallory, HttpMethod.Get, "api/projects");
        Assert.Equal(0, (await ApiClient.JsonAsync(list)).GetArrayLength());

        foreach (var (method, path, body) in new (HttpMethod, string, object?)[]
                 {
                     (HttpMethod.Get, $"api/projects/{id}", null),
                     (HttpMethod.Delete, $"api/projects/{id}", null),
                     (HttpMethod.Put, $"api/projects/{id}/members/{mallory}", new { role = "editor" }),
                     (HttpMethod.Post, $"api/projects/{id}/uploads", new { path = "Movies/m.tif", size = 1 }),
                     (HttpMethod.Get, $"api/projects/{id}/files", null),
                     (HttpMethod.Get, $"api/projects/{id}/files/Movies/m.tif", null),
                 })
        {
            using var response = await _api.SendAsync(mallory, method, path, body);
            var problem = await Problem.AssertAsync(response, HttpStatusCode.NotFound);
            Assert.DoesNotContain("forbidden", problem.GetProperty("detail").GetString()!, StringComparison.OrdinalIgnoreCase);
        }

        // The stranger's attempt to share with themselves changed nothing.
        using var after = await _api.SendAsync(alice, HttpMethod.Get, $"api/projects/{id}");
        Assert.Equal(0, (await ApiClient.JsonAsync(after)).GetProperty("members").GetArrayLength());
    }

    [Fact]
    public async Task Sharing_as_reader_and_editor_grants_those_roles_and_unsharing_takes_them_back()
    {
        var (alice, bob, carol) = (ApiClient.NewUser("alice"), ApiClient.NewUser("bob"), ApiClient.NewUser("carol"));
        var id = (await _api.CreateProjectAsync(alice)).GetProperty("id").GetString()!;

        using (var share = await _api.SendAsync(alice, HttpMethod.Put, $"api/projects/{id}/members/{bob}", new { role = "reader" }))
        {
            Assert.Equal(HttpStatusCode.OK, share.StatusCode);
            var members = (await ApiClient.JsonAsync(share)).GetProperty("members");
            Assert.Equal(bob, members[0].GetProperty("user").GetString());
            Assert.Equal("reader", members[0].GetProperty("role").GetString());
        }

        await _api.ShareAsync(alice, id, carol, "editor");
        using (var asCarol = await _api.SendAsync(carol, HttpMethod.Get, $"api/projects/{id}"))
        {
            var members = (await ApiClient.JsonAsync(asCarol)).GetProperty("members").EnumerateArray()
                .ToDictionary(m => m.GetProperty("user").GetString()!, m => m.GetProperty("role").GetString());
            Assert.Equal(new Dictionary<string, string?> { [bob] = "reader", [carol] = "editor" }, members);
        }

        // The editor may upload; the reader may read but not upload.
        using (var upload = await _api.SendAsync(carol, HttpMethod.Post, $"api/projects/{id}/uploads", new { path = "Movies/a.tif", size = 3 }))
        {
            Assert.Equal(HttpStatusCode.Created, upload.StatusCode);
        }

        using (var readerUpload = await _api.SendAsync(bob, HttpMethod.Post, $"api/projects/{id}/uploads", new { path = "Movies/a.tif", size = 3 }))
        {
            await Problem.AssertAsync(readerUpload, HttpStatusCode.Forbidden);
        }

        using (var unshare = await _api.SendAsync(alice, HttpMethod.Delete, $"api/projects/{id}/members/{bob}"))
        {
            Assert.Equal(HttpStatusCode.NoContent, unshare.StatusCode);
        }

        using var gone = await _api.SendAsync(bob, HttpMethod.Get, $"api/projects/{id}");
        await Problem.AssertAsync(gone, HttpStatusCode.NotFound);
        using var bobsList = await _api.SendAsync(bob, HttpMethod.Get, "api/projects");
        Assert.Equal(0, (await ApiClient.JsonAsync(bobsList)).GetArrayLength());
    }

    [Fact]
    public async Task Members_cannot_share_unshare_or_delete_only_the_owner_can()
    {
        var (alice, bob, carol) = (ApiClient.NewUser("alice"), ApiClient.NewUser("bob"), ApiClient.NewUser("carol"));
        var id = (await _api.CreateProjectAsync(alice)).GetProperty("id").GetString()!;
        await _api.ShareAsync(alice, id, bob, "reader");
        await _api.ShareAsync(alice, id, carol, "editor");

        foreach (var member in new[] { bob, carol })
        {
            using var share = await _api.SendAsync(member, HttpMethod.Put, $"api/projects/{id}/members/{ApiClient.NewUser("dave")}", new { role = "reader" });
            await Problem.AssertAsync(share, HttpStatusCode.Forbidden);
            using var unshare = await _api.SendAsync(member, HttpMethod.Delete, $"api/projects/{id}/members/{bob}");
            await Problem.AssertAsync(unshare, HttpStatusCode.Forbidden);
            using var delete = await _api.SendAsync(member, HttpMethod.Delete, $"api/projects/{id}");
            await Problem.AssertAsync(delete, HttpStatusCode.Forbidden);
        }

        using var still = await _api.SendAsync(alice, HttpMethod.Get, $"api/projects/{id}");
        Assert.Equal(2, (await ApiClient.JsonAsync(still)).GetProperty("members").GetArrayLength());
    }

    [Fact]
    public async Task The_owner_deletes_a_project_with_its_files_and_nobody_finds_it_afterwards()
    {
        var (alice, bob) = (ApiClient.NewUser("alice"), ApiClient.NewUser("bob"));
        var id = (await _api.CreateProjectAsync(alice)).GetProperty("id").GetString()!;
        await _api.ShareAsync(alice, id, bob, "editor");
        var upload = await _api.StartUploadAsync(alice, id, "Movies/m.tif", 4);
        await Uploads.PutAsync(upload, [1, 2, 3, 4]);

        using var delete = await _api.SendAsync(alice, HttpMethod.Delete, $"api/projects/{id}");

        Assert.Equal(HttpStatusCode.NoContent, delete.StatusCode);
        foreach (var user in new[] { alice, bob })
        {
            using var get = await _api.SendAsync(user, HttpMethod.Get, $"api/projects/{id}");
            await Problem.AssertAsync(get, HttpStatusCode.NotFound);
            using var list = await _api.SendAsync(user, HttpMethod.Get, "api/projects");
            Assert.DoesNotContain(id, (await list.Content.ReadFromJsonAsync<JsonElement>()).EnumerateArray().Select(p => p.GetProperty("id").GetString()));
        }

        Assert.Empty(await fixture.ProjectBlobsAsync(id));
    }
}
