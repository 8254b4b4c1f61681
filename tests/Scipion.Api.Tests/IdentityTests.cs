using System.Net;
using System.Security.Cryptography;
using Scipion.Testing;

namespace Scipion.Api.Tests;

[Collection(LocalHostCollection.Name)]
public sealed class IdentityTests(LocalHostFixture fixture)
{
    private readonly ApiClient _api = fixture.Api;

    [Fact]
    public async Task Every_api_call_without_a_valid_bearer_token_is_a_401_problem()
    {
        var owner = ApiClient.NewUser("alice");
        var id = (await _api.CreateProjectAsync(owner)).GetProperty("id").GetString()!;
        var tokens = new Dictionary<string, string?>
        {
            ["missing"] = null,
            ["malformed"] = "not.a.jwt",
            ["garbage"] = "eyJhbGciOiJIUzI1NiJ9.e30.AAAA",
            ["expired"] = _api.MintToken(owner, expires: DateTime.UtcNow.AddMinutes(-10)),
            ["wrongly signed"] = _api.MintToken(owner, key: Convert.ToBase64String(RandomNumberGenerator.GetBytes(32))),
            ["wrong audience"] = _api.MintToken(owner, audience: "api://someone-else"),
            ["wrong issuer"] = _api.MintToken(owner, issuer: "https://evil.example"),
        };

        foreach (var (kind, token) in tokens)
        {
            foreach (var (method, path) in new[] { ("GET", "api/projects"), ("GET", $"api/projects/{id}"), ("DELETE", $"api/projects/{id}") })
            {
                using var response = await _api.SendRawAsync(token, new HttpMethod(method), path);
                Assert.True(response.StatusCode == HttpStatusCode.Unauthorized, $"{kind} token on {method} {path}: {(int)response.StatusCode}");
                await Problem.AssertAsync(response, HttpStatusCode.Unauthorized);
                Assert.Equal("Bearer", response.Headers.WwwAuthenticate.Single().Scheme);
            }
        }

        using var still = await _api.SendAsync(owner, HttpMethod.Get, $"api/projects/{id}");
        Assert.Equal(HttpStatusCode.OK, still.StatusCode);
    }

    [Fact]
    public async Task A_token_minted_with_the_development_key_names_its_subject_as_the_caller()
    {
        var token = _api.MintToken("minted-user");
        using var response = await _api.SendRawAsync(token, HttpMethod.Post, "api/projects", "{\"name\":\"minted\"}");
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal("minted-user", (await ApiClient.JsonAsync(response)).GetProperty("owner").GetString());
    }

    [Theory]
    [InlineData("{}")]
    [InlineData("{\"user\":\"a/b\"}")]
    [InlineData("{\"user\":\"\"}")]
    public async Task The_development_token_route_refuses_unusable_user_names(string body)
    {
        using var response = await _api.SendRawAsync(null, HttpMethod.Post, "api/dev/token", body);
        await Problem.AssertAsync(response, HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Outside_development_the_token_route_does_not_exist_and_development_tokens_are_refused()
    {
        await using var production = await LocalHostInstance.StartAsync(fixture.Azurite, "Production",
            "--AzureAd:Instance=https://login.microsoftonline.com/",
            $"--AzureAd:TenantId={Guid.NewGuid()}",
            $"--AzureAd:ClientId={Guid.NewGuid()}",
            "--AzureAd:Audience=api://scipion-functions");
        var api = new ApiClient(production);

        using var route = await api.SendRawAsync(null, HttpMethod.Post, "api/dev/token", "{\"user\":\"alice\"}");
        await Problem.AssertAsync(route, HttpStatusCode.NotFound);

        // A token the development host would accept, signed with the key the development host used.
        var developmentToken = _api.MintToken("alice");
        using var refused = await api.SendRawAsync(developmentToken, HttpMethod.Get, "api/projects");
        await Problem.AssertAsync(refused, HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task A_production_host_configured_with_a_development_key_refuses_to_start()
    {
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => LocalHostInstance.StartAsync(fixture.Azurite, "Production",
            $"--DevelopmentIdentity:SigningKey={Convert.ToBase64String(RandomNumberGenerator.GetBytes(32))}"));
        Assert.Contains("refused outside Development", error.Message, StringComparison.Ordinal);
    }
}
