namespace Scipion.Cli.Ingest;

/// <summary>Movies in an acquisition folder (EPU's Images-Disc*/GridSquare_*/Data/*_Fractions.*, SerialEM's flat folders, or anything between).</summary>
public static class MovieFiles
{
    private static readonly HashSet<string> Extensions = new(StringComparer.OrdinalIgnoreCase) { ".mrc", ".mrcs", ".tif", ".tiff", ".eer" };

    public static bool IsMovie(string path) => Extensions.Contains(Path.GetExtension(path));

    public static IEnumerable<string> Enumerate(string root) =>
        Directory.EnumerateFiles(root, "*", new EnumerationOptions
        {
            RecurseSubdirectories = true,
            // A folder we may not read is reported by the scan's caller, not fatal to the whole scan.
            IgnoreInaccessible = true,
            AttributesToSkip = FileAttributes.Hidden | FileAttributes.System,
        })
        .Where(f => IsMovie(f) && !Path.GetRelativePath(root, f).Split(Path.DirectorySeparatorChar).Any(part => part.StartsWith('.')));
}
