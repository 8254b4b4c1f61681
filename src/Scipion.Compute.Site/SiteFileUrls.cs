using Azure.Storage.Blobs;
using Microsoft.Extensions.Options;
using Scipion.Core.Compute.Sites;
using Scipion.Storage;

namespace Scipion.Compute.Site;

/// <summary>
/// The SAS URLs a site needs for one job, valid <see cref="SiteOptions.UrlLifetime"/>: read, per input blob, with the
/// length and MD5 storage holds, and create + write on the project's own container (<c>p-{projectId}</c>) for outputs.
/// No read of other blobs, no list or delete, and no other project.
/// </summary>
public sealed class SiteFileUrls(BlobServiceClient service, BlobSasSigner signer, SiteOptions site, IOptions<SignedUrlOptions> urls, TimeProvider clock)
{
    private readonly BlobJobFileUrls _urls = new(service, signer, urls, clock);

    public Task<IReadOnlyList<SiteFile>> InputsAsync(string projectId, IEnumerable<string> paths, CancellationToken cancellationToken) =>
        _urls.InputsAsync(projectId, paths, site.UrlLifetime, cancellationToken);

    public Task<Uri> OutputsAsync(string projectId, CancellationToken cancellationToken) =>
        _urls.OutputsAsync(projectId, site.UrlLifetime, cancellationToken);
}
