using Scipion.Core.Errors;
using Scipion.Core.Files;
using Scipion.Core.Formats;

namespace Scipion.Core.Tools;

/// <summary>
/// The files a STAR table names (particle stacks, movies, micrographs). RELION resolves them against the project
/// folder it runs in, so each must be a project path: one that names anything outside is refused, with its line.
/// </summary>
public static class StarReferences
{
    private static readonly (string Column, string What)[] Columns =
    [
        ("rlnImageName", "image name"),
        ("rlnMicrographMovieName", "movie name"),
        ("rlnMicrographName", "micrograph name"),
    ];

    /// <summary>A named file: its project path (an image name's <c>n@</c> dropped), the name as written, and its line.</summary>
    public sealed record Reference(string Path, string Name, string What, int Line);

    public static IEnumerable<Reference> All(StarFile star) =>
        from block in star.Blocks
        from table in block.Loops
        from column in Columns
        where table.HasColumn(column.Column)
        let index = table.ColumnIndex(column.Column)
        from row in Enumerable.Range(0, table.RowCount)
        let name = table.Rows[row][index]
        select new Reference(PathOf(name), name, column.What, table.LineOf(row));

    /// <summary>The stack of <c>12@Particles/s.mrcs</c>; a name without '@' is the path itself.</summary>
    public static string PathOf(string name)
    {
        var at = name.IndexOf('@', StringComparison.Ordinal);
        return at < 0 ? name : name[(at + 1)..];
    }

    /// <summary>Why a reference cannot be followed, naming the file and line; null when it is a project path.</summary>
    public static string? Problem(string starPath, Reference reference) =>
        ProjectPath.Problem(reference.Path, allowTrailingSlash: false) is { } problem
            ? $"{starPath}:{reference.Line}: {reference.What} '{reference.Name}' is outside the project ({problem.TrimEnd('.')})."
            : null;

    /// <summary>Throws a validation error for the first reference of <paramref name="star"/> that is not a project path.</summary>
    public static void Demand(string starPath, StarFile star, string field)
    {
        foreach (var reference in All(star))
        {
            if (Problem(starPath, reference) is { } problem)
            {
                throw ScipionError.Invalid(field, problem);
            }
        }
    }
}
