namespace Scipion.Compute.Slurm;

/// <summary>Slurm did not answer (controller down, tools missing, a command past its timeout): retry later, the job is not lost.</summary>
public sealed class SlurmUnreachableException : Exception
{
    public SlurmUnreachableException(string message, Exception? inner = null)
        : base(message, inner)
    {
    }
}
