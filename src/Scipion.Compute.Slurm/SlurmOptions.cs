namespace Scipion.Compute.Slurm;

/// <summary>How the platform reaches a Slurm cluster through its command-line tools.</summary>
public sealed class SlurmOptions
{
    public const string Section = "Slurm";

    /// <summary>The partition of jobs that name none; empty leaves the choice to Slurm's default partition.</summary>
    public string DefaultPartition { get; set; } = string.Empty;

    /// <summary>
    /// The partitions runs and step placements may name (<c>Compute:Steps:motion-correction = slurm/gpu</c>);
    /// empty allows any, and Slurm itself rejects one it does not have.
    /// </summary>
    public List<string> Partitions { get; set; } = [];

    /// <summary>A slurm.conf other than the default (/etc/slurm/slurm.conf), passed to every tool as SLURM_CONF.</summary>
    public string ConfigFile { get; set; } = string.Empty;

    /// <summary>Where sbatch, squeue, scontrol, sacct and scancel live; empty finds them on PATH.</summary>
    public string BinDirectory { get; set; } = string.Empty;

    /// <summary>
    /// Every Slurm command is given this long: a controller that does not answer must fail a call, never hang it.
    /// </summary>
    public TimeSpan CommandTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Where the backend remembers which folder holds each job id, so status survives a restart.</summary>
    public string StateDirectory { get; set; } = Path.Combine(Path.GetTempPath(), "scipion-slurm-jobs");

    /// <summary>
    /// How a step with several MPI ranks is started inside its allocation; <c>{ranks}</c> becomes the rank count.
    /// Open MPI's mpirun picks up the Slurm allocation itself; <c>srun --mpi=pmix</c> suits sites with PMIx.
    /// </summary>
    public string MpiLauncher { get; set; } = "mpirun --allow-run-as-root -np {ranks}";

    /// <summary>Requeue jobs whose node fails instead of failing them.</summary>
    public bool Requeue { get; set; } = true;

    public int LogTailLines { get; set; } = 40;
}
