using Scipion.Core.Files;

namespace Scipion.Core.Projects;

/// <summary>A project's folder on shared storage (a blob prefix in Azure, a directory on premises).</summary>
public interface IProjectFolder
{
    Task<IReadOnlyList<ProjectFile>> ListAsync(string projectId, ProjectPath? prefix, CancellationToken cancellationToken);

    Task<ProjectFile?> FindAsync(string projectId, ProjectPath path, CancellationToken cancellationToken);

    /// <summary>A URL that lets its holder create or overwrite exactly this one file, and nothing else, until it expires.</summary>
    Task<SignedUrl> GetUploadUrlAsync(string projectId, ProjectPath path, CancellationToken cancellationToken);

    /// <summary>A URL that lets its holder read exactly this one file until it expires.</summary>
    Task<SignedUrl> GetDownloadUrlAsync(string projectId, ProjectPath path, CancellationToken cancellationToken);

    /// <summary>A URL for bulk tools over the whole folder; throws <see cref="Errors.ErrorKind.NotSupported"/> where storage cannot scope one.</summary>
    Task<SignedUrl> GetFolderUrlAsync(string projectId, FolderAccess access, TimeSpan lifetime, CancellationToken cancellationToken);

    Task DeleteAllAsync(string projectId, CancellationToken cancellationToken);

    /// <summary>Copies a file of the folder to local disk (staging in for compute that has no shared filesystem).</summary>
    Task DownloadAsync(string projectId, ProjectPath path, string localFile, CancellationToken cancellationToken);

    /// <summary>Copies a local file into the folder (staging out); a finished upload raises BlobCreated like any other.</summary>
    Task UploadAsync(string projectId, ProjectPath path, string localFile, CancellationToken cancellationToken);
}
