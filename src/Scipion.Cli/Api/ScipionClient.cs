using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Scipion.Cli.Api;

/// <summary>The REST contract, one method per call. Every non-success answer becomes an <see cref="ApiProblemException"/>.</summary>
public sealed class ScipionClient(HttpClient http, string? token)
{
    public Uri BaseAddress => http.BaseAddress!;

    public async Task<DevToken> DevelopmentTokenAsync(string user, CancellationToken ct) =>
        await SendAsync<DevToken>(HttpMethod.Post, "api/dev/token", new { user }, ct, authenticated: false);

    public Task<List<ProjectInfo>> ListProjectsAsync(CancellationToken ct) =>
        SendAsync<List<ProjectInfo>>(HttpMethod.Get, "api/projects", null, ct);

    public Task<ProjectInfo> CreateProjectAsync(string name, string description, CancellationToken ct) =>
        SendAsync<ProjectInfo>(HttpMethod.Post, "api/projects", new { name, description }, ct);

    public Task<ProjectInfo> ShareProjectAsync(string projectId, string user, string role, CancellationToken ct) =>
        SendAsync<ProjectInfo>(HttpMethod.Put, $"api/projects/{Esc(projectId)}/members/{Esc(user)}", new { role }, ct);

    public Task<UploadGrant> StartUploadAsync(string projectId, string path, long size, CancellationToken ct) =>
        SendAsync<UploadGrant>(HttpMethod.Post, $"api/projects/{Esc(projectId)}/uploads", new { path, size }, ct);

    /// <summary>Every file under the prefix, following the listing's pages (at most 5,000 files each).</summary>
    public async Task<List<FileEntry>> ListFilesAsync(string projectId, string prefix, CancellationToken ct)
    {
        var files = new List<FileEntry>();
        string? token = null;
        do
        {
            var page = await SendAsync<FileListPage>(HttpMethod.Get,
                $"api/projects/{Esc(projectId)}/files?prefix={Uri.EscapeDataString(prefix)}&continuationToken={Uri.EscapeDataString(token ?? string.Empty)}", null, ct);
            files.AddRange(page.Files);
            token = page.ContinuationToken;
        }
        while (!string.IsNullOrEmpty(token));

        return files;
    }

    /// <summary>The short-lived read URL the API redirects a download to; the bytes then come straight from storage.</summary>
    public async Task<Uri> GetDownloadUrlAsync(string projectId, string path, CancellationToken ct)
    {
        var filePath = string.Join('/', path.Split('/').Select(Uri.EscapeDataString));
        using var response = await SendRawAsync(HttpMethod.Get, $"api/projects/{Esc(projectId)}/files/{filePath}", null, ct);
        if (response.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.Found or HttpStatusCode.TemporaryRedirect && response.Headers.Location is { } location)
        {
            return location.IsAbsoluteUri ? location : new Uri(http.BaseAddress!, location);
        }

        throw response.IsSuccessStatusCode
            ? new ApiProblemException(response.StatusCode, "Unexpected answer", "The file was served inline rather than as a signed URL.", null)
            : await ApiProblemException.FromAsync(response, ct);
    }

    public Task<List<ToolInfo>> ListToolsAsync(CancellationToken ct) =>
        SendAsync<List<ToolInfo>>(HttpMethod.Get, "api/tools", null, ct);

    public Task<StartedRun> StartRunAsync(string projectId, JsonObject request, CancellationToken ct) =>
        SendAsync<StartedRun>(HttpMethod.Post, $"api/projects/{Esc(projectId)}/runs", request, ct);

    public Task<List<RunInfo>> ListRunsAsync(string projectId, CancellationToken ct) =>
        SendAsync<List<RunInfo>>(HttpMethod.Get, $"api/projects/{Esc(projectId)}/runs", null, ct);

    public Task<RunInfo> GetRunAsync(string projectId, string runId, CancellationToken ct) =>
        SendAsync<RunInfo>(HttpMethod.Get, $"api/projects/{Esc(projectId)}/runs/{Esc(runId)}", null, ct);

    public async Task CancelRunAsync(string projectId, string runId, CancellationToken ct)
    {
        using var response = await SendRawAsync(HttpMethod.Post, $"api/projects/{Esc(projectId)}/runs/{Esc(runId)}/cancel", null, ct);
        if (!response.IsSuccessStatusCode)
        {
            throw await ApiProblemException.FromAsync(response, ct);
        }
    }

    private async Task<T> SendAsync<T>(HttpMethod method, string path, object? body, CancellationToken ct, bool authenticated = true)
    {
        using var response = await SendRawAsync(method, path, body, ct, authenticated);
        if (!response.IsSuccessStatusCode)
        {
            throw await ApiProblemException.FromAsync(response, ct);
        }

        return await response.Content.ReadFromJsonAsync<T>(Json.Compact, ct)
            ?? throw new ApiProblemException(response.StatusCode, "Empty answer", $"{method} {path} answered with no body.", null);
    }

    private async Task<HttpResponseMessage> SendRawAsync(HttpMethod method, string path, object? body, CancellationToken ct, bool authenticated = true)
    {
        using var request = new HttpRequestMessage(method, path);
        if (authenticated)
        {
            if (string.IsNullOrEmpty(token))
            {
                throw new ApiProblemException(HttpStatusCode.Unauthorized, "Not signed in", "Run `scipion login` first, or set SCIPION_TOKEN.", null);
            }

            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        if (body is not null)
        {
            request.Content = body is JsonNode node
                ? new StringContent(node.ToJsonString(), System.Text.Encoding.UTF8, "application/json")
                : JsonContent.Create(body, options: Json.Compact);
        }

        return await http.SendAsync(request, ct);
    }

    private static string Esc(string segment) => Uri.EscapeDataString(segment);
}
