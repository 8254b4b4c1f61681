using Xunit;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;

namespace Scipion.Testing;

/// <summary>Uses an upload grant the way a browser does: a plain HTTP request straight to storage, no SDK, no token.</summary>
public static class Uploads
{
    private static readonly HttpClient Storage = new();

    public static Uri Url(JsonElement grant) => new(grant.GetProperty("url").GetString()!);

    public static async Task PutAsync(JsonElement grant, byte[] content) =>
        Assert.Equal(HttpStatusCode.Created, await TryPutAsync(Url(grant), grant, content));

    public static async Task<HttpStatusCode> TryPutAsync(Uri url, JsonElement grant, byte[] content)
    {
        using var request = new HttpRequestMessage(new HttpMethod(grant.GetProperty("method").GetString()!), url)
        {
            Content = new ByteArrayContent(content),
        };
        foreach (var header in grant.GetProperty("headers").EnumerateObject())
        {
            request.Headers.TryAddWithoutValidation(header.Name, header.Value.GetString());
        }

        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        using var response = await Storage.SendAsync(request);
        return response.StatusCode;
    }

    /// <summary>The same signature on another blob name: what someone holding a grant might try.</summary>
    public static Uri Retarget(Uri url, Func<string, string> changePath)
    {
        var builder = new UriBuilder(url) { Path = changePath(url.AbsolutePath) };
        return builder.Uri;
    }
}
