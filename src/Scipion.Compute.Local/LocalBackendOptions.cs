namespace Scipion.Compute.Local;

public sealed record LocalBackendOptions
{
    /// <summary>Where the backend remembers which folder holds each job id, so status survives a restart.</summary>
    public string StateDirectory { get; init; } = Path.Combine(Path.GetTempPath(), "scipion-local-jobs");

    public int LogTailLines { get; init; } = 40;

    /// <summary>The MPI launcher; jobs asking for more than one rank run under it.</summary>
    public string MpiRun { get; init; } = "mpirun";
}
