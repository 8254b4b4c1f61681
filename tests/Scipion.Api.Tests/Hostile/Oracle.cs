using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Azure.Storage.Blobs;
using Scipion.Core;
using Scipion.Testing;

namespace Scipion.Api.Tests.Hostile;

/// <summary>
/// Sends one hostile case and holds its answer to the contract: never a 5xx; every 4xx an RFC 7807 problem with type,
/// title, status and detail; what the contract refuses never succeeds; every signed URL handed out points into a
/// project the caller may use that way; a grant does not reach further than its one blob.
/// </summary>
public sealed partial class Oracle(HostileWorld world, HostileHostFixture fixture, Ledger ledger)
{
    private static readonly string[] MovieExtensions = [".tif", ".tiff", ".mrc", ".mrcs", ".eer"];

    private static readonly HttpClient Storage = new();

    private readonly HttpClient _http = new(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false }) { Timeout = Timeout.InfiniteTimeSpan };

    private readonly BlobServiceClient _blobs = new(fixture.Azurite.ConnectionString);

    public static TimeSpan AnswerLimit { get; } = TimeSpan.FromSeconds(60);

    public async Task CheckAsync(HostileCase c)
    {
        var target = c.Target;
        var projectId = c.ProjectId;
        if (projectId == RouteCases.Fresh)
        {
            projectId = (await world.Api.CreateProjectAsync(c.Actor.User!, "fresh", "made to be deleted by its owner")).GetProperty("id").GetString()!;
            world.Created(projectId, c.Actor.User!);
            target = target.Replace(RouteCases.Fresh, projectId, StringComparison.Ordinal);
        }

        var answer = await SendCheckedAsync(c, target);
        if (answer.Status == 409 && c.Route.StartsWith("members", StringComparison.Ordinal))
        {
            throw new HostileFailure("a member change answered 409 (the contract: concurrent member changes all take effect)", $"{Shorten(answer.Body)}\n  case: {c}");
        }

        if (c.Route == "web page" && answer.Status < 400 && LeakedServerFile(answer.Body))
        {
            throw new HostileFailure("the web page served a file from outside its folder", $"{Shorten(answer.Body)}\n  case: {c}");
        }

        if (answer.Status >= 400)
        {
            return;
        }

        if (c.Expect == Expect.Refused)
        {
            throw new HostileFailure($"{c.Route} answered {answer.Status} to what the contract refuses ({Category(c.Why)})", $"{Shorten(answer.Body)}\n  case: {c}");
        }

        await FollowUpAsync(c, projectId, answer);
    }

    /// <summary>Sends the case and checks what every answer owes: an answer, no 5xx, a problem for every 4xx.</summary>
    public async Task<Answer> SendCheckedAsync(HostileCase c, string? target = null)
    {
        var answer = await SendAsync(c, target ?? c.Target);
        ledger.Record(c.Route, answer.Status);
        if (answer.Status == 0)
        {
            throw new HostileFailure($"no answer to {c.Route}", $"{answer.Body}\n  case: {c}");
        }

        if (answer.Status >= 500)
        {
            throw new HostileFailure($"{answer.Status} on {c.Route} ({Category(c.Why)})", $"{Shorten(answer.Body)}\n  case: {c}");
        }

        // Kestrel refuses a NUL in the decoded path before any application code runs, with a bare 400 nothing can shape.
        if (answer.Status >= 400 && !(answer.Status == 400 && answer.ContentType is null && answer.Body.Length == 0 && (target ?? c.Target).Contains("%00", StringComparison.Ordinal)))
        {
            AssertProblem(c, answer);
        }

        return answer;
    }

    private async Task FollowUpAsync(HostileCase c, string? projectId, Answer answer)
    {
        var user = c.Actor.User;
        switch (c.Route)
        {
            case "file (download)" when answer.Status is >= 300 and < 400:
                AssertSignedUrl(c, answer.Location ?? throw new HostileFailure("redirect without Location", c.ToString()), user, Access.Reader);
                break;
            case "projects (create)" when answer.Status == 201:
                world.Created(JsonDocument.Parse(answer.Body).RootElement.GetProperty("id").GetString()!, user!);
                break;
            case "project (delete)" when answer.Status == 204 && projectId is not null:
                world.Deleted(projectId);
                break;
            case "runs (start)" when answer.Status == 202 && projectId is not null:
                ledger.RunStarted(projectId, JsonDocument.Parse(answer.Body).RootElement.GetProperty("runId").GetString()!);
                break;
            case "transfer-url" when answer.Status == 201:
                var url = new Uri(JsonDocument.Parse(answer.Body).RootElement.GetProperty("url").GetString()!);
                var write = c.Body?.Contains("\"write\"", StringComparison.OrdinalIgnoreCase) == true;
                var (container, _) = AssertSignedUrl(c, url, user, write ? Access.Editor : Access.Reader);
                if (container != StorageNames.ProjectContainer(projectId ?? string.Empty))
                {
                    throw new HostileFailure("transfer URL for another container", $"{url}\n  case: {c}");
                }

                if (QueryValue(url, "sp") is { } permissions && permissions.Contains('d', StringComparison.Ordinal))
                {
                    throw new HostileFailure("transfer URL that may delete", $"sp={permissions}\n  case: {c}");
                }

                break;
            case "uploads" when answer.Status == 201:
                await UseGrantAsync(c, user!, JsonDocument.Parse(answer.Body).RootElement.Clone());
                break;
        }
    }

    private async Task UseGrantAsync(HostileCase c, string user, JsonElement grant)
    {
        var url = Uploads.Url(grant);
        var (container, blob) = AssertSignedUrl(c, url, user, Access.Editor);
        StorageNames.TryProjectOfContainer(container, out var projectId);
        world.Granted(projectId, blob);
        var movie = MovieExtensions.Any(e => blob.EndsWith(e, StringComparison.OrdinalIgnoreCase));
        var content = Encoding.UTF8.GetBytes($"hostile {Guid.NewGuid():N}");
        switch (c.Use)
        {
            case UploadUse.Put when !movie:
                await Uploads.TryPutAsync(url, grant, content);
                break;
            case UploadUse.PutElsewhereInProject:
                var elsewhere = Uploads.Retarget(url, path => path[..(path.LastIndexOf('/') + 1)] + $"elsewhere-{Guid.NewGuid():N}.txt");
                await AssertStorageRefusesAsync(c, "a grant wrote to a name it was not given for", elsewhere, grant, content);
                break;
            case UploadUse.PutInAnotherProject:
                var victim = Victim(user);
                var other = Uploads.Retarget(url, path => path.Replace($"/{container}/", $"/{StorageNames.ProjectContainer(victim.Id)}/", StringComparison.Ordinal));
                await AssertStorageRefusesAsync(c, "a grant wrote into another project's container", other, grant, content);
                break;
            case UploadUse.CopyFromAnotherProject when !movie:
                await CopyFromVictimAsync(c, user, url, container, blob);
                break;
        }
    }

    /// <summary>Copy Blob onto one's own grant with another project's blob as the source: its bytes must not arrive.</summary>
    private async Task CopyFromVictimAsync(HostileCase c, string user, Uri url, string container, string blob)
    {
        var victim = Victim(user);
        var source = _blobs.GetBlobContainerClient(StorageNames.ProjectContainer(victim.Id)).GetBlobClient(HostileWorld.SecretPath).Uri;
        using var request = new HttpRequestMessage(HttpMethod.Put, url) { Content = new ByteArrayContent([]) };
        request.Headers.TryAddWithoutValidation("x-ms-copy-source", source.ToString());
        request.Headers.TryAddWithoutValidation("x-ms-version", "2021-12-02");
        using var response = await Storage.SendAsync(request);
        if (!response.IsSuccessStatusCode)
        {
            return;
        }

        await Task.Delay(200);
        var copied = await _blobs.GetBlobContainerClient(container).GetBlobClient(blob).DownloadContentAsync();
        if (copied.Value.Content.ToString() == world.Secrets[victim.Id])
        {
            throw new HostileFailure("Copy Blob brought another project's blob into the caller's", $"{source} → {url.GetLeftPart(UriPartial.Path)}\n  case: {c}");
        }
    }

    /// <summary>A project the user has no role in, to aim at.</summary>
    private WorldProject Victim(string user) => world.Projects.First(p => p.RoleOf(user) == Access.None);

    private static async Task AssertStorageRefusesAsync(HostileCase c, string kind, Uri url, JsonElement grant, byte[] content)
    {
        var status = await Uploads.TryPutAsync(url, grant, content);
        if ((int)status is >= 200 and < 300)
        {
            throw new HostileFailure(kind, $"{(int)status} for PUT {url.GetLeftPart(UriPartial.Path)}\n  case: {c}");
        }
    }

    /// <summary>A signed URL's container and blob; the container must be a project the user may use as <paramref name="need"/>.</summary>
    private (string Container, string Blob) AssertSignedUrl(HostileCase c, Uri url, string? user, Access need)
    {
        if (!url.IsAbsoluteUri)
        {
            throw new HostileFailure("a signed URL that is not absolute", $"{url}\n  case: {c}");
        }

        var segments = url.AbsolutePath.TrimStart('/').Split('/', 3);
        var skip = segments.Length > 0 && segments[0] == Azurite.AccountName ? 1 : 0;
        var parts = url.AbsolutePath.TrimStart('/').Split('/', skip + 2);
        var container = parts.Length > skip ? parts[skip] : string.Empty;
        var blob = parts.Length > skip + 1 ? Uri.UnescapeDataString(parts[skip + 1]) : string.Empty;
        if (!StorageNames.TryProjectOfContainer(container, out var projectId))
        {
            throw new HostileFailure($"signed URL outside every project container ('{container}')", $"{url.GetLeftPart(UriPartial.Path)}\n  case: {c}");
        }

        if (world.RoleOf(user, projectId) < need)
        {
            throw new HostileFailure("signed URL into a project the caller may not use so", $"{user} gets {need} use of {projectId}: {url.GetLeftPart(UriPartial.Path)}\n  case: {c}");
        }

        return (container, blob);
    }

    private static void AssertProblem(HostileCase c, Answer answer)
    {
        string? problem = null;
        if (answer.ContentType != "application/problem+json")
        {
            problem = $"Content-Type '{answer.ContentType}'";
        }
        else
        {
            try
            {
                var json = JsonDocument.Parse(answer.Body).RootElement;
                foreach (var member in new[] { "type", "title", "detail" })
                {
                    if (!json.TryGetProperty(member, out var value) || value.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(value.GetString()))
                    {
                        problem = $"no '{member}'";
                    }
                }

                if (!json.TryGetProperty("status", out var status) || status.ValueKind != JsonValueKind.Number || status.GetInt32() != answer.Status)
                {
                    problem ??= "no matching 'status'";
                }
            }
            catch (JsonException)
            {
                problem = "a body that is not JSON";
            }
        }

        if (problem is not null)
        {
            throw new HostileFailure($"{answer.Status} on {c.Route} that is not a problem ({problem})", $"{Shorten(answer.Body)}\n  case: {c}");
        }
    }

    private async Task<Answer> SendAsync(HostileCase c, string target)
    {
        var uri = new Uri(fixture.Host.BaseAddress + target, new UriCreationOptions { DangerousDisablePathAndQueryCanonicalization = true });
        using var request = new HttpRequestMessage(new HttpMethod(c.Method), uri);
        if (c.Actor.Authorization is { } authorization)
        {
            request.Headers.TryAddWithoutValidation("Authorization", authorization);
        }

        if (c.Body is not null)
        {
            request.Content = new ByteArrayContent(Encoding.UTF8.GetBytes(c.Body));
            if (c.ContentType is not null)
            {
                request.Content.Headers.TryAddWithoutValidation("Content-Type", c.ContentType);
            }
        }

        using var limit = new CancellationTokenSource(AnswerLimit);
        try
        {
            using var response = await _http.SendAsync(request, limit.Token);
            var body = await response.Content.ReadAsStringAsync(limit.Token);
            return new Answer((int)response.StatusCode, body, response.Content.Headers.ContentType?.MediaType, response.Headers.Location);
        }
        catch (Exception e) when (e is HttpRequestException or OperationCanceledException)
        {
            return new Answer(0, $"{e.GetType().Name}: {e.Message}", null, null);
        }
    }

    /// <summary>What only a server file would hold: /etc/passwd's first line, configuration secrets, an assembly's header.</summary>
    private static bool LeakedServerFile(string body) =>
        body.Contains("root:x:0:0", StringComparison.Ordinal) || body.Contains("AccountKey", StringComparison.Ordinal)
        || body.Contains("ConnectionStrings", StringComparison.Ordinal) || body.StartsWith("MZ", StringComparison.Ordinal);

    private static string? QueryValue(Uri url, string name) =>
        url.Query.TrimStart('?').Split('&').Select(p => p.Split('=', 2)).Where(p => p[0] == name).Select(p => Uri.UnescapeDataString(p.Length > 1 ? p[1] : string.Empty)).FirstOrDefault();

    /// <summary>A failure's reason without its particulars (quoted values, numbers), to group failures of one cause.</summary>
    public static string Category(string why) => Digits().Replace(Quoted().Replace(why, "'…'"), "N");

    public static string Shorten(string text) => text.Length <= 400 ? text : text[..400] + "…";

    [GeneratedRegex("'[^']*'")]
    private static partial Regex Quoted();

    [GeneratedRegex("[0-9]+")]
    private static partial Regex Digits();

    public sealed record Answer(int Status, string Body, string? ContentType, Uri? Location);
}
