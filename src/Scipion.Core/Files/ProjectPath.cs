using Scipion.Core.Errors;

namespace Scipion.Core.Files;

/// <summary>
/// A validated path inside a project folder: relative, '/'-separated, no '.' or '..' segments.
/// Once parsed it cannot name anything outside the project, whatever storage it is joined to.
/// </summary>
public sealed record ProjectPath
{
    /// <summary>Blob names have at most 1,024 characters, and every name starts with the 33-character project prefix.</summary>
    public const int MaxLength = 1024 - 33;

    private ProjectPath(string value) => Value = value;

    public string Value { get; }

    public bool IsFolder => Value.EndsWith('/');

    public override string ToString() => Value;

    /// <summary>A file's path: no trailing '/'.</summary>
    public static ProjectPath ParseFile(string? value, string field = "path")
    {
        var path = Parse(value, field, allowTrailingSlash: false);
        return path ?? throw ScipionError.Invalid(field, "A path is required.");
    }

    /// <summary>A listing prefix: empty means the whole project; a trailing '/' is allowed.</summary>
    public static ProjectPath? ParsePrefix(string? value, string field = "prefix") =>
        string.IsNullOrEmpty(value) ? null : Parse(value, field, allowTrailingSlash: true);

    public static string? Problem(string? value, bool allowTrailingSlash)
    {
        if (string.IsNullOrEmpty(value))
        {
            return "A path is required.";
        }

        if (value.Length > MaxLength)
        {
            return $"A path has at most {MaxLength} characters.";
        }

        if (value.Any(char.IsControl))
        {
            return "A path cannot contain control characters.";
        }

        if (value.Contains('\\'))
        {
            return "A path uses '/' as separator, never '\\'.";
        }

        if (value.StartsWith('/') || (value.Length >= 2 && value[1] == ':'))
        {
            return "A path is relative to the project folder; absolute paths are refused.";
        }

        var segments = value.Split('/');
        var last = allowTrailingSlash && value.EndsWith('/') ? segments.Length - 1 : segments.Length;
        for (var i = 0; i < last; i++)
        {
            var segment = segments[i];
            if (segment.Length == 0)
            {
                return allowTrailingSlash || i < segments.Length - 1
                    ? "A path cannot contain empty segments ('//')."
                    : "A file path cannot end with '/'.";
            }

            if (segment is "." or "..")
            {
                return "A path cannot contain '.' or '..' segments.";
            }

            if (segment.Trim() != segment)
            {
                return "A path segment cannot start or end with white space.";
            }
        }

        return null;
    }

    private static ProjectPath? Parse(string? value, string field, bool allowTrailingSlash)
    {
        var problem = Problem(value, allowTrailingSlash);
        return problem is null ? new ProjectPath(value!) : throw ScipionError.Invalid(field, problem);
    }
}
