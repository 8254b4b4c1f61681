using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Scipion.Core.Errors;
using Scipion.Core.Formats;
using Scipion.Functions.Http;
using Scipion.Testing;
using Scipion.Workflows;

namespace Scipion.Api.Tests;

/// <summary>
/// What a hostile user tried (issue 10): paths read out of files, duplicate keys, backtracking globs, stalled bodies,
/// dot segments, concurrent member changes. Each answer is a 4xx problem that leaks nothing, never a 5xx.
/// </summary>
[Collection(LocalHostCollection.Name)]
public sealed class HostileInputCaseTests(LocalHostFixture fixture)
{
    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(3);

    private readonly ApiClient _api = fixture.Api;

    private string WorkRoot => fixture.Host.App.Services.GetRequiredService<IOptions<WorkflowOptions>>().Value.WorkRoot;

    [Fact]
    public async Task A_star_file_pointing_at_another_project_s_staged_stack_is_refused_without_reading_it()
    {
        // Bob's run stages his stack (37-pixel box) on the server, then fails: its diameter does not fit the box.
        var bob = ApiClient.NewUser("bob");
        var bobs = await CreateProjectAsync(bob);
        await UploadStackAsync(bob, bobs, "Particles/s.mrcs", box: 37);
        await UploadAsync(bob, bobs, "Particles/p.star", ParticlesStar("1@Particles/s.mrcs"));
        var bobsRun = await Runs.StartAsync(_api, bob, bobs, FirstMap("Particles/p.star"));
        var bobsEnd = await Runs.WaitAsync(_api, bob, bobs, bobsRun, Runs.IsFinished, Limit);
        Assert.Contains("37-pixel box", bobsEnd.GetProperty("error").GetProperty("detail").GetString(), StringComparison.Ordinal);

        // Alice's image name climbs from her run's work folder into Bob's.
        var alice = ApiClient.NewUser("alice");
        var alices = await CreateProjectAsync(alice);
        await UploadAsync(alice, alices, "Particles/p.star", ParticlesStar($"1@../../{bobs}/{bobsRun}/Particles/s.mrcs"));

        using var response = await _api.SendAsync(alice, HttpMethod.Post, $"api/projects/{alices}/runs", FirstMap("Particles/p.star"));

        var problem = await Problem.AssertAsync(response, HttpStatusCode.BadRequest);
        var detail = problem.GetProperty("detail").GetString()!;
        Assert.Contains($"Particles/p.star:{ParticleLine}: image name '1@../../{bobs}/{bobsRun}/Particles/s.mrcs' is outside the project", detail, StringComparison.Ordinal);
        Assert.DoesNotContain("37-pixel", problem.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("37x37", problem.ToString(), StringComparison.Ordinal);
        Assert.Empty((await ListRunsAsync(alice, alices)).EnumerateArray());
    }

    [Theory]
    [InlineData("1@/etc/passwd")]
    [InlineData("1@../../../../etc/hostname")]
    [InlineData("1@../../../../../../../../../../etc/passwd")]
    public async Task A_star_file_pointing_at_a_server_file_is_refused_without_saying_whether_it_exists(string imageName)
    {
        var alice = ApiClient.NewUser("alice");
        var id = await CreateProjectAsync(alice);
        await UploadAsync(alice, id, "Particles/p.star", ParticlesStar(imageName));

        using var response = await _api.SendAsync(alice, HttpMethod.Post, $"api/projects/{id}/runs", FirstMap("Particles/p.star"));

        var problem = await Problem.AssertAsync(response, HttpStatusCode.BadRequest);
        Assert.StartsWith($"Particles/p.star:{ParticleLine}: image name '{imageName}' is outside the project", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.DoesNotContain("root", problem.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("MRC", problem.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("exist", problem.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_run_s_work_folder_is_gone_once_the_run_has_ended()
    {
        var alice = ApiClient.NewUser("alice");
        var id = await CreateProjectAsync(alice);
        await UploadStackAsync(alice, id, "Particles/s.mrcs", box: 24);
        await UploadAsync(alice, id, "Particles/p.star", ParticlesStar("1@Particles/s.mrcs"));

        // Staged, then refused when planned (the diameter does not fit the box): a run that ends Failed.
        var runId = await Runs.StartAsync(_api, alice, id, FirstMap("Particles/p.star"));
        var run = await Runs.WaitAsync(_api, alice, id, runId, Runs.IsFinished, Limit);

        Assert.Equal("Failed", run.GetProperty("status").GetString());
        Assert.False(Directory.Exists(Path.Combine(WorkRoot, id, runId)), "the run's staged files outlived it");
    }

    [Fact]
    public async Task A_deleted_project_leaves_no_work_folder_on_the_server()
    {
        var alice = ApiClient.NewUser("alice");
        var id = await CreateProjectAsync(alice);

        // What a run that could not clean up (a job still closing its files) leaves behind.
        var leftover = Path.Combine(WorkRoot, id, "20260101-000000-leftover", "Particles");
        Directory.CreateDirectory(leftover);
        await File.WriteAllTextAsync(Path.Combine(leftover, "s.mrcs"), "staged");

        using var response = await _api.SendAsync(alice, HttpMethod.Delete, $"api/projects/{id}");

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.False(Directory.Exists(Path.Combine(WorkRoot, id)), "the deleted project's staged files stayed on the server");
    }

    public static TheoryData<string, string, string, string> DuplicateKeyBodies => new()
    {
        { "POST", "{project}/runs", """{"tool":"first-map","inputs":{"particles":"a.star","particles":"b.star"},"parameters":{"particleDiameter":100}}""", "inputs.particles" },
        { "POST", "{project}/runs", """{"tool":"first-map","inputs":{"particles":"a.star"},"parameters":{"particleDiameter":100,"ParticleDiameter":200}}""", "parameters.ParticleDiameter" },
        { "POST", "{project}/runs", """{"tool":"first-map","tool":"pipeline","inputs":{}}""", "tool" },
        { "POST", "{project}/runs", """{"tool":"first-map","inputs":{},"parameters":{"compute":{"backend":"local","BACKEND":"local"}}}""", "parameters.compute.BACKEND" },
        { "POST", "{project}/runs", """{"tool":"first-map","inputs":{},"Inputs":{}}""", "Inputs" },
        { "POST", "api/projects", """{"name":"a","Name":"b"}""", "Name" },
        { "POST", "{project}/uploads", """{"path":"a.tif","size":1,"path":"b.tif"}""", "path" },
        { "PUT", "{project}/members/bob", """{"role":"reader","role":"editor"}""", "role" },
    };

    [Theory]
    [MemberData(nameof(DuplicateKeyBodies))]
    public async Task A_key_given_twice_in_a_body_is_a_400_problem_naming_it(string method, string path, string body, string key)
    {
        var alice = ApiClient.NewUser("alice");
        var id = await CreateProjectAsync(alice);

        using var response = await _api.SendRawAsync(await _api.TokenAsync(alice), new HttpMethod(method),
            path.Replace("{project}", $"api/projects/{id}", StringComparison.Ordinal), body);

        var problem = await Problem.AssertAsync(response, HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty(key, out _), problem.ToString());
        Assert.Empty((await ListRunsAsync(alice, id)).EnumerateArray());
    }

    [Fact]
    public async Task A_glob_made_to_backtrack_gets_an_ordinary_answer()
    {
        var alice = ApiClient.NewUser("alice");
        var id = await CreateProjectAsync(alice);
        await UploadAsync(alice, id, $"Movies/{new string('a', 200)}b.tif", [1]);
        var glob = "Movies/" + string.Concat(Enumerable.Repeat("**a", 14)) + ".tif";

        using var response = await _api.SendAsync(alice, HttpMethod.Post, $"api/projects/{id}/runs", new
        {
            tool = "movie-alignment",
            inputs = new { movies = glob },
            parameters = new { pixelSize = 1.0 },
        });

        var problem = await Problem.AssertAsync(response, HttpStatusCode.BadRequest);
        Assert.Contains("matches no file", problem.GetProperty("errors").GetProperty("inputs.movies")[0].GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_body_that_stalls_is_a_408_problem()
    {
        var token = await _api.TokenAsync(ApiClient.NewUser("alice"));

        // Content-Length 100, eleven bytes, then nothing: the server must give up on the body, not on the request.
        var answer = await RawHttpAsync(
            $"POST /api/projects HTTP/1.1\r\nHost: {fixture.Host.BaseAddress.Authority}\r\nAuthorization: Bearer {token}\r\n"
            + "Content-Type: application/json\r\nContent-Length: 100\r\n\r\n{\"name\":\"x\"");

        Assert.Equal(408, answer.Status);
        Assert.Equal("application/problem+json", answer.ContentType);
        Assert.Equal(408, JsonDocument.Parse(answer.Body).RootElement.GetProperty("status").GetInt32());
    }

    public static TheoryData<string> EarlyEnds => new() { "bad request", "io" };

    [Theory]
    [MemberData(nameof(EarlyEnds))]
    public async Task A_body_shorter_than_its_content_length_is_a_400_problem(string how)
    {
        // Over a socket the server drops a connection whose client closed its side, so nobody would see the answer;
        // the function frame still has to give one, as the Functions host may deliver it.
        Exception ended = how == "io" ? new IOException("The client closed the connection.") : new BadHttpRequestException("Unexpected end of request content.", 400);
        var context = new DefaultHttpContext();
        context.Request.ContentType = "application/json";
        context.Request.ContentLength = 100;
        context.Request.Body = new EndingEarly(Encoding.UTF8.GetBytes("{\"name\":\"x\""), ended);

        var error = await Assert.ThrowsAsync<ScipionError>(() => JsonBody.ReadAsync<CreateProjectRequest>(context.Request, CancellationToken.None));

        Assert.Equal(400, Problems.StatusOf(error.Kind));
    }

    public static TheoryData<string, string> DotSegmentTargets => new()
    {
        { "DELETE", "/api/projects/{id}/members/%2e%2e" },
        { "DELETE", "/api/projects/{id}/members/%2E%2E" },
        { "DELETE", "/api/projects/{id}/members/.." },
        { "DELETE", "/api/projects/{id}/members/%2e" },
        { "DELETE", "/api/projects/{id}/x/%2e%2e/.." },
        { "DELETE", "/api/projects/{id}/./members/..?x=1" },
        { "PUT", "/api/projects/{id}/members/%2e%2e" },
        { "GET", "/api/projects/{id}/files/Movies/%2e%2e/%2e%2e/secret" },
    };

    [Theory]
    [MemberData(nameof(DotSegmentTargets))]
    public async Task A_path_with_dot_segments_is_a_400_problem_and_the_project_survives(string method, string target)
    {
        var alice = ApiClient.NewUser("alice");
        var id = await CreateProjectAsync(alice);
        var body = method == "PUT" ? "{\"role\":\"reader\"}" : string.Empty;

        var answer = await RawHttpAsync(
            $"{method} {target.Replace("{id}", id, StringComparison.Ordinal)} HTTP/1.1\r\nHost: {fixture.Host.BaseAddress.Authority}\r\n"
            + $"Authorization: Bearer {await _api.TokenAsync(alice)}\r\nContent-Type: application/json\r\nContent-Length: {body.Length}\r\nConnection: close\r\n\r\n{body}");

        Assert.Equal(400, answer.Status);
        Assert.Equal("application/problem+json", answer.ContentType);
        using var project = await _api.SendAsync(alice, HttpMethod.Get, $"api/projects/{id}");
        Assert.Equal(HttpStatusCode.OK, project.StatusCode);
        Assert.Equal(0, (await ApiClient.JsonAsync(project)).GetProperty("members").GetArrayLength());
    }

    [Theory]
    [InlineData(".")]
    [InlineData("..")]
    [InlineData("a:b")]
    [InlineData("a b")]
    public async Task A_user_id_the_contract_does_not_allow_is_a_400_problem(string user)
    {
        // Dots as a whole path segment never reach a function (above); in a body, or among other characters, they do.
        using var token = await _api.SendRawAsync(null, HttpMethod.Post, "api/dev/token", JsonSerializer.Serialize(new { user }));

        await Problem.AssertAsync(token, HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Sharing_with_a_user_id_the_contract_does_not_allow_is_a_400_problem()
    {
        var alice = ApiClient.NewUser("alice");
        var id = await CreateProjectAsync(alice);

        using var share = await _api.SendRawAsync(await _api.TokenAsync(alice), HttpMethod.Put, $"api/projects/{id}/members/a:b", "{\"role\":\"reader\"}");

        await Problem.AssertAsync(share, HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Concurrent_member_changes_all_take_effect_without_a_409()
    {
        var alice = ApiClient.NewUser("alice");
        var id = await CreateProjectAsync(alice);
        var leaving = Enumerable.Range(0, 10).Select(i => $"leaving-{i}").ToList();
        var joining = Enumerable.Range(0, 10).Select(i => $"joining-{i}").ToList();
        foreach (var user in leaving)
        {
            await _api.ShareAsync(alice, id, user, "reader");
        }

        var token = await _api.TokenAsync(alice);
        var changes = leaving.Select(user => _api.SendRawAsync(token, HttpMethod.Delete, $"api/projects/{id}/members/{user}"))
            .Concat(joining.Select(user => _api.SendRawAsync(token, HttpMethod.Put, $"api/projects/{id}/members/{user}", "{\"role\":\"editor\"}")));
        var answers = await Task.WhenAll(changes);

        Assert.All(answers, a => Assert.True(a.StatusCode is HttpStatusCode.OK or HttpStatusCode.NoContent, $"{a.RequestMessage!.Method} {a.RequestMessage.RequestUri}: {(int)a.StatusCode}"));
        using var project = await _api.SendAsync(alice, HttpMethod.Get, $"api/projects/{id}");
        var members = (await ApiClient.JsonAsync(project)).GetProperty("members").EnumerateArray()
            .Select(m => (m.GetProperty("user").GetString()!, m.GetProperty("role").GetString()!)).Order().ToList();
        Assert.Equal(joining.Select(u => (u, "editor")).Order().ToList(), members);
        foreach (var answer in answers)
        {
            answer.Dispose();
        }
    }

    // Line of the particle row in ParticlesStar's text.
    private const int ParticleLine = 12;

    private static string ParticlesStar(string imageName) =>
        "data_optics\nloop_\n_rlnOpticsGroup #1\n_rlnImagePixelSize #2\n1 2.0\n\ndata_particles\nloop_\n_rlnImageName #1\n_rlnOpticsGroup #2\n"
        + "# one particle\n" + $"{imageName} 1\n";

    private static object FirstMap(string particles) => new
    {
        tool = "first-map",
        inputs = new { particles },
        parameters = new { particleDiameter = 5000 },
    };

    private async Task<string> CreateProjectAsync(string owner) =>
        (await _api.CreateProjectAsync(owner)).GetProperty("id").GetString()!;

    private async Task UploadAsync(string user, string projectId, string path, string text) =>
        await UploadAsync(user, projectId, path, Encoding.UTF8.GetBytes(text));

    private async Task UploadAsync(string user, string projectId, string path, byte[] content) =>
        await Uploads.PutAsync(await _api.StartUploadAsync(user, projectId, path, content.Length), content);

    private async Task UploadStackAsync(string user, string projectId, string path, int box)
    {
        var file = Path.Combine(Directory.CreateTempSubdirectory("stack-").FullName, "s.mrcs");
        MrcFile.Write(file, new DensityMap(box, box, 2, 2.0), isStack: true);
        await UploadAsync(user, projectId, path, await File.ReadAllBytesAsync(file));
    }

    private async Task<JsonElement> ListRunsAsync(string user, string projectId)
    {
        using var response = await _api.SendAsync(user, HttpMethod.Get, $"api/projects/{projectId}/runs");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await ApiClient.JsonAsync(response);
        return body.ValueKind == JsonValueKind.Array ? body : body.GetProperty("runs");
    }

    /// <summary>A body that hands out a few bytes, then fails as a connection does when the client stops short.</summary>
    private sealed class EndingEarly(byte[] start, Exception end) : MemoryStream(start)
    {
        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            var read = await base.ReadAsync(buffer, cancellationToken);
            return read > 0 ? read : throw end;
        }
    }

    private sealed record RawAnswer(int Status, string? ContentType, string Body);

    /// <summary>
    /// Sends bytes exactly as written (HttpClient would normalise the path and never stall a body) and reads the
    /// answer. The read gives up after a few minutes only so that a server that never answers fails the test.
    /// </summary>
    private async Task<RawAnswer> RawHttpAsync(string request)
    {
        using var client = new TcpClient();
        await client.ConnectAsync(fixture.Host.BaseAddress.Host, fixture.Host.BaseAddress.Port);
        var stream = client.GetStream();
        await stream.WriteAsync(Encoding.UTF8.GetBytes(request));

        using var giveUp = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        var received = new MemoryStream();
        var buffer = new byte[8192];
        while (!TryParse(received.ToArray(), out _))
        {
            var read = await stream.ReadAsync(buffer, giveUp.Token);
            if (read == 0)
            {
                break;
            }

            received.Write(buffer, 0, read);
        }

        Assert.True(TryParse(received.ToArray(), out var answer), $"no complete HTTP answer: '{Encoding.UTF8.GetString(received.ToArray())}'");
        return answer!;
    }

    private static string Unchunk(string chunked)
    {
        var body = new StringBuilder();
        var at = 0;
        while (true)
        {
            var line = chunked.IndexOf("\r\n", at, StringComparison.Ordinal);
            var size = int.Parse(chunked[at..line].Split(';')[0], System.Globalization.NumberStyles.HexNumber, System.Globalization.CultureInfo.InvariantCulture);
            if (size == 0)
            {
                return body.ToString();
            }

            body.Append(chunked, line + 2, size);
            at = line + 2 + size + 2;
        }
    }

    // A complete answer: status line, headers, and the whole body (by its Content-Length, or its last chunk).
    private static bool TryParse(byte[] bytes, out RawAnswer? answer)
    {
        answer = null;
        var text = Encoding.UTF8.GetString(bytes);
        var end = text.IndexOf("\r\n\r\n", StringComparison.Ordinal);
        if (end < 0)
        {
            return false;
        }

        var lines = text[..end].Split("\r\n");
        var headers = lines.Skip(1).Select(l => l.Split(':', 2)).Where(p => p.Length == 2)
            .ToDictionary(p => p[0].Trim(), p => p[1].Trim(), StringComparer.OrdinalIgnoreCase);
        var body = text[(end + 4)..];
        if (headers.TryGetValue("Content-Length", out var length) && Encoding.UTF8.GetByteCount(body) < int.Parse(length, System.Globalization.CultureInfo.InvariantCulture))
        {
            return false;
        }

        if (headers.TryGetValue("Transfer-Encoding", out var encoding) && encoding.Contains("chunked", StringComparison.OrdinalIgnoreCase))
        {
            if (!body.EndsWith("0\r\n\r\n", StringComparison.Ordinal))
            {
                return false;
            }

            body = Unchunk(body);
        }

        var mediaType = headers.TryGetValue("Content-Type", out var type) ? type.Split(';')[0].Trim() : null;
        answer = new RawAnswer(int.Parse(lines[0].Split(' ')[1], System.Globalization.CultureInfo.InvariantCulture), mediaType, body);
        return true;
    }
}
