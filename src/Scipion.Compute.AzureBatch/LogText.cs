namespace Scipion.Compute.AzureBatch;

/// <summary>The last lines of a log, as the local backend shows them.</summary>
internal static class LogText
{
    public static string Tail(string? text, int lines)
    {
        if (string.IsNullOrEmpty(text))
        {
            return string.Empty;
        }

        // RELION redraws its progress bar with carriage returns; keep only what the last redraw shows.
        var kept = text.Split('\n')
            .Select(l => l.Contains('\r', StringComparison.Ordinal) ? l[(l.TrimEnd('\r').LastIndexOf('\r') + 1)..] : l)
            .Select(l => l.TrimEnd())
            .Where(l => l.Length > 0)
            .TakeLast(lines);
        return string.Join('\n', kept);
    }

    public static string Combine(string output, string errors, string errorsName) => (output.Length, errors.Length) switch
    {
        (0, 0) => string.Empty,
        (_, 0) => output,
        (0, _) => errors,
        _ => $"{output}\n--- {errorsName} ---\n{errors}",
    };
}
