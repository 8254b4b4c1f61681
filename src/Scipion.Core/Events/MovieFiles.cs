namespace Scipion.Core.Events;

public static class MovieFiles
{
    /// <summary>The movie formats of the contract; a streaming pipeline reacts to these and nothing else.</summary>
    public static readonly IReadOnlyList<string> Extensions = [".tif", ".tiff", ".mrc", ".mrcs", ".eer"];

    public const string DefaultGlob = "Movies/**";

    public static bool IsMovie(string path) => Extensions.Any(e => path.EndsWith(e, StringComparison.OrdinalIgnoreCase));
}
