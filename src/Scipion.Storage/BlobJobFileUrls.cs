using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Sas;
using Microsoft.Extensions.Options;
using Scipion.Core;
using Scipion.Core.Compute;
using Scipion.Core.Compute.Sites;
using Scipion.Core.Errors;

namespace Scipion.Storage;

/// <summary>
/// Job file URLs on the project's own container (<c>p-{projectId}</c>): read per input blob, with the length and MD5
/// storage holds (so the holder can skip what it has and check what it gets), and create + write for outputs.
/// </summary>
public sealed class BlobJobFileUrls(BlobServiceClient service, BlobSasSigner signer, IOptions<SignedUrlOptions> urls, TimeProvider clock) : IJobFileUrls
{
    public async Task<IReadOnlyList<SiteFile>> InputsAsync(string projectId, IEnumerable<string> paths, TimeSpan lifetime, CancellationToken cancellationToken)
    {
        var (startsOn, expiresOn) = Validity(lifetime);
        var container = Container(projectId);
        var files = new List<SiteFile>();
        foreach (string path in paths)
        {
            var blob = container.GetBlobClient(path);
            BlobProperties properties;
            try
            {
                properties = (await blob.GetPropertiesAsync(cancellationToken: cancellationToken)).Value;
            }
            catch (RequestFailedException e) when (e.Status == 404)
            {
                throw ScipionError.NotFound($"Input '{path}' of project {projectId} in storage");
            }

            if (ForeignCopy.IsFrom(properties.CopySource, container))
            {
                // Copied in from another project through an upload grant: not this project's to hand out.
                throw ScipionError.NotFound($"Input '{path}' of project {projectId} in storage");
            }

            // Blobs put in blocks carry no MD5 unless their uploader set one; the length then vouches for a file.
            string? md5 = properties.ContentHash is { Length: > 0 } hash ? Convert.ToBase64String(hash) : null;
            var url = await signer.SignAsync(blob, BlobSasPermissions.Read, startsOn, expiresOn, cancellationToken);
            files.Add(new SiteFile(path, url, properties.ContentLength, md5));
        }

        return files;
    }

    public Task<Uri> OutputsAsync(string projectId, TimeSpan lifetime, CancellationToken cancellationToken)
    {
        var (startsOn, expiresOn) = Validity(lifetime);
        return signer.SignAsync(Container(projectId), BlobContainerSasPermissions.Create | BlobContainerSasPermissions.Write, startsOn, expiresOn, cancellationToken);
    }

    private BlobContainerClient Container(string projectId) => service.GetBlobContainerClient(StorageNames.ProjectContainer(projectId));

    private (DateTimeOffset StartsOn, DateTimeOffset ExpiresOn) Validity(TimeSpan lifetime)
    {
        var now = clock.GetUtcNow();
        return (now - urls.Value.ClockSkewAllowance, now + lifetime);
    }
}
