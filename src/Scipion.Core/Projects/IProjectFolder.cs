using Scipion.Core.Files;

namespace Scipion.Core.Projects;

/// <summary>A project's folder on shared storage (its own blob container in Azure, a directory on premises).</summary>
public interface IProjectFolder
{
    /// <summary>Makes the project's folder (its container); a folder that exists already is kept.</summary>
    Task CreateAsync(string projectId, CancellationToken cancellationToken);

    /// <summary>One page of the listing, at most <paramref name="pageSize"/> files, and the token for the next page (null at the end).</summary>
    Task<ProjectFolderPage> ListPageAsync(string projectId, ProjectPath? prefix, string? continuationToken, int pageSize, CancellationToken cancellationToken);

    /// <summary>
    /// Deletes the file when storage copied it in from outside the project (Copy Blob through an upload grant), and
    /// says so; such a file is never listed, found or served.
    /// </summary>
    Task<bool> DeleteIfForeignCopyAsync(string projectId, ProjectPath path, CancellationToken cancellationToken);

    Task<IReadOnlyList<ProjectFile>> ListAsync(string projectId, ProjectPath? prefix, CancellationToken cancellationToken);

    Task<ProjectFile?> FindAsync(string projectId, ProjectPath path, CancellationToken cancellationToken);

    /// <summary>A URL that lets its holder create or overwrite exactly this one file, and nothing else, until it expires.</summary>
    Task<SignedUrl> GetUploadUrlAsync(string projectId, ProjectPath path, CancellationToken cancellationToken);

    /// <summary>A URL that lets its holder read exactly this one file until it expires.</summary>
    Task<SignedUrl> GetDownloadUrlAsync(string projectId, ProjectPath path, CancellationToken cancellationToken);

    /// <summary>A URL for bulk tools (AzCopy, rclone) over the whole folder and nothing else; never allows deleting.</summary>
    Task<SignedUrl> GetFolderUrlAsync(string projectId, FolderAccess access, TimeSpan lifetime, CancellationToken cancellationToken);

    /// <summary>Deletes the folder and everything in it, leases or not; a folder already gone is done.</summary>
    Task DeleteAllAsync(string projectId, CancellationToken cancellationToken);

    /// <summary>Copies a file of the folder to local disk (staging in for compute that has no shared filesystem).</summary>
    Task DownloadAsync(string projectId, ProjectPath path, string localFile, CancellationToken cancellationToken);

    /// <summary>Copies a local file into the folder (staging out); a finished upload raises BlobCreated like any other.</summary>
    Task UploadAsync(string projectId, ProjectPath path, string localFile, CancellationToken cancellationToken);
}
