namespace Scipion.Core.Projects;

/// <summary>The wire names of roles, as the contract spells them.</summary>
public static class ProjectRoles
{
    public static string ToWire(this ProjectRole role) => role switch
    {
        ProjectRole.Reader => "reader",
        ProjectRole.Editor => "editor",
        ProjectRole.Owner => "owner",
        _ => throw new ArgumentOutOfRangeException(nameof(role), role, null),
    };

    public static ProjectRole? FromWire(string? value) => value switch
    {
        "reader" => ProjectRole.Reader,
        "editor" => ProjectRole.Editor,
        "owner" => ProjectRole.Owner,
        _ => null,
    };
}
