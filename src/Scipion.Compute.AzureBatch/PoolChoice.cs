using Scipion.Core.Compute;
using Scipion.Core.Errors;

namespace Scipion.Compute.AzureBatch;

/// <summary>
/// Which pool a job runs on, on how many nodes, and whether that pool can give what it asks. Checked before
/// submission because Batch accepts a task no node can run and leaves it waiting forever.
/// </summary>
internal sealed record PoolChoice(string PoolId, BatchPoolCapabilities? Capabilities, int Nodes, int Ranks)
{
    /// <summary>The job's program runs under mpirun (more than one rank).</summary>
    public bool UsesMpi => Ranks > 1;

    /// <summary>The ranks span several nodes: a multi-instance task on a pool with inter-node communication.</summary>
    public bool IsMultiInstance => Nodes > 1;

    /// <summary>The queue's pool when <paramref name="queue"/> is set, else the pool the resources call for.</summary>
    public static PoolChoice For(JobResources resources, BatchOptions options, string? queue = null)
    {
        var problems = new List<string>();
        if (resources.Threads < 1 || resources.MpiRanks < 1 || resources.Gpus < 0)
        {
            problems.Add($"A job needs at least 1 thread and 1 MPI rank (asked for {resources.Threads} threads, {resources.MpiRanks} ranks, {resources.Gpus} GPUs).");
            throw Invalid(problems);
        }

        string poolId = PoolFor(resources, options, queue);
        options.Pools.TryGetValue(poolId, out var pool);

        // Only the MPI pool lets nodes talk to each other, so anywhere else all ranks share one node.
        bool spansNodes = poolId == options.MpiPoolId && poolId != options.GpuPoolId;
        int nodes = spansNodes ? NodesFor(resources, pool) : 1;
        if (pool is not null)
        {
            problems.AddRange(Problems(resources, poolId, pool, nodes, spansNodes));
        }

        if (problems.Count > 0)
        {
            throw Invalid(problems);
        }

        return new PoolChoice(poolId, pool, nodes, resources.MpiRanks);
    }

    private static string PoolFor(JobResources resources, BatchOptions options, string? queue)
    {
        if (string.IsNullOrEmpty(queue))
        {
            return resources.Gpus > 0 ? options.GpuPoolId
                : resources.MpiRanks > 1 ? options.MpiPoolId
                : options.ResolvedDefaultPoolId;
        }

        return options.ResolvedQueues.TryGetValue(queue, out var poolId)
            ? poolId
            : throw ScipionError.Invalid("queue", QueueProblem(queue, options)!);
    }

    /// <summary>Why a queue cannot be used, or null when it names a pool.</summary>
    public static string? QueueProblem(string queue, BatchOptions options) =>
        options.ResolvedQueues.ContainsKey(queue)
            ? null
            : $"Azure Batch has no queue '{queue}'; its queues are {string.Join(", ", options.ResolvedQueues.Keys.Order(StringComparer.Ordinal))}.";

    /// <summary>Ranks × threads over as few nodes as hold them; one node when the pool is not described.</summary>
    private static int NodesFor(JobResources resources, BatchPoolCapabilities? pool)
    {
        if (resources.MpiRanks <= 1 || pool is null)
        {
            return 1;
        }

        int ranksPerNode = Math.Max(1, pool.CoresPerNode / resources.Threads);
        return (resources.MpiRanks + ranksPerNode - 1) / ranksPerNode;
    }

    private static IEnumerable<string> Problems(JobResources resources, string poolId, BatchPoolCapabilities pool, int nodes, bool spansNodes)
    {
        string vm = string.IsNullOrEmpty(pool.VmSize) ? poolId : $"{poolId} ({pool.VmSize})";
        if (resources.Gpus > pool.GpusPerNode)
        {
            yield return $"The job asks for {resources.Gpus} GPUs but a node of pool {vm} has {pool.GpusPerNode}.";
        }

        long cores = (long)resources.Threads * (spansNodes ? 1 : resources.MpiRanks);
        if (cores > pool.CoresPerNode)
        {
            yield return spansNodes
                ? $"Each MPI rank asks for {resources.Threads} threads but a node of pool {vm} has {pool.CoresPerNode} cores."
                : $"The job asks for {resources.MpiRanks} rank(s) × {resources.Threads} threads on one node but a node of pool {vm} has {pool.CoresPerNode} cores.";
        }
        else if (nodes > pool.MaxNodes)
        {
            yield return $"The job's {resources.MpiRanks} ranks × {resources.Threads} threads need {nodes} nodes but pool {vm} scales to at most {pool.MaxNodes}.";
        }

        if (resources.MemoryMegabytes > pool.MemoryMegabytesPerNode * (long)nodes)
        {
            yield return $"The job asks for {resources.MemoryMegabytes} MB of memory but {nodes} node(s) of pool {vm} have {pool.MemoryMegabytesPerNode * (long)nodes} MB.";
        }
    }

    private static ScipionError Invalid(List<string> problems) =>
        ScipionError.Invalid(new Dictionary<string, string[]> { ["resources"] = [.. problems] });
}
