using Scipion.Testing;
using System.Net;

namespace Scipion.Api.Tests;

[Collection(LocalHostCollection.Name)]
public sealed class BadInputTests(LocalHostFixture fixture)
{
    private readonly ApiClient _api = fixture.Api;

    public static TheoryData<string> UnsafePaths => new()
    {
        "../escape.tif",
        "Movies/../../other-project/x.tif",
        "/absolute.tif",
        "C:/windows.tif",
        "Movies\\backslash.tif",
        "Movies/control\u0001.tif",
        "Movies/new\nline.tif",
        "Movies//double.tif",
        "Movies/",
        new string('a', 1025),
        "",
    };

    [Theory]
    [MemberData(nameof(UnsafePaths))]
    public async Task An_upload_to_an_unsafe_path_is_a_400_problem_and_writes_nothing(string path)
    {
        var alice = ApiClient.NewUser("alice");
        var id = (await _api.CreateProjectAsync(alice)).GetProperty("id").GetString()!;
        var before = await fixture.AllBlobsAsync();

        using var response = await _api.SendAsync(alice, HttpMethod.Post, $"api/projects/{id}/uploads", new { path, size = 1 });

        var problem = await Problem.AssertAsync(response, HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty("path", out _));
        Assert.Equal(before, await fixture.AllBlobsAsync());
    }

    [Theory]
    [InlineData("../x")]
    [InlineData("Movies/..")]
    [InlineData("/etc")]
    public async Task A_listing_prefix_that_leaves_the_project_is_a_400_problem(string prefix)
    {
        var alice = ApiClient.NewUser("alice");
        var id = (await _api.CreateProjectAsync(alice)).GetProperty("id").GetString()!;

        using var response = await _api.SendAsync(alice, HttpMethod.Get, $"api/projects/{id}/files?prefix={Uri.EscapeDataString(prefix)}");

        await Problem.AssertAsync(response, HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task A_download_path_with_dot_dot_segments_is_refused_not_resolved()
    {
        var alice = ApiClient.NewUser("alice");
        var id = (await _api.CreateProjectAsync(alice)).GetProperty("id").GetString()!;

        // Escaped so HttpClient sends the segments as they are, as an attacker's client would.
        using var response = await _api.SendRawAsync(await _api.TokenAsync(alice), HttpMethod.Get, $"api/projects/{id}/files/Movies%2F..%2F..%2Fsecret");

        Assert.True(response.StatusCode is HttpStatusCode.BadRequest or HttpStatusCode.NotFound, $"got {(int)response.StatusCode}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    public static TheoryData<string, string, string?, HttpStatusCode> Bodies => new()
    {
        { "POST", "api/projects", "{not json", HttpStatusCode.BadRequest },
        { "POST", "api/projects", "", HttpStatusCode.BadRequest },
        { "POST", "api/projects", "null", HttpStatusCode.BadRequest },
        { "POST", "api/projects", "[]", HttpStatusCode.BadRequest },
        { "POST", "api/projects", "{}", HttpStatusCode.BadRequest },
        { "POST", "api/projects", "{\"name\":\"\"}", HttpStatusCode.BadRequest },
        { "POST", "api/projects", "{\"name\":42}", HttpStatusCode.BadRequest },
        { "POST", "api/projects", "{\"name\":\"x\",\"description\":[1]}", HttpStatusCode.BadRequest },
        { "POST", "api/projects", $"{{\"name\":\"{new string('n', 201)}\"}}", HttpStatusCode.BadRequest },
        { "POST", "api/projects", $"{{\"name\":\"x\",\"description\":\"{new string('d', 200_000)}\"}}", HttpStatusCode.RequestEntityTooLarge },
        { "POST", "{project}/uploads", "{\"size\":1}", HttpStatusCode.BadRequest },
        { "POST", "{project}/uploads", "{\"path\":\"a.tif\",\"size\":\"big\"}", HttpStatusCode.BadRequest },
        { "POST", "{project}/uploads", "{\"path\":\"a.tif\",\"size\":-1}", HttpStatusCode.BadRequest },
        { "POST", "{project}/uploads", "{\"path\":7,\"size\":1}", HttpStatusCode.BadRequest },
        { "PUT", "{project}/members/bob", "{}", HttpStatusCode.BadRequest },
        { "PUT", "{project}/members/bob", "{\"role\":\"owner\"}", HttpStatusCode.BadRequest },
        { "PUT", "{project}/members/bob", "{\"role\":\"admin\"}", HttpStatusCode.BadRequest },
        { "PUT", "{project}/members/bob", "{\"role\":1}", HttpStatusCode.BadRequest },
        { "POST", "{project}/transfer-url", "{\"permissions\":\"delete\"}", HttpStatusCode.BadRequest },
        { "POST", "{project}/transfer-url", "{\"permissions\":\"read\",\"expiresInMinutes\":0}", HttpStatusCode.BadRequest },
        { "POST", "{project}/transfer-url", "{\"permissions\":\"read\",\"expiresInMinutes\":100000}", HttpStatusCode.BadRequest },
    };

    [Theory]
    [MemberData(nameof(Bodies))]
    public async Task A_malformed_incomplete_mistyped_or_huge_body_gets_a_4xx_problem(string method, string path, string? body, HttpStatusCode status)
    {
        var alice = ApiClient.NewUser("alice");
        var id = (await _api.CreateProjectAsync(alice)).GetProperty("id").GetString()!;
        var before = await fixture.AllBlobsAsync();

        using var response = await _api.SendRawAsync(await _api.TokenAsync(alice), new HttpMethod(method), path.Replace("{project}", $"api/projects/{id}", StringComparison.Ordinal), body);

        await Problem.AssertAsync(response, status);
        Assert.Equal(before, await fixture.AllBlobsAsync());
        using var project = await _api.SendAsync(alice, HttpMethod.Get, $"api/projects/{id}");
        Assert.Equal(0, (await ApiClient.JsonAsync(project)).GetProperty("members").GetArrayLength());
    }

    [Fact]
    public async Task A_body_that_is_not_json_is_refused_by_content_type()
    {
        var alice = ApiClient.NewUser("alice");
        using var response = await _api.SendRawAsync(await _api.TokenAsync(alice), HttpMethod.Post, "api/projects", "name=x", "application/x-www-form-urlencoded");
        await Problem.AssertAsync(response, HttpStatusCode.BadRequest);
    }

    [Theory]
    [InlineData("0123456789abcdef0123456789abcdef")]
    [InlineData("not-a-project-id")]
    [InlineData("..")]
    public async Task An_unknown_project_is_a_404_problem(string projectId)
    {
        using var response = await _api.SendAsync(ApiClient.NewUser("alice"), HttpMethod.Get, $"api/projects/{Uri.EscapeDataString(projectId)}");
        await Problem.AssertAsync(response, HttpStatusCode.NotFound);
    }

    [Theory]
    [InlineData("a%2Fb")]
    [InlineData("a%23b")]
    [InlineData("%20")]
    public async Task Sharing_with_a_user_id_that_cannot_be_stored_is_a_400_problem(string user)
    {
        var alice = ApiClient.NewUser("alice");
        var id = (await _api.CreateProjectAsync(alice)).GetProperty("id").GetString()!;

        using var response = await _api.SendRawAsync(await _api.TokenAsync(alice), HttpMethod.Put, $"api/projects/{id}/members/{user}", "{\"role\":\"reader\"}");

        await Problem.AssertAsync(response, HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task The_owner_cannot_be_shared_with_or_removed_from_their_own_project()
    {
        var alice = ApiClient.NewUser("alice");
        var id = (await _api.CreateProjectAsync(alice)).GetProperty("id").GetString()!;

        using var share = await _api.SendAsync(alice, HttpMethod.Put, $"api/projects/{id}/members/{alice}", new { role = "reader" });
        using var unshare = await _api.SendAsync(alice, HttpMethod.Delete, $"api/projects/{id}/members/{alice}");

        await Problem.AssertAsync(share, HttpStatusCode.BadRequest);
        await Problem.AssertAsync(unshare, HttpStatusCode.BadRequest);
    }

    [Theory]
    [InlineData("GET", "api/nowhere", HttpStatusCode.NotFound)]
    [InlineData("PATCH", "api/projects", HttpStatusCode.MethodNotAllowed)]
    public async Task Unknown_routes_and_verbs_get_problems_too(string method, string path, HttpStatusCode status)
    {
        using var response = await _api.SendAsync(ApiClient.NewUser("alice"), new HttpMethod(method), path);
        await Problem.AssertAsync(response, status);
    }
}
