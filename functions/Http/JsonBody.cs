using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Scipion.Core.Errors;

namespace Scipion.Functions.Http;

/// <summary>Reads a small JSON request body, turning every way it can be wrong into a clear 4xx.</summary>
public static class JsonBody
{
    /// <summary>Requests carry metadata only (files go straight to storage), so a few KiB is plenty.</summary>
    public const int MaxBytes = 64 * 1024;

    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        UnmappedMemberHandling = System.Text.Json.Serialization.JsonUnmappedMemberHandling.Skip,
    };

    public static async Task<T> ReadAsync<T>(HttpRequest request, CancellationToken cancellationToken)
        where T : class
    {
        if (request.ContentLength > MaxBytes)
        {
            throw TooLarge();
        }

        if (request.ContentType is { } type && !type.Contains("json", StringComparison.OrdinalIgnoreCase))
        {
            throw ScipionError.Invalid("body", $"The body must be JSON (Content-Type application/json), not '{type}'.");
        }

        var buffer = new MemoryStream();
        var chunk = new byte[8192];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > MaxBytes)
            {
                throw TooLarge();
            }

            buffer.Write(chunk, 0, read);
        }

        if (buffer.Length == 0)
        {
            throw ScipionError.Invalid("body", "A JSON body is required.");
        }

        try
        {
            return JsonSerializer.Deserialize<T>(buffer.ToArray(), Options)
                ?? throw ScipionError.Invalid("body", "The body must be a JSON object, not null.");
        }
        catch (JsonException e)
        {
            var where = e.Path is { Length: > 1 } path ? path.TrimStart('$', '.') : "body";
            throw ScipionError.Invalid(where, $"The body is not valid JSON for this request: {FirstSentence(e.Message)}");
        }
    }

    private static ScipionError TooLarge() =>
        new(ErrorKind.PayloadTooLarge, "Payload too large", $"A request body has at most {MaxBytes} bytes; send files through upload URLs.");

    private static string FirstSentence(string message)
    {
        var end = message.IndexOf(". ", StringComparison.Ordinal);
        return end < 0 ? message : message[..(end + 1)];
    }
}
