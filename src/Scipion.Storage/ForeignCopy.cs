using Azure.Storage.Blobs;

namespace Scipion.Storage;

/// <summary>
/// A blob whose copy source (Copy Blob's <c>x-ms-copy-source</c>) lies outside its own container: someone with an
/// upload grant asked storage to copy another project's blob into theirs. The platform serves such a blob to nobody.
/// </summary>
public static class ForeignCopy
{
    public static bool IsFrom(Uri? copySource, BlobContainerClient container)
    {
        if (copySource is null)
        {
            return false;
        }

        // Same account and same container: a copy within the project, which is the project's own data.
        var source = new BlobUriBuilder(copySource);
        var own = new BlobUriBuilder(container.Uri);
        return !(string.Equals(source.Host, own.Host, StringComparison.OrdinalIgnoreCase)
                 && source.Port == own.Port
                 && string.Equals(source.AccountName, own.AccountName, StringComparison.Ordinal)
                 && string.Equals(source.BlobContainerName, container.Name, StringComparison.Ordinal));
    }
}
