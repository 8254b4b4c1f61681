namespace Scipion.Core.Compute;

/// <summary>
/// A backend with named queues (Slurm partitions, Batch pools). The compute router asks it about a queue a
/// run or a step placement names, so a typo fails the run's validation instead of its first job.
/// </summary>
public interface IComputeQueues
{
    /// <summary>Why <paramref name="queue"/> cannot be used, or null when it can.</summary>
    string? QueueProblem(string queue);
}
