using CsCheck;

namespace Scipion.Api.Tests.Hostile;

/// <summary>A generated value and whether the contract refuses it outright (then any success is a failure).</summary>
public readonly record struct Hostile(string Value, bool Refused, string Why)
{
    public static Hostile Ok(string value, string why) => new(value, false, why);

    public static Hostile Bad(string value, string why) => new(value, true, why);
}

/// <summary>
/// Generators of the values an attacker puts in paths, ids and names: dot segments raw and percent-encoded,
/// backslashes, absolute paths, control characters, very long names, unicode, globs with many <c>**</c>.
/// </summary>
public static class HostileValues
{
    public const int MaxPath = 1024;

    private static readonly Gen<string> Word = Gen.String[Gen.Char.AlphaNumeric, 1, 12];

    /// <summary>One path segment as text (<see cref="NameProblem"/> tells whether the contract refuses it).</summary>
    private static readonly Gen<string> Segment = Gen.Frequency(
        (8, Word),
        (2, Gen.Const("..")),
        (1, Gen.Const(".")),
        (1, Gen.Const("...")),
        (1, Gen.Const("%2e%2e")),
        (1, Word.Select(w => $"{w}\\..\\{w}")),
        (1, Gen.Char['\u0000', '\u001f'].Select(c => $"a{c}b")),
        (1, Gen.Const("a\u007fb")),
        (1, Gen.OneOf("é", "日本語", "Ωmega", "\u202etxt.exe", "😀", "．．", "a b", " lead", "trail ")),
        (1, Gen.Int[200, 1100].Select(n => new string('L', n))),
        (1, Gen.Const(string.Empty)));

    /// <summary>A file path inside a project as a client would send it in JSON (not URL-encoded).</summary>
    public static readonly Gen<Hostile> FilePath = Gen.Frequency(
        (4, Gen.Select(Segment.Array[1, 5], Gen.Bool, Gen.OneOf(".txt", ".tif", ".star", ".mrcs", "", ".bin"), (segments, absolute, extension) =>
        {
            string[] names = [.. segments];
            names[^1] += extension;
            var path = (absolute ? "/" : string.Empty) + string.Join('/', names);
            var bad = absolute ? "an absolute path"
                : names.Select(NameProblem).FirstOrDefault(b => b is not null) ?? (path.Length > MaxPath ? "a path over 1,024 characters" : null);
            return bad is null ? Hostile.Ok(path, "an ordinary path") : Hostile.Bad(path, bad);
        })),
        (2, Gen.OneOf(
            Hostile.Bad("../escape.txt", "'..' first"),
            Hostile.Bad("Movies/../../other/x.tif", "'..' escaping"),
            Hostile.Bad("/etc/passwd", "an absolute path"),
            Hostile.Bad("C:/windows/win.ini", "a drive letter"),
            Hostile.Bad("\\\\server\\share\\x", "a UNC path"),
            Hostile.Bad("Movies\\..\\..\\x", "backslashes"),
            Hostile.Bad("", "an empty path"),
            Hostile.Bad("Movies/", "a folder, not a file"),
            Hostile.Bad("Movies//x.tif", "an empty segment"),
            Hostile.Bad("./x.tif", "a '.' segment"),
            Hostile.Bad("Movies/x\u0000.tif", "a NUL"),
            Hostile.Bad("Movies/x\n.tif", "a newline"),
            Hostile.Bad(new string('a', MaxPath + 1), "a path over 1,024 characters"),
            Hostile.Bad("a/" + new string('b', 5000), "a path over 1,024 characters"),
            Hostile.Ok("%2e%2e/%2e%2e/x.txt", "percent signs are characters in JSON"),
            Hostile.Ok("Movies/%2F..%2Fx.txt", "percent signs are characters in JSON"),
            Hostile.Ok("Données/ünïcode-日本.txt", "unicode"),
            Hostile.Ok("Movies/with space.txt", "a space"),
            Hostile.Ok("..hidden/x.txt", "dots inside a name"),
            Hostile.Ok("x..txt", "dots inside a name"),
            Hostile.Ok("Movies/" + new string('m', 1000) + ".txt", "a long name under the limit"))));

    /// <summary>Why the contract refuses a name between two slashes, or null.</summary>
    public static string? NameProblem(string name) => name switch
    {
        "" => "an empty segment",
        "." or ".." => $"a '{name}' segment",
        _ when name.Contains('\\') => "a backslash",
        _ when name.Any(char.IsControl) => "a control character",
        _ => null,
    };

    /// <summary>Globs for run inputs, among them patterns that make backtracking matchers explode.</summary>
    public static readonly Gen<Hostile> Glob = Gen.Frequency(
        (3, Gen.Int[4, 24].Select(n => Hostile.Ok("Movies/" + string.Concat(Enumerable.Repeat("**a", n)) + ".tif", "many '**' (backtracking)"))),
        (1, Gen.Int[4, 24].Select(n => Hostile.Ok("Movies/" + string.Concat(Enumerable.Repeat("*a", n)) + "*c.txt", "many '*' (backtracking)"))),
        (1, Gen.Int[2, 40].Select(n => Hostile.Ok(string.Join('/', Enumerable.Repeat("**", n)) + "/*.tif", "many '**' segments"))),
        (1, Gen.Const(Hostile.Ok("Movies/*.tif", "an ordinary glob"))),
        (1, Gen.Const(Hostile.Ok("**/*", "everything"))),
        (1, Gen.OneOf(Hostile.Bad("../**/*.tif", "'..' in a glob"), Hostile.Bad("/**/*.tif", "an absolute glob"), Hostile.Bad("Movies\\*.tif", "a backslash"),
            Hostile.Ok("Movies/[a-z]*.tif", "brackets"), Hostile.Ok("Movies/?.tif", "a question mark"), Hostile.Ok("Movies/{a,b}.tif", "braces"),
            Hostile.Ok("Movies/(a+)+$.tif", "regex syntax"))),
        (1, FilePath));

    /// <summary>A path segment or more as it goes into a URL: percent-encoded or raw, dot segments included.</summary>
    public static readonly Gen<Hostile> UrlPath = Gen.Frequency(
        (3, FilePath.Select(p => p with { Value = string.Join('/', p.Value.Split('/').Select(Uri.EscapeDataString)) })),
        (2, Gen.OneOf(
            Hostile.Bad("%2e%2e/%2e%2e/secret.txt", "percent-encoded dot segments"),
            Hostile.Bad("Movies%2F..%2F..%2Fsecret", "an encoded slash and dots"),
            Hostile.Bad("%2E%2E%2F%2E%2E%2Fx", "upper-case encoded dots and slashes"),
            Hostile.Bad("..%5C..%5Csecret.txt", "encoded backslashes"),
            Hostile.Bad("%2Fetc%2Fpasswd", "an encoded absolute path"),
            Hostile.Bad("x%00.txt", "an encoded NUL"),
            Hostile.Bad("x%0A.txt", "an encoded newline"),
            Hostile.Bad("%2e", "an encoded '.'"),
            Hostile.Bad("%2e%2e", "an encoded '..'"),
            Hostile.Ok("%252e%252e/x", "double-encoded dots are characters"),
            Hostile.Ok("%C0%AE%C0%AE/x", "overlong UTF-8 dots"),
            Hostile.Ok("%FF%FE", "invalid UTF-8"),
            Hostile.Ok("secret.txt", "an existing file"),
            Hostile.Ok("Particles/real.star", "an existing file"))));

    /// <summary>Principals for the members route, as URL segments.</summary>
    public static readonly Gen<Hostile> Principal = Gen.Frequency(
        (2, Word.Select(w => Hostile.Ok($"ghost-{w}", "a user nobody is"))),
        (1, Word.Select(w => Hostile.Ok($"group:g-{w}", "a group"))),
        (1, Gen.Int[129, 300].Select(n => Hostile.Bad(new string('u', n), "a user id over 128 characters"))),
        (1, Gen.Const(Hostile.Bad("u" + new string('1', 128), "129 characters"))),
        (1, Gen.Const(Hostile.Ok("u" + new string('1', 127), "128 characters"))),
        (4, Gen.OneOf(
            Hostile.Bad(".", "'.'"),
            Hostile.Bad("..", "'..'"),
            Hostile.Bad("%2e", "an encoded '.'"),
            Hostile.Bad("%2e%2e", "an encoded '..'"),
            Hostile.Bad("%2E%2E", "an encoded '..'"),
            Hostile.Bad(".%2e", "a half-encoded '..'"),
            Hostile.Bad("%2e%2e%2f%2e%2e", "encoded dots and slash"),
            Hostile.Bad("a%2Fb", "an encoded slash"),
            Hostile.Bad("a%5Cb", "an encoded backslash"),
            Hostile.Bad("a%23b", "'#'"),
            Hostile.Bad("a%3Fb", "'?'"),
            Hostile.Bad("a%00b", "NUL"),
            Hostile.Bad("a%0Ab", "a newline"),
            Hostile.Bad("%20", "a space"),
            Hostile.Bad("a%20b", "a space"),
            Hostile.Bad("group:", "an empty group"),
            Hostile.Bad("group:..", "group '..'"),
            Hostile.Bad("group:%2e%2e", "an encoded group '..'"),
            Hostile.Bad("%25", "'%'"),
            Hostile.Ok("%C3%A9lodie", "a unicode letter"),
            Hostile.Ok("%F0%9F%98%80", "an emoji"),
            Hostile.Ok("a.b@c-d_e", "every allowed sign"))));

    /// <summary>Ids where a project id goes: malformed, near misses of real ones, dot segments.</summary>
    public static Gen<Hostile> MalformedProjectId(IReadOnlyList<string> realIds) => Gen.Frequency(
        (2, Gen.String[Gen.Char.AlphaNumeric, 0, 40].Select(s => Hostile.Bad(s.Length == 0 ? "x" : s, "not 32 hex digits"))),
        (2, Gen.OneOf(realIds.ToArray()).SelectMany(id => Gen.OneOf(
            Hostile.Bad(id.ToUpperInvariant(), "an upper-case id"),
            Hostile.Bad(id + "0", "33 digits"),
            Hostile.Bad(id[..31], "31 digits"),
            Hostile.Bad($"{id}%2F..", "an id with an encoded slash and dots"),
            Hostile.Bad($"{id}%00", "an id with NUL"),
            Hostile.Bad($" {id}", "a leading space"),
            Hostile.Bad($"p-{id}", "the container name")))),
        (2, Gen.OneOf(
            Hostile.Bad(".", "'.'"),
            Hostile.Bad("%2e", "an encoded '.'"),
            Hostile.Bad("%2e%2e", "an encoded '..'"),
            Hostile.Bad("projects", "the old container's name"),
            Hostile.Bad("00000000000000000000000000000000", "a well-formed id of no project"),
            Hostile.Bad(new string('f', 129), "129 characters"),
            Hostile.Bad(new string('a', 4000), "a very long id"),
            Hostile.Bad("%C3%A9", "unicode"))));

    /// <summary>Ids where a run id goes.</summary>
    public static Gen<Hostile> RunId(IReadOnlyList<string> realRunIds) => Gen.Frequency(
        (1, Gen.OneOf(realRunIds.ToArray()).Select(r => Hostile.Ok(r, "a real run id"))),
        (2, Gen.OneOf(
            Hostile.Bad("%2e%2e", "an encoded '..'"),
            Hostile.Bad(".", "'.'"),
            Hostile.Bad("r" + new string('1', 200), "a long run id"),
            Hostile.Bad("r20260101000000-00000000", "a well-formed id of no run"),
            Hostile.Bad("r..%2F..", "dots and an encoded slash"),
            Hostile.Bad("R20260101000000-00000000", "an upper-case R"),
            Hostile.Bad("%F0%9F%98%80", "an emoji"))),
        (1, Gen.String[Gen.Char.AlphaNumeric, 1, 30].Select(s => Hostile.Bad("x" + s, "not a run id"))));

    /// <summary>User ids where the development token route takes one (JSON text, unescaped).</summary>
    public static readonly Gen<Hostile> UserId = Gen.Frequency(
        (2, Word.Select(w => Hostile.Ok($"u-{w}", "an ordinary user id"))),
        (1, Gen.Int[129, 400].Select(n => Hostile.Bad(new string('v', n), "over 128 characters"))),
        (3, Gen.OneOf(
            Hostile.Bad(".", "'.'"),
            Hostile.Bad("..", "'..'"),
            Hostile.Bad("", "empty"),
            Hostile.Bad(" ", "white space"),
            Hostile.Bad("a/b", "a slash"),
            Hostile.Bad("a\\b", "a backslash"),
            Hostile.Bad("a#b", "'#'"),
            Hostile.Bad("a?b", "'?'"),
            Hostile.Bad("a%b", "'%'"),
            Hostile.Bad("a\u0001b", "a control character"),
            Hostile.Bad("group:x", "a group where a user goes"),
            Hostile.Ok("u" + new string('2', 127), "128 characters"),
            Hostile.Ok("élodie", "a unicode letter"))));
}
