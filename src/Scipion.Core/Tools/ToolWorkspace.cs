using Scipion.Core.Errors;
using Scipion.Core.Files;

namespace Scipion.Core.Tools;

/// <summary>
/// The local folder where a run's inputs were staged with their project paths, and where its jobs
/// write under <c>Runs/{runId}/</c>. <see cref="Batch"/> numbers the repeated plans of a streaming run, and
/// <see cref="Arrival"/> is the one new file such a batch is for (null: every staged file the inputs match).
/// </summary>
public sealed record ToolWorkspace(string Directory, string RunId, int Batch = 0, string? Arrival = null)
{
    /// <summary>
    /// A RELION job folder of this batch: job001 for the run's first plan, then one per streaming batch
    /// (<c>MotionCorr/job002</c> for batch 1), so batches running side by side never share a folder.
    /// </summary>
    public string JobFolder(string jobType) => Output($"{jobType}/job{Batch + 1:D3}");

    public string OutputRoot => $"Runs/{RunId}";

    /// <summary>A path under this run's output folder, relative to <see cref="Directory"/>.</summary>
    public string Output(string relative) => $"{OutputRoot}/{relative}";

    /// <summary>
    /// Where a project path is staged. Anything else (absolute, '..', a server path read out of a file) is refused
    /// here too, whoever checked it before, so no planner can open a file outside the workspace.
    /// </summary>
    public string FullPath(string relative)
    {
        if (ProjectPath.Problem(relative, allowTrailingSlash: false) is { } problem)
        {
            throw ScipionError.Invalid("path", $"'{relative}' is outside the project ({problem.TrimEnd('.')}).");
        }

        var full = Path.Combine(Directory, relative);
        var root = Path.TrimEndingDirectorySeparator(Path.GetFullPath(Directory)) + Path.DirectorySeparatorChar;
        if (!Path.GetFullPath(full).StartsWith(root, StringComparison.Ordinal))
        {
            throw ScipionError.Invalid("path", $"'{relative}' is outside the project.");
        }

        return full;
    }

    public bool Exists(string relative) => File.Exists(FullPath(relative));

    /// <summary>Project-relative paths of staged files matching a glob (<c>*</c> within a folder, <c>**</c> across folders).</summary>
    public IReadOnlyList<string> Match(string glob) => ProjectGlob.Match(Directory, glob);
}
