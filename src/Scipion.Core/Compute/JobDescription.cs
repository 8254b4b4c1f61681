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

    public string JobFolderPath => Path.Combine(WorkingDirectory, JobFolder);
}
