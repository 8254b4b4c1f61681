namespace Scipion.Core.Compute;

/// <summary>
/// A job as a backend runs it: commands run in order in <see cref="WorkingDirectory"/>, with their
/// logs and state in <see cref="JobFolder"/> (relative to the working directory, RELION-style
/// like <c>Runs/r1/MotionCorr/job001</c>). Inputs and outputs are relative paths; the folders of the
/// outputs are created before the first command, since RELION will not create them itself.
/// </summary>
public sealed record JobDescription
{
    public required JobId Id { get; init; }

    public required string WorkingDirectory { get; init; }

    public required string JobFolder { get; init; }

    public required IReadOnlyList<CommandStep> Commands { get; init; }

    public JobResources Resources { get; init; } = new();

    public IReadOnlyList<string> Inputs { get; init; } = [];

    public IReadOnlyList<string> Outputs { get; init; } = [];

    /// <summary>A named queue of the backend (a Slurm partition, a Batch pool); null means the backend's default.</summary>
    public string? Queue { get; init; }

    /// <summary>
    /// The project whose storage holds the job's files (set by the workflow): backends that move files themselves
    /// (<see cref="JobFiles.InProjectStorage"/>) read and write there; the others ignore it.
    /// </summary>
    public string? ProjectId { get; init; }

    public string JobFolderPath => Path.Combine(WorkingDirectory, JobFolder);

    /// <summary>
    /// The narrowest folder (relative, '/'-separated) holding the job folder and every declared output: what a
    /// backend that moves files itself brings back when the job ends. RELION writes into its job folder, so this is
    /// usually <see cref="JobFolder"/>; empty when an output lies at the top of the working directory.
    /// </summary>
    public string OutputFolder => Outputs.Select(FolderOf).Aggregate(JobFolder.Trim('/'), CommonFolder);

    // The folder part of an output, up to the first segment with a glob (outputs such as run_it*_class001.mrc).
    private static string FolderOf(string output)
    {
        var segments = output.Split('/');
        return string.Join('/', segments[..^1].TakeWhile(s => !s.Contains('*', StringComparison.Ordinal)));
    }

    private static string CommonFolder(string a, string b)
    {
        var left = a.Split('/', StringSplitOptions.RemoveEmptyEntries);
        var right = b.Split('/', StringSplitOptions.RemoveEmptyEntries);
        return string.Join('/', left.Zip(right).TakeWhile(p => p.First == p.Second).Select(p => p.First));
    }
}
