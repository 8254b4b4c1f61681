using Scipion.Core.Files;
using Scipion.Core.Projects;

namespace Scipion.Functions.Http;

// The JSON shapes of the REST contract (shared/docs/contract.md). Requests are nullable throughout so a missing
// field becomes a validation message rather than a deserialisation failure.

public sealed record CreateProjectRequest(string? Name, string? Description);

public sealed record ShareProjectRequest(string? Role);

public sealed record StartUploadRequest(string? Path, long? Size);

public sealed record TransferUrlRequest(string? Permissions, int? ExpiresInMinutes);

public sealed record DevelopmentTokenRequest(string? User);

public sealed record DevelopmentTokenResponse(string AccessToken, DateTimeOffset ExpiresAt);

public sealed record MemberResponse(string User, string Role);

public sealed record ProjectResponse(string Id, string Name, string Description, string Owner, DateTimeOffset CreatedAt, IReadOnlyList<MemberResponse> Members)
{
    public static ProjectResponse From(Project project) => new(
        project.Id, project.Name, project.Description, project.Owner, project.CreatedAt,
        [.. project.Members.Select(m => new MemberResponse(m.User, m.Role.ToWire()))]);
}

public sealed record FileResponse(string Path, long Size, DateTimeOffset LastModified, string? ContentType)
{
    public static FileResponse From(ProjectFile file) => new(file.Path, file.Size, file.LastModified, file.ContentType);
}

public sealed record FileListResponse(IReadOnlyList<FileResponse> Files, string? ContinuationToken);

public sealed record UploadResponse(Uri Url, string Method, IReadOnlyDictionary<string, string> Headers, DateTimeOffset ExpiresAt)
{
    public static UploadResponse From(SignedUrl url) => new(url.Url, url.Method, url.Headers, url.ExpiresAt);
}

public sealed record TransferUrlResponse(Uri Url, string Permissions, DateTimeOffset ExpiresAt);
