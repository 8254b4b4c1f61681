namespace Scipion.Core.Tools;

/// <summary>
/// The contract's globs: <c>*</c> matches within one folder, <c>**</c> across folders (<c>**/</c> also matches no
/// folder at all), <c>?</c> one character other than '/'. Matched by <see cref="GlobMatcher"/>, in time proportional to
/// path × pattern whatever either holds (a backtracking regex takes exponential time on <c>**a**a**a…</c>).
/// </summary>
public static class ProjectGlob
{
    public static bool IsRecursive(string glob) => glob.Contains("**", StringComparison.Ordinal);

    public static GlobMatcher Compile(string glob) => new(glob);

    public static bool IsMatch(string glob, string path) => Compile(glob).IsMatch(path);

    public static IReadOnlyList<string> Match(string root, string glob)
    {
        if (!Directory.Exists(root))
        {
            return [];
        }

        var matcher = Compile(glob);
        return Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(root, f).Replace('\\', '/'))
            .Where(f => !f.StartsWith("Runs/", StringComparison.Ordinal) && matcher.IsMatch(f))
            .Order(StringComparer.Ordinal)
            .ToList();
    }
}
