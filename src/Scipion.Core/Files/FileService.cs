using Scipion.Core.Errors;
using Scipion.Core.Identity;
using Scipion.Core.Projects;

namespace Scipion.Core.Files;

/// <summary>Files in project folders: listing, signed upload and download URLs, bulk transfer URLs.</summary>
public sealed class FileService(ProjectService projects, IProjectFolder folder)
{
    /// <summary>Azure's largest block blob (50,000 blocks of 4,000 MiB).</summary>
    public const long MaxFileSize = 50_000L * 4000 * 1024 * 1024;

    /// <summary>A transfer URL lives at most 7 days (a user-delegation SAS cannot outlive its key, itself at most 7 days).</summary>
    public const int MaxTransferMinutes = 7 * 24 * 60;

    public async Task<SignedUrl> StartUploadAsync(Caller caller, string projectId, string? path, long? size, CancellationToken cancellationToken)
    {
        var project = await projects.GetAsync(caller, projectId, ProjectAction.Write, cancellationToken);
        var file = ProjectPath.ParseFile(path);
        if (size is < 0 or > MaxFileSize)
        {
            throw ScipionError.Invalid("size", $"The size is between 0 and {MaxFileSize} bytes.");
        }

        return await folder.GetUploadUrlAsync(project.Id, file, cancellationToken);
    }

    public async Task<IReadOnlyList<ProjectFile>> ListAsync(Caller caller, string projectId, string? prefix, CancellationToken cancellationToken)
    {
        var project = await projects.GetAsync(caller, projectId, ProjectAction.Read, cancellationToken);
        return await folder.ListAsync(project.Id, ProjectPath.ParsePrefix(prefix), cancellationToken);
    }

    /// <summary>One page of the listing (at most <see cref="ProjectFolderPage.MaxFiles"/> files) and the token for the next.</summary>
    public async Task<ProjectFolderPage> ListPageAsync(Caller caller, string projectId, string? prefix, string? continuationToken, CancellationToken cancellationToken)
    {
        var project = await projects.GetAsync(caller, projectId, ProjectAction.Read, cancellationToken);
        var parsed = ProjectPath.ParsePrefix(prefix);
        // Storage's markers are short printable ASCII; anything else is refused here, before storage sees it
        // (Azurite answers a control character in a marker with a 500).
        if (continuationToken is { Length: > 1024 } || (continuationToken is not null && continuationToken.Any(c => c is < '!' or > '~')))
        {
            throw ScipionError.Invalid("continuationToken", "The continuation token is not one this listing handed out.");
        }

        return await folder.ListPageAsync(project.Id, parsed, string.IsNullOrEmpty(continuationToken) ? null : continuationToken, ProjectFolderPage.MaxFiles, cancellationToken);
    }

    public async Task<SignedUrl> GetDownloadAsync(Caller caller, string projectId, string? path, CancellationToken cancellationToken)
    {
        var project = await projects.GetAsync(caller, projectId, ProjectAction.Read, cancellationToken);
        var file = ProjectPath.ParseFile(path);
        if (await folder.FindAsync(project.Id, file, cancellationToken) is null)
        {
            throw ScipionError.NotFound($"File '{file}'");
        }

        return await folder.GetDownloadUrlAsync(project.Id, file, cancellationToken);
    }

    public async Task<SignedUrl> GetTransferUrlAsync(Caller caller, string projectId, string? permissions, int? expiresInMinutes, CancellationToken cancellationToken)
    {
        FolderAccess? access = permissions switch
        {
            "read" => FolderAccess.Read,
            "write" => FolderAccess.Write,
            _ => null,
        };
        var minutes = expiresInMinutes ?? 60;
        new Validation()
            .Require(access is not null, "permissions", "The permissions are \"read\" or \"write\".")
            .Require(minutes is >= 1 and <= MaxTransferMinutes, "expiresInMinutes", $"A transfer URL lives from 1 to {MaxTransferMinutes} minutes.")
            .ThrowIfAny();

        var action = access == FolderAccess.Write ? ProjectAction.Write : ProjectAction.Read;
        var project = await projects.GetAsync(caller, projectId, action, cancellationToken);
        return await folder.GetFolderUrlAsync(project.Id, access!.Value, TimeSpan.FromMinutes(minutes), cancellationToken);
    }
}
