using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace Scipion.Demo;

/// <summary>The few REST calls the demo needs, with problems shown as their title and detail.</summary>
public sealed class Portal
{
    private readonly HttpClient _api;
    private readonly HttpClient _storage = new();

    private Portal(HttpClient api) => _api = api;

    public static async Task<Portal> SignInAsync(Uri host, string user)
    {
        var api = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = host };
        var token = await ReadAsync(await api.PostAsJsonAsync("api/dev/token", new { user }));
        api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token.GetProperty("accessToken").GetString());
        return new Portal(api);
    }

    public async Task<string> CreateProjectAsync(string name, string description) =>
        (await ReadAsync(await _api.PostAsJsonAsync("api/projects", new { name, description }))).GetProperty("id").GetString()!;

    public async Task UploadAsync(string projectId, string path, string file)
    {
        var grant = await ReadAsync(await _api.PostAsJsonAsync($"api/projects/{projectId}/uploads", new { path, size = new FileInfo(file).Length }));
        using var put = new HttpRequestMessage(HttpMethod.Put, grant.GetProperty("url").GetString()) { Content = new StreamContent(File.OpenRead(file)) };
        put.Headers.Add("x-ms-blob-type", "BlockBlob");
        put.Content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        using var response = await _storage.SendAsync(put);
        response.EnsureSuccessStatusCode();
    }

    public async Task<string> StartRunAsync(string projectId, object request) =>
        (await ReadAsync(await _api.PostAsJsonAsync($"api/projects/{projectId}/runs", request))).GetProperty("runId").GetString()!;

    public async Task<JsonElement> GetRunAsync(string projectId, string runId) =>
        await ReadAsync(await _api.GetAsync($"api/projects/{projectId}/runs/{runId}"));

    private static async Task<JsonElement> ReadAsync(HttpResponseMessage response)
    {
        using (response)
        {
            var body = await response.Content.ReadAsStringAsync();
            if (!response.IsSuccessStatusCode)
            {
                var problem = JsonDocument.Parse(body).RootElement;
                throw new InvalidOperationException($"{(int)response.StatusCode} {problem.GetProperty("title").GetString()}: {problem.GetProperty("detail").GetString()}");
            }

            return JsonDocument.Parse(body).RootElement.Clone();
        }
    }
}
