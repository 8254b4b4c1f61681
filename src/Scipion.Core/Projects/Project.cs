namespace Scipion.Core.Projects;

/// <summary>
/// A self-contained project folder and who may use it. <see cref="Members"/> never holds the owner:
/// ownership is not a membership that can be revoked.
/// </summary>
public sealed record Project(
    string Id,
    string Name,
    string Description,
    string Owner,
    DateTimeOffset CreatedAt,
    IReadOnlyList<ProjectMember> Members)
{
    /// <summary>An opaque concurrency token from the store; null for a project not yet stored.</summary>
    public string? Version { get; init; }

    public ProjectRole? RoleOf(string user) =>
        user == Owner ? ProjectRole.Owner : Members.FirstOrDefault(m => m.User == user)?.Role;

    public Project WithMember(string user, ProjectRole role) =>
        this with { Members = [.. Members.Where(m => m.User != user), new ProjectMember(user, role)] };

    public Project WithoutMember(string user) =>
        this with { Members = [.. Members.Where(m => m.User != user)] };
}
