namespace Scipion.Core.Runs;

/// <summary>Run ids sort by creation time (a RELION user reads Runs/ in order) and are safe in paths, keys and job names.</summary>
public static class RunId
{
    public static string New(TimeProvider clock) =>
        $"r{clock.GetUtcNow():yyyyMMddHHmmss}-{Guid.NewGuid().ToString("N")[..8]}";

    public static bool IsWellFormed(string? value) =>
        value is { Length: > 1 and <= 64 } && value[0] == 'r' && value.All(c => char.IsAsciiLetterOrDigit(c) || c == '-');
}
