using Xunit;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Claims;
using System.Text;
using System.Text.Json;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Scipion.Testing;

/// <summary>Speaks the REST contract the way a portal would: tokens from the development route, JSON over HTTP.</summary>
public sealed class ApiClient(Uri baseAddress, string signingKey)
{
    private readonly Dictionary<string, string> _tokens = [];

    public HttpClient Http { get; } = new(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = baseAddress };

    public ApiClient(LocalHostInstance host)
        : this(host.BaseAddress, host.SigningKey)
    {
    }

    public static string NewUser(string name) => $"{name}-{Guid.NewGuid():N}"[..20];

    public async Task<string> TokenAsync(string user)
    {
        if (!_tokens.TryGetValue(user, out var token))
        {
            using var response = await Http.PostAsJsonAsync("api/dev/token", new { user });
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            token = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString()!;
            _tokens[user] = token;
        }

        return token;
    }

    /// <summary>A token signed with the host's development key but with claims of the test's choosing.</summary>
    public string MintToken(string user, DateTime? expires = null, string? audience = null, string? issuer = null, string? key = null)
    {
        var now = DateTime.UtcNow;
        var notAfter = expires ?? now.AddHours(1);
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = issuer ?? "https://scipion.local/development",
            Audience = audience ?? "api://scipion-functions-development",
            Subject = new ClaimsIdentity([new Claim("sub", user)]),
            IssuedAt = notAfter.AddHours(-2),
            NotBefore = notAfter.AddHours(-2),
            Expires = notAfter,
            SigningCredentials = new SigningCredentials(
                new SymmetricSecurityKey(Convert.FromBase64String(key ?? signingKey)), SecurityAlgorithms.HmacSha256),
        });
    }

    public async Task<HttpResponseMessage> SendAsync(string? user, HttpMethod method, string path, object? json = null)
    {
        using var request = new HttpRequestMessage(method, path);
        if (user is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", await TokenAsync(user));
        }

        if (json is not null)
        {
            request.Content = JsonContent.Create(json);
        }

        return await Http.SendAsync(request);
    }

    public async Task<HttpResponseMessage> SendRawAsync(string? token, HttpMethod method, string path, string? body = null, string contentType = "application/json")
    {
        using var request = new HttpRequestMessage(method, path);
        if (token is not null)
        {
            request.Headers.TryAddWithoutValidation("Authorization", $"Bearer {token}");
        }

        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8);
            request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        }

        return await Http.SendAsync(request);
    }

    public async Task<JsonElement> CreateProjectAsync(string owner, string name = "Apoferritin", string description = "")
    {
        using var response = await SendAsync(owner, HttpMethod.Post, "api/projects", new { name, description });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    public async Task ShareAsync(string owner, string projectId, string user, string role)
    {
        using var response = await SendAsync(owner, HttpMethod.Put, $"api/projects/{projectId}/members/{user}", new { role });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    public async Task<JsonElement> StartUploadAsync(string user, string projectId, string path, long size = 0)
    {
        using var response = await SendAsync(user, HttpMethod.Post, $"api/projects/{projectId}/uploads", new { path, size });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    public static async Task<JsonElement> JsonAsync(HttpResponseMessage response) =>
        await response.Content.ReadFromJsonAsync<JsonElement>();
}
