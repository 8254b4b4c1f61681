using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Sas;
using Microsoft.Extensions.Options;
using Scipion.Core;
using Scipion.Core.Errors;
using Scipion.Core.Files;
using Scipion.Core.Projects;

namespace Scipion.Storage;

/// <summary>A project folder is the blob prefix <c>{projectId}/</c> in the <c>projects</c> container.</summary>
public sealed class BlobProjectFolder(BlobServiceClient service, BlobSasSigner signer, IOptions<SignedUrlOptions> options, TimeProvider clock) : IProjectFolder
{
    private static readonly IReadOnlyDictionary<string, string> UploadHeaders =
        new Dictionary<string, string> { ["x-ms-blob-type"] = "BlockBlob" };

    private readonly BlobContainerClient _container = service.GetBlobContainerClient(StorageNames.ProjectsContainer);

    public static string BlobName(string projectId, ProjectPath path) => $"{projectId}/{path.Value}";

    public async Task<IReadOnlyList<ProjectFile>> ListAsync(string projectId, ProjectPath? prefix, CancellationToken cancellationToken)
    {
        var folder = projectId + "/";
        var files = new List<ProjectFile>();
        await foreach (var blob in _container.GetBlobsAsync(BlobTraits.None, BlobStates.None, folder + prefix?.Value, cancellationToken))
        {
            files.Add(new ProjectFile(
                blob.Name[folder.Length..],
                blob.Properties.ContentLength ?? 0,
                blob.Properties.LastModified ?? DateTimeOffset.MinValue,
                blob.Properties.ContentType));
        }

        return files;
    }

    public async Task<ProjectFile?> FindAsync(string projectId, ProjectPath path, CancellationToken cancellationToken)
    {
        try
        {
            var properties = (await _container.GetBlobClient(BlobName(projectId, path)).GetPropertiesAsync(cancellationToken: cancellationToken)).Value;
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

    public Task<SignedUrl> GetFolderUrlAsync(string projectId, FolderAccess access, TimeSpan lifetime, CancellationToken cancellationToken) =>
        // A blob SAS can be scoped to one blob or a whole container, never to a prefix: only a hierarchical
        // namespace account (directory SAS) could scope it to the project, and handing out the container would
        // open every project. So say plainly that it cannot be done here.
        throw ScipionError.NotSupported(
            "This storage account cannot scope a signed URL to one project folder. " +
            "Upload with per-file URLs (POST …/uploads), or deploy on an account with a hierarchical namespace.");

    public async Task DeleteAllAsync(string projectId, CancellationToken cancellationToken)
    {
        await foreach (var blob in _container.GetBlobsAsync(BlobTraits.None, BlobStates.None, projectId + "/", cancellationToken))
        {
            await _container.DeleteBlobIfExistsAsync(blob.Name, DeleteSnapshotsOption.IncludeSnapshots, cancellationToken: cancellationToken);
        }
    }

    public async Task DownloadAsync(string projectId, ProjectPath path, string localFile, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(localFile)!);
        var partial = localFile + ".partial";
        await _container.GetBlobClient(BlobName(projectId, path)).DownloadToAsync(partial, cancellationToken);
        File.Move(partial, localFile, overwrite: true);
    }

    public async Task UploadAsync(string projectId, ProjectPath path, string localFile, CancellationToken cancellationToken) =>
        await _container.GetBlobClient(BlobName(projectId, path)).UploadAsync(localFile, overwrite: true, cancellationToken);

    private async Task<SignedUrl> SignAsync(string projectId, ProjectPath path, BlobSasPermissions permissions, TimeSpan lifetime, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var expiresAt = now + lifetime;
        var blob = _container.GetBlobClient(BlobName(projectId, path));
        var url = await signer.SignAsync(blob, permissions, now - options.Value.ClockSkewAllowance, expiresAt, cancellationToken);
        return new SignedUrl(url, "GET", new Dictionary<string, string>(), expiresAt);
    }
}
