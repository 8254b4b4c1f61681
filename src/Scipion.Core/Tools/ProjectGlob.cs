using System.Text;
using System.Text.RegularExpressions;

namespace Scipion.Core.Tools;

/// <summary>The contract's globs: <c>*</c> matches within one folder, <c>**</c> any number of folders.</summary>
public static class ProjectGlob
{
    public static bool IsRecursive(string glob) => glob.Contains("**", StringComparison.Ordinal);

    public static Regex ToRegex(string glob)
    {
        var pattern = new StringBuilder("^");
        for (int i = 0; i < glob.Length; i++)
        {
            if (glob[i] == '*' && i + 1 < glob.Length && glob[i + 1] == '*')
            {
                // "**/" may also match no folder at all.
                bool slash = i + 2 < glob.Length && glob[i + 2] == '/';
                pattern.Append(slash ? "(?:.*/)?" : ".*");
                i += slash ? 2 : 1;
            }
            else if (glob[i] == '*')
            {
                pattern.Append("[^/]*");
            }
            else if (glob[i] == '?')
            {
                pattern.Append("[^/]");
            }
            else
            {
                pattern.Append(Regex.Escape(glob[i].ToString()));
            }
        }

        return new Regex(pattern.Append('$').ToString(), RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
    }

    public static IReadOnlyList<string> Match(string root, string glob)
    {
        if (!Directory.Exists(root))
        {
            return [];
        }

        var regex = ToRegex(glob);
        return Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(root, f).Replace('\\', '/'))
            .Where(f => !f.StartsWith("Runs/", StringComparison.Ordinal) && regex.IsMatch(f))
            .Order(StringComparer.Ordinal)
            .ToList();
    }
}
