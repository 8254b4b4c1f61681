using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;

namespace Scipion.LocalHost;

/// <summary>
/// Lets the web page upload and download straight to Azurite: a browser on the host's origin may only call
/// the blob endpoint (another port, so another origin) when the blob service names that origin in its CORS
/// rules. In Azure the Bicep sets the same rule from CORS_ALLOWED_ORIGINS.
/// </summary>
public sealed class BlobCorsInitializer(BlobServiceClient blobs, IConfiguration configuration, ILogger<BlobCorsInitializer> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var origins = AllowedOrigins(configuration);
        try
        {
            var properties = (await blobs.GetPropertiesAsync(cancellationToken)).Value;
            properties.Cors = [new BlobCorsRule
            {
                AllowedOrigins = string.Join(',', origins),
                AllowedMethods = "GET,HEAD,PUT,OPTIONS",
                AllowedHeaders = "*",
                ExposedHeaders = "*",
                MaxAgeInSeconds = 3600,
            }];
            await blobs.SetPropertiesAsync(properties, cancellationToken);
            logger.LogInformation("Blob CORS allows {Origins}", string.Join(", ", origins));
        }
        catch (RequestFailedException e)
        {
            // A local host pointed at a real account whose identity may not change its properties: the API still
            // works, only the page's direct uploads would be refused, so say so rather than refuse to start.
            logger.LogWarning(e, "Could not set blob CORS for {Origins}; the web page cannot upload until the account allows them", string.Join(", ", origins));
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>LocalHost:BlobCorsOrigins when set, else the host's own addresses, with localhost and 127.0.0.1 both allowed.</summary>
    public static IReadOnlyList<string> AllowedOrigins(IConfiguration configuration)
    {
        var configured = configuration[$"{LocalHostOptions.Section}:{nameof(LocalHostOptions.BlobCorsOrigins)}"];
        var sources = configured ?? configuration["urls"] ?? LocalHostApp.DefaultUrl;
        var origins = new List<string>();
        foreach (var source in sources.Split([';', ','], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (source == "*" || !Uri.TryCreate(source, UriKind.Absolute, out var uri))
            {
                origins.Add(source);
                continue;
            }

            origins.Add(uri.GetLeftPart(UriPartial.Authority));
            if (uri.IsLoopback)
            {
                // The same loopback port under its other name is the same developer's browser.
                var other = uri.Host == "localhost" ? "127.0.0.1" : "localhost";
                origins.Add(new UriBuilder(uri) { Host = other }.Uri.GetLeftPart(UriPartial.Authority));
            }
        }

        return [.. origins.Distinct(StringComparer.OrdinalIgnoreCase)];
    }
}
