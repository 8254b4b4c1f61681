using Microsoft.Extensions.Configuration;

namespace Scipion.Storage;

/// <summary>
/// Where the project storage account is. Locally <c>ProjectStorage</c> is a connection string (Azurite);
/// in Azure it is a section of service URIs reached with the app's managed identity, the same shape
/// the Functions host uses for identity-based connections.
/// </summary>
public sealed record ProjectStorageSettings(string? ConnectionString, Uri? BlobServiceUri, Uri? QueueServiceUri, Uri? TableServiceUri)
{
    public const string Section = "ProjectStorage";

    public static ProjectStorageSettings From(IConfiguration configuration)
    {
        var section = configuration.GetSection(Section);
        if (!string.IsNullOrWhiteSpace(section.Value))
        {
            return new ProjectStorageSettings(section.Value, null, null, null);
        }

        var settings = new ProjectStorageSettings(
            null,
            UriOrNull(section["blobServiceUri"]),
            UriOrNull(section["queueServiceUri"]),
            UriOrNull(section["tableServiceUri"]));
        if (settings.BlobServiceUri is null || settings.QueueServiceUri is null || settings.TableServiceUri is null)
        {
            throw new InvalidOperationException(
                $"Configure '{Section}' as a connection string, or '{Section}:blobServiceUri', '{Section}:queueServiceUri' " +
                $"and '{Section}:tableServiceUri' as absolute URIs (app settings '{Section}__blobServiceUri', …).");
        }

        return settings;
    }

    private static Uri? UriOrNull(string? value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri) ? uri : null;
}
