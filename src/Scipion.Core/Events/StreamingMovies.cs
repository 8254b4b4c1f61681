using System.Text.Json.Nodes;
using Scipion.Core.Files;
using Scipion.Core.Projects;
using Scipion.Core.Runs;
using Scipion.Core.Tools;

namespace Scipion.Core.Events;

/// <summary>
/// Which project files a streaming run takes: movies (<see cref="MovieFiles.Extensions"/>) matching the run's movie
/// glob (<see cref="MovieFiles.DefaultGlob"/> unless its <c>movies</c> input names one), never its own or another
/// run's outputs. The upload events and the reconciliation pass both ask here, so they agree on what a run takes.
/// </summary>
public static class StreamingMovies
{
    public static string GlobOf(Run run) =>
        run.Inputs["movies"] is JsonValue v && v.TryGetValue<string>(out var glob) ? glob : MovieFiles.DefaultGlob;

    /// <summary>Whether <paramref name="path"/> is a movie this streaming run takes (for one path; see <see cref="Matcher"/> for many).</summary>
    public static bool Takes(Run run, string path) => Matcher(run)(path);

    /// <summary>
    /// Every movie of the project this streaming run takes, in name order: what a reconciliation pass compares with
    /// what the run has taken. Only the folder the glob starts in is listed.
    /// </summary>
    public static async Task<IReadOnlyList<string>> ListAsync(IProjectFolder folder, Run run, CancellationToken cancellationToken)
    {
        var glob = GlobOf(run);
        var wildcard = glob.IndexOfAny(['*', '?']);
        var start = glob[..(glob.LastIndexOf('/', wildcard < 0 ? glob.Length - 1 : wildcard) + 1)];
        var takes = Matcher(run);
        var files = await folder.ListAsync(run.ProjectId, ProjectPath.ParsePrefix(start), cancellationToken);
        return [.. files.Select(f => f.Path).Where(takes).Order(StringComparer.Ordinal)];
    }

    private static Func<string, bool> Matcher(Run run)
    {
        // The one use of the glob, so that how globs are matched can change in one place.
        Func<string, bool> matches = ProjectGlob.Compile(GlobOf(run)).IsMatch;
        return path => MovieFiles.IsMovie(path)
            && !path.StartsWith("Runs/", StringComparison.Ordinal)
            && matches(path);
    }
}
