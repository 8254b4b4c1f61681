namespace Scipion.Core.Projects;

/// <summary>Project ids are 32 lowercase hex digits: safe as a blob prefix, a table key and a route segment.</summary>
public static class ProjectId
{
    public static string New() => Guid.NewGuid().ToString("N");

    public static bool IsWellFormed(string? value) =>
        value is { Length: 32 } && value.All(c => c is (>= '0' and <= '9') or (>= 'a' and <= 'f'));
}
