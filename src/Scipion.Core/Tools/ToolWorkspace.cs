namespace Scipion.Core.Tools;

/// <summary>
/// The local folder where a run's inputs were staged with their project paths, and where its jobs
/// write under <c>Runs/{runId}/</c>. <see cref="Batch"/> numbers the repeated plans of a streaming run.
/// </summary>
public sealed record ToolWorkspace(string Directory, string RunId, int Batch = 0)
{
    public string OutputRoot => $"Runs/{RunId}";

    /// <summary>A path under this run's output folder, relative to <see cref="Directory"/>.</summary>
    public string Output(string relative) => $"{OutputRoot}/{relative}";

    public string FullPath(string relative) => Path.Combine(Directory, relative);

    public bool Exists(string relative) => File.Exists(FullPath(relative));

    /// <summary>Project-relative paths of staged files matching a glob (<c>*</c> within a folder, <c>**</c> across folders).</summary>
    public IReadOnlyList<string> Match(string glob) => ProjectGlob.Match(Directory, glob);
}
