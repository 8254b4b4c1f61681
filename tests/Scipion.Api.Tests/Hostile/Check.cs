namespace Scipion.Api.Tests.Hostile;

/// <summary>Why the contract refuses a text where a given member goes (null: it may take it).</summary>
public static class Check
{
    private static readonly string[] ToolNames = ["first-map", "movie-alignment", "pipeline", "resolution-map"];

    public static string? User(string value) =>
        value.Length is 0 or > 128 ? "a user id of 0 or over 128 characters"
        : value is "." or ".." ? $"user id '{value}'"
        : value.Any(c => !(char.IsLetterOrDigit(c) || c is '-' or '_' or '.' or '@')) ? "a user id with a sign outside letters, digits, '-', '_', '.', '@'"
        : null;

    public static string? Name(string value) => null;

    public static string? Description(string value) => null;

    public static string? Role(string value) => value is "reader" or "editor" ? null : $"role '{value}'";

    public static string? Permissions(string value) =>
        string.Equals(value, "read", StringComparison.OrdinalIgnoreCase) || string.Equals(value, "write", StringComparison.OrdinalIgnoreCase) ? null : $"permissions '{value}'";

    public static string? Tool(string value) => ToolNames.Contains(value) ? null : $"tool '{value}'";

    public static string? Path(string value) => value.Length > HostileValues.MaxPath ? "a path over 1,024 characters" : null;

    public static string? Glob(string value) => Path(value);
}
