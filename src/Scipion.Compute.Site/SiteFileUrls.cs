using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Sas;
using Microsoft.Extensions.Options;
using Scipion.Core;
using Scipion.Core.Compute.Sites;
using Scipion.Core.Errors;
using Scipion.Storage;

namespace Scipion.Compute.Site;

/// <summary>
/// The SAS URLs a site needs for one job: read, per input blob, with the length and MD5 storage holds (so the
/// site can skip what it has and check what it gets), and create + write on the projects container for outputs.
/// </summary>
public sealed class SiteFileUrls(BlobServiceClient service, BlobSasSigner signer, SiteOptions site, IOptions<SignedUrlOptions> urls, TimeProvider clock)
{
    private readonly BlobContainerClient _projects = service.GetBlobContainerClient(StorageNames.ProjectsContainer);

    public async Task<IReadOnlyList<SiteFile>> InputsAsync(string projectId, IEnumerable<string> paths, CancellationToken cancellationToken)
    {
        var (startsOn, expiresOn) = Validity();
        var files = new List<SiteFile>();
        foreach (string path in paths)
        {
            var blob = _projects.GetBlobClient($"{projectId}/{path}");
            Azure.Storage.Blobs.Models.BlobProperties properties;
            try
            {
                properties = (await blob.GetPropertiesAsync(cancellationToken: cancellationToken)).Value;
            }
            catch (RequestFailedException e) when (e.Status == 404)
            {
                throw ScipionError.NotFound($"Input '{path}' of project {projectId} in storage");
            }

            // Blobs put in blocks carry no MD5 unless their uploader set one; the length then vouches for a file.
            string? md5 = properties.ContentHash is { Length: > 0 } hash ? Convert.ToBase64String(hash) : null;
            var url = await signer.SignAsync(blob, BlobSasPermissions.Read, startsOn, expiresOn, cancellationToken);
            files.Add(new SiteFile(path, url, properties.ContentLength, md5));
        }

        return files;
    }

    /// <summary>
    /// Create and write on the whole container: outputs' names are known only once the job has run, and a blob SAS
    /// cannot be scoped to a prefix (a directory SAS on a hierarchical-namespace account could). No read, list or delete.
    /// </summary>
    public Task<Uri> OutputsAsync(CancellationToken cancellationToken)
    {
        var (startsOn, expiresOn) = Validity();
        return signer.SignAsync(_projects, BlobContainerSasPermissions.Create | BlobContainerSasPermissions.Write, startsOn, expiresOn, cancellationToken);
    }

    private (DateTimeOffset StartsOn, DateTimeOffset ExpiresOn) Validity()
    {
        var now = clock.GetUtcNow();
        return (now - urls.Value.ClockSkewAllowance, now + site.UrlLifetime);
    }
}
