using System.Net;
using System.Text.Json;

namespace Scipion.Cli.Api;

/// <summary>An RFC 7807 problem from the API (or a non-problem error response described the same way).</summary>
public sealed class ApiProblemException(HttpStatusCode status, string title, string? detail, JsonElement? errors)
    : Exception(detail is null ? title : $"{title}: {detail}")
{
    public HttpStatusCode Status { get; } = status;

    public string Title { get; } = title;

    public string? Detail { get; } = detail;

    public JsonElement? Errors { get; } = errors;

    /// <summary>Worth another try: the service or the network is having a bad moment, not the request.</summary>
    public bool IsTransient => (int)Status >= 500 || Status is HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests;

    public static async Task<ApiProblemException> FromAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        try
        {
            var problem = JsonDocument.Parse(body).RootElement;
            if (problem.ValueKind == JsonValueKind.Object && problem.TryGetProperty("title", out var title))
            {
                return new ApiProblemException(
                    response.StatusCode,
                    title.GetString() ?? response.ReasonPhrase ?? "Error",
                    problem.TryGetProperty("detail", out var detail) ? detail.GetString() : null,
                    problem.TryGetProperty("errors", out var errors) ? errors.Clone() : null);
            }
        }
        catch (JsonException)
        {
            // Not a problem document (a proxy's error page, say): describe it by status and a little of the body.
        }

        var snippet = body.Length > 200 ? body[..200] : body;
        return new ApiProblemException(response.StatusCode, $"{(int)response.StatusCode} {response.ReasonPhrase}", snippet.Length == 0 ? null : snippet, null);
    }
}
