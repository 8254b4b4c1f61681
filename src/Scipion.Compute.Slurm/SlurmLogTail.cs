namespace Scipion.Compute.Slurm;

/// <summary>The last lines of a job's run.out and run.err, read from their ends so a large log is never loaded.</summary>
internal static class SlurmLogTail
{
    private const int MaxBytes = 16 * 1024;

    public static string Of(string jobFolder, int lines)
    {
        string err = Last(Path.Combine(jobFolder, SlurmBackend.ErrLog), lines);
        string output = Last(Path.Combine(jobFolder, SlurmBackend.OutLog), lines);
        return (output.Length, err.Length) switch
        {
            (0, 0) => string.Empty,
            (_, 0) => output,
            (0, _) => err,
            _ => $"{output}\n--- {SlurmBackend.ErrLog} ---\n{err}",
        };
    }

    private static string Last(string path, int lines)
    {
        if (!File.Exists(path))
        {
            return string.Empty;
        }

        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        stream.Position = Math.Max(0, stream.Length - MaxBytes);
        using var reader = new StreamReader(stream);

        // RELION redraws its progress bar with carriage returns; keep only what the last redraw shows.
        var kept = reader.ReadToEnd().Split('\n')
            .Select(l => l.Contains('\r', StringComparison.Ordinal) ? l[(l.TrimEnd('\r').LastIndexOf('\r') + 1)..] : l)
            .Select(l => l.TrimEnd())
            .Where(l => l.Length > 0)
            .TakeLast(lines);
        return string.Join('\n', kept);
    }
}
