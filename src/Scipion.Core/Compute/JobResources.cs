namespace Scipion.Core.Compute;

/// <summary>What a job asks of the machine; backends map it to their own terms (threads, ranks, a Slurm request).</summary>
public sealed record JobResources
{
    public int Threads { get; init; } = 1;

    public int MpiRanks { get; init; } = 1;

    public int Gpus { get; init; }

    public int MemoryMegabytes { get; init; } = 2048;

    public TimeSpan WallTime { get; init; } = TimeSpan.FromHours(1);
}
