using Xunit;
using System.Net;
using System.Text.Json;

namespace Scipion.Testing;

/// <summary>Starting runs and following them as a portal would: POST, then GET the status URL until it settles.</summary>
public static class Runs
{
    public static async Task<string> StartAsync(ApiClient api, string user, string projectId, object request)
    {
        using var response = await api.SendAsync(user, HttpMethod.Post, $"api/projects/{projectId}/runs", request);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Accepted, $"start: {(int)response.StatusCode} {body}");
        var started = JsonDocument.Parse(body).RootElement;
        Assert.Equal(started.GetProperty("statusUrl").GetString(), response.Headers.Location?.ToString());
        return started.GetProperty("runId").GetString()!;
    }

    public static async Task<JsonElement> GetAsync(ApiClient api, string user, string projectId, string runId)
    {
        using var response = await api.SendAsync(user, HttpMethod.Get, $"api/projects/{projectId}/runs/{runId}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await ApiClient.JsonAsync(response);
    }

    /// <summary>Polls until <paramref name="settled"/> holds; the limit only keeps a broken run from hanging the suite.</summary>
    public static async Task<JsonElement> WaitAsync(ApiClient api, string user, string projectId, string runId, Func<JsonElement, bool> settled, TimeSpan limit, TimeSpan? every = null)
    {
        var deadline = DateTime.UtcNow + limit;
        while (true)
        {
            var run = await GetAsync(api, user, projectId, runId);
            if (settled(run))
            {
                return run;
            }

            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail($"run {runId} did not settle within {limit}: {run}");
            }

            await Task.Delay(every ?? TimeSpan.FromMilliseconds(500));
        }
    }

    public static bool IsFinished(JsonElement run) =>
        run.GetProperty("status").GetString() is "Completed" or "Failed" or "Canceled";

    public static IReadOnlyList<string> Outputs(JsonElement run) =>
        [.. run.GetProperty("outputs").EnumerateArray().Select(o => o.GetString()!)];

    /// <summary>Downloads each path into a new local folder, at the same relative path; returns the folder.</summary>
    public static async Task<string> DownloadAllAsync(ApiClient api, string user, string projectId, IEnumerable<string> paths)
    {
        var root = Directory.CreateTempSubdirectory("downloads-").FullName;
        foreach (var path in paths)
        {
            var target = Path.Combine(root, path);
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            await File.WriteAllBytesAsync(target, await DownloadAsync(api, user, projectId, path));
        }

        return root;
    }

    public static async Task<byte[]> DownloadAsync(ApiClient api, string user, string projectId, string path)
    {
        using var response = await api.SendAsync(user, HttpMethod.Get, $"api/projects/{projectId}/files/{path}");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        using var storage = new HttpClient();
        return await storage.GetByteArrayAsync(response.Headers.Location);
    }
}
