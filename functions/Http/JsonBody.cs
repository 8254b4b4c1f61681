using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
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

    /// <summary>The setting (seconds) that bounds how long a body may take to arrive, in all.</summary>
    public const string ReadTimeoutSetting = "Http:BodyReadTimeoutSeconds";

    /// <summary>
    /// A few KiB take milliseconds; a client that stalls or trickles (holding a connection open on purpose) is
    /// answered 408 after this long instead of holding the request.
    /// </summary>
    public static readonly TimeSpan DefaultReadTimeout = TimeSpan.FromSeconds(10);

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

        var buffer = await ReadBytesAsync(request, cancellationToken);
        if (buffer.Length == 0)
        {
            throw ScipionError.Invalid("body", "A JSON body is required.");
        }

        try
        {
            DuplicateKeys.Refuse(buffer);
            return JsonSerializer.Deserialize<T>(buffer, Options)
                ?? throw ScipionError.Invalid("body", "The body must be a JSON object, not null.");
        }
        catch (JsonException e)
        {
            var where = e.Path is { Length: > 1 } path ? path.TrimStart('$', '.') : "body";
            throw ScipionError.Invalid(where, $"The body is not valid JSON for this request: {FirstSentence(e.Message)}");
        }
    }

    private static async Task<byte[]> ReadBytesAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var seconds = request.HttpContext.RequestServices?.GetService<IConfiguration>()?.GetValue<double?>(ReadTimeoutSetting);
        var timeout = seconds is > 0 ? TimeSpan.FromSeconds(seconds.Value) : DefaultReadTimeout;
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        var buffer = new MemoryStream();
        var chunk = new byte[8192];
        try
        {
            int read;
            while ((read = await request.Body.ReadAsync(chunk, deadline.Token)) > 0)
            {
                if (buffer.Length + read > MaxBytes)
                {
                    throw TooLarge();
                }

                buffer.Write(chunk, 0, read);
            }
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw TimedOut(timeout);
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status408RequestTimeout)
        {
            // The server's own minimum data rate (Kestrel) gave up on a trickling body first.
            throw TimedOut(timeout);
        }
        catch (Exception e) when (e is BadHttpRequestException or IOException && !cancellationToken.IsCancellationRequested)
        {
            // Most often a body shorter than its Content-Length: the client closed its side early.
            throw ScipionError.Invalid("body", "The body ended before its Content-Length, or was not valid HTTP.");
        }

        return buffer.ToArray();
    }

    private static ScipionError TimedOut(TimeSpan timeout) =>
        new(ErrorKind.RequestTimeout, "Request timeout", $"The request body did not arrive in time (within {timeout.TotalSeconds:0.#} seconds, or at a minimum rate).");

    private static ScipionError TooLarge() =>
        new(ErrorKind.PayloadTooLarge, "Payload too large", $"A request body has at most {MaxBytes} bytes; send files through upload URLs.");

    private static string FirstSentence(string message)
    {
        var end = message.IndexOf(". ", StringComparison.Ordinal);
        return end < 0 ? message : message[..(end + 1)];
    }
}
