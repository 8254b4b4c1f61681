using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Blobs.Specialized;
using Azure.Storage.Sas;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Scipion.Core;
using Scipion.Core.Errors;
using Scipion.Core.Files;
using Scipion.Core.Projects;

namespace Scipion.Storage;

/// <summary>
/// A project folder is its own blob container, <c>p-{projectId}</c>, with blob names that are plain project paths:
/// every SAS handed out is scoped to that one container at most, and deleting the project deletes the container.
/// </summary>
public sealed class BlobProjectFolder(BlobServiceClient service, BlobSasSigner signer, IOptions<SignedUrlOptions> options, TimeProvider clock, ILogger<BlobProjectFolder>? logger = null) : IProjectFolder
{
    private static readonly IReadOnlyDictionary<string, string> UploadHeaders =
        new Dictionary<string, string> { ["x-ms-blob-type"] = "BlockBlob" };

    private readonly ILogger _logger = logger ?? NullLogger<BlobProjectFolder>.Instance;

    public BlobContainerClient Container(string projectId) => service.GetBlobContainerClient(StorageNames.ProjectContainer(projectId));

    public async Task CreateAsync(string projectId, CancellationToken cancellationToken) =>
        await Container(projectId).CreateIfNotExistsAsync(cancellationToken: cancellationToken);

    public async Task<IReadOnlyList<ProjectFile>> ListAsync(string projectId, ProjectPath? prefix, CancellationToken cancellationToken)
    {
        var files = new List<ProjectFile>();
        string? continuation = null;
        do
        {
            var page = await ListPageAsync(projectId, prefix, continuation, ProjectFolderPage.MaxFiles, cancellationToken);
            files.AddRange(page.Files);
            continuation = page.ContinuationToken;
        }
        while (continuation is not null);

        return files;
    }

    public async Task<ProjectFolderPage> ListPageAsync(string projectId, ProjectPath? prefix, string? continuationToken, int pageSize, CancellationToken cancellationToken)
    {
        var container = Container(projectId);
        var files = new List<ProjectFile>();
        try
        {
            // CopyStatus brings each blob's copy source, so that a copy from outside the project is never listed.
            var pages = container.GetBlobsAsync(BlobTraits.CopyStatus, BlobStates.None, prefix?.Value, cancellationToken)
                .AsPages(string.IsNullOrEmpty(continuationToken) ? null : continuationToken, Math.Clamp(pageSize, 1, ProjectFolderPage.MaxFiles));
            await foreach (var page in pages)
            {
                foreach (var blob in page.Values)
                {
                    if (ForeignCopy.IsFrom(blob.Properties.CopySource, container))
                    {
                        continue;
                    }

                    files.Add(new ProjectFile(
                        blob.Name,
                        blob.Properties.ContentLength ?? 0,
                        blob.Properties.LastModified ?? DateTimeOffset.MinValue,
                        blob.Properties.ContentType));
                }

                return new ProjectFolderPage(files, string.IsNullOrEmpty(page.ContinuationToken) ? null : page.ContinuationToken);
            }
        }
        catch (RequestFailedException e) when (IsContainerGone(e))
        {
            throw ProjectGone(projectId);
        }
        catch (RequestFailedException e) when (e.Status is 400 or 500 && continuationToken is not null)
        {
            // Storage refuses a marker it did not hand out with a 400 (Azure) or a 500 (Azurite): either way the
            // caller's token is wrong, not our side.
            throw ScipionError.Invalid("continuationToken", "The continuation token is not one this listing handed out.");
        }

        return new ProjectFolderPage(files, null);
    }

    public async Task<ProjectFile?> FindAsync(string projectId, ProjectPath path, CancellationToken cancellationToken)
    {
        var container = Container(projectId);
        try
        {
            var properties = (await container.GetBlobClient(path.Value).GetPropertiesAsync(cancellationToken: cancellationToken)).Value;
            if (ForeignCopy.IsFrom(properties.CopySource, container))
            {
                // Copied in from outside the project (Copy Blob through an upload grant): as if it were not there.
                return null;
            }

            return new ProjectFile(path.Value, properties.ContentLength, properties.LastModified, properties.ContentType);
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return null;
        }
    }

    public async Task<SignedUrl> GetUploadUrlAsync(string projectId, ProjectPath path, CancellationToken cancellationToken)
    {
        // Create and Write only: enough for Put Blob, Put Block and Put Block List, not for reading, listing or deleting.
        var url = await SignAsync(projectId, path, BlobSasPermissions.Create | BlobSasPermissions.Write, options.Value.UploadLifetime, cancellationToken);
        return url with { Method = "PUT", Headers = UploadHeaders };
    }

    public Task<SignedUrl> GetDownloadUrlAsync(string projectId, ProjectPath path, CancellationToken cancellationToken) =>
        SignAsync(projectId, path, BlobSasPermissions.Read, options.Value.DownloadLifetime, cancellationToken);

    /// <summary>
    /// A SAS on the project's own container: read = read + list; write = read + create + write + list, so that AzCopy
    /// and rclone can compare and resume. Never delete: a leaked URL can add and overwrite, not destroy.
    /// </summary>
    public async Task<SignedUrl> GetFolderUrlAsync(string projectId, FolderAccess access, TimeSpan lifetime, CancellationToken cancellationToken)
    {
        var permissions = access == FolderAccess.Write
            ? BlobContainerSasPermissions.Read | BlobContainerSasPermissions.Create | BlobContainerSasPermissions.Write | BlobContainerSasPermissions.List
            : BlobContainerSasPermissions.Read | BlobContainerSasPermissions.List;
        var now = clock.GetUtcNow();
        var expiresAt = now + lifetime;
        var url = await signer.SignAsync(Container(projectId), permissions, now - options.Value.ClockSkewAllowance, expiresAt, cancellationToken);
        return new SignedUrl(url, "GET", new Dictionary<string, string>(), expiresAt);
    }

    /// <summary>
    /// Deletes the project's container and everything in it, leased or not: a lease on the container is broken at
    /// once (blob leases do not hold a container back). A container already gone is done.
    /// </summary>
    public async Task DeleteAllAsync(string projectId, CancellationToken cancellationToken)
    {
        var container = Container(projectId);
        try
        {
            await container.GetBlobLeaseClient().BreakAsync(TimeSpan.Zero, cancellationToken: cancellationToken);
        }
        catch (RequestFailedException e) when (e.Status is 404 or 409)
        {
            // No container (404) or no lease on it (409): nothing to break.
        }

        await container.DeleteIfExistsAsync(cancellationToken: cancellationToken);
    }

    public async Task DownloadAsync(string projectId, ProjectPath path, string localFile, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(localFile)!);
        var partial = localFile + ".partial";
        var container = Container(projectId);
        var blob = container.GetBlobClient(path.Value);
        var response = await blob.DownloadStreamingAsync(cancellationToken: cancellationToken);
        using (var download = response.Value)
        {
            if (ForeignCopy.IsFrom(download.Details.CopySource, container))
            {
                throw ScipionError.NotFound($"File '{path}'");
            }

            await using var file = File.Create(partial);
            await download.Content.CopyToAsync(file, cancellationToken);
        }

        File.Move(partial, localFile, overwrite: true);
    }

    public async Task UploadAsync(string projectId, ProjectPath path, string localFile, CancellationToken cancellationToken)
    {
        try
        {
            await Container(projectId).GetBlobClient(path.Value).UploadAsync(localFile, overwrite: true, cancellationToken);
        }
        catch (RequestFailedException e) when (IsContainerGone(e))
        {
            throw ProjectGone(projectId);
        }
    }

    /// <summary>
    /// Deletes <paramref name="path"/> when it was copied in from outside the project (Copy Blob into an upload
    /// grant's blob with another container as source): storage may let the copy happen, the platform never serves it.
    /// </summary>
    public async Task<bool> DeleteIfForeignCopyAsync(string projectId, ProjectPath path, CancellationToken cancellationToken)
    {
        var container = Container(projectId);
        var blob = container.GetBlobClient(path.Value);
        try
        {
            var properties = (await blob.GetPropertiesAsync(cancellationToken: cancellationToken)).Value;
            if (!ForeignCopy.IsFrom(properties.CopySource, container))
            {
                return false;
            }

            await blob.DeleteIfExistsAsync(DeleteSnapshotsOption.IncludeSnapshots, new BlobRequestConditions { IfMatch = properties.ETag }, cancellationToken);
            _logger.LogWarning("Deleted {Container}/{Blob}: copied in from {Source}, outside the project", container.Name, path, properties.CopySource);
            return true;
        }
        catch (RequestFailedException e) when (e.Status is 404 or 412)
        {
            return false;
        }
    }

    private async Task<SignedUrl> SignAsync(string projectId, ProjectPath path, BlobSasPermissions permissions, TimeSpan lifetime, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var expiresAt = now + lifetime;
        var blob = Container(projectId).GetBlobClient(path.Value);
        var url = await signer.SignAsync(blob, permissions, now - options.Value.ClockSkewAllowance, expiresAt, cancellationToken);
        return new SignedUrl(url, "GET", new Dictionary<string, string>(), expiresAt);
    }

    // Azure deletes a container in the background: until it is done, requests answer 409 ContainerBeingDeleted.
    private static bool IsContainerGone(RequestFailedException e) =>
        (e.Status == 404 && e.ErrorCode == BlobErrorCode.ContainerNotFound)
        || (e.Status == 409 && e.ErrorCode == BlobErrorCode.ContainerBeingDeleted);

    private static ScipionError ProjectGone(string projectId) => ScipionError.NotFound($"Project '{projectId}'");
}
