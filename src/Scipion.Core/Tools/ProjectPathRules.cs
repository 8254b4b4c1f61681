namespace Scipion.Core.Tools;

/// <summary>The contract's rules for paths inside a project (globs allowed), checked before any file is touched.</summary>
public static class ProjectPathRules
{
    public static string? Problem(string path)
    {
        if (path.Length > 1024)
        {
            return "Paths are limited to 1,024 characters.";
        }

        if (path.StartsWith('/') || path.Contains('\\', StringComparison.Ordinal) || (path.Length > 1 && path[1] == ':'))
        {
            return $"'{path}' must be a relative path with / separators.";
        }

        if (path.Split('/').Any(part => part is ".." or "." or ""))
        {
            return $"'{path}' must not contain empty, '.' or '..' segments.";
        }

        if (path.Any(char.IsControl))
        {
            return "Paths must not contain control characters.";
        }

        return null;
    }
}
