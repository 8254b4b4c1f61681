using System.Text;
using System.Text.RegularExpressions;

namespace Scipion.Core.Files;

/// <summary>Project-relative globs: <c>*</c> within one folder level, <c>**</c> across levels, <c>?</c> one character.</summary>
public sealed class PathGlob
{
    private readonly Regex _regex;

    private PathGlob(string pattern, Regex regex)
    {
        Pattern = pattern;
        _regex = regex;
    }

    public string Pattern { get; }

    /// <summary>The literal folder prefix before the first wildcard, for listing no more than needed.</summary>
    public string LiteralPrefix
    {
        get
        {
            var wildcard = Pattern.IndexOfAny(['*', '?']);
            var literal = wildcard < 0 ? Pattern : Pattern[..wildcard];
            var slash = literal.LastIndexOf('/');
            return slash < 0 ? string.Empty : literal[..(slash + 1)];
        }
    }

    public static PathGlob Parse(string? pattern, string field)
    {
        // A glob obeys the same rules as a path, so it cannot reach outside the project either.
        var path = ProjectPath.ParseFile(pattern, field);
        var regex = new StringBuilder("^");
        var text = path.Value;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '*' && i + 1 < text.Length && text[i + 1] == '*')
            {
                var slashFollows = i + 2 < text.Length && text[i + 2] == '/';
                regex.Append(slashFollows ? "(?:.*/)?" : ".*");
                i += slashFollows ? 2 : 1;
            }
            else
            {
                regex.Append(c switch
                {
                    '*' => "[^/]*",
                    '?' => "[^/]",
                    _ => Regex.Escape(c.ToString()),
                });
            }
        }

        return new PathGlob(text, new Regex(regex.Append('$').ToString(), RegexOptions.CultureInvariant));
    }

    public bool Matches(string path) => _regex.IsMatch(path);
}
