using Scipion.Core.Compute;
using Scipion.Core.Errors;

namespace Scipion.Compute.AzureBatch;

/// <summary>
/// Which pool a job runs on, how many nodes it takes, and whether that pool can give what it asks. Checked before
/// submission because Batch accepts a task no node can run and leaves it waiting forever.
/// </summary>
internal sealed record PoolChoice(string PoolId, BatchPoolCapabilities? Capabilities, int Nodes)
{
    public bool IsMpi => Nodes > 1;

    public static PoolChoice For(JobResources resources, BatchOptions options)
    {
        string poolId = resources.Gpus > 0 ? options.GpuPoolId
            : resources.MpiRanks > 1 ? options.MpiPoolId
            : options.ResolvedDefaultPoolId;
        options.Pools.TryGetValue(poolId, out var pool);
        int nodes = NodesFor(resources, pool);
        var problems = pool is null ? [] : Problems(resources, poolId, pool, nodes);
        if (resources.Threads < 1 || resources.MpiRanks < 1 || resources.Gpus < 0)
        {
            problems.Add($"A job needs at least 1 thread and 1 MPI rank (asked for {resources.Threads} threads, {resources.MpiRanks} ranks, {resources.Gpus} GPUs).");
        }

        if (problems.Count > 0)
        {
            throw ScipionError.Invalid(new Dictionary<string, string[]> { ["resources"] = [.. problems] });
        }

        return new PoolChoice(poolId, pool, nodes);
    }

    /// <summary>Ranks times threads spread over as few nodes as hold them; one node when the pool is not described.</summary>
    private static int NodesFor(JobResources resources, BatchPoolCapabilities? pool)
    {
        if (resources.MpiRanks <= 1)
        {
            return 1;
        }

        int cores = Math.Max(1, pool?.CoresPerNode ?? resources.MpiRanks * resources.Threads);
        int ranksPerNode = Math.Max(1, cores / Math.Max(1, resources.Threads));
        return Math.Max(2, (resources.MpiRanks + ranksPerNode - 1) / ranksPerNode);
    }

    private static List<string> Problems(JobResources resources, string poolId, BatchPoolCapabilities pool, int nodes)
    {
        var problems = new List<string>();
        string vm = string.IsNullOrEmpty(pool.VmSize) ? poolId : $"{poolId} ({pool.VmSize})";
        if (resources.Gpus > pool.GpusPerNode)
        {
            problems.Add($"The job asks for {resources.Gpus} GPUs but a node of pool {vm} has {pool.GpusPerNode}.");
        }

        if (resources.MpiRanks <= 1 && resources.Threads > pool.CoresPerNode)
        {
            problems.Add($"The job asks for {resources.Threads} threads but a node of pool {vm} has {pool.CoresPerNode} cores.");
        }

        if (resources.Threads > pool.CoresPerNode)
        {
            if (resources.MpiRanks > 1)
            {
                problems.Add($"Each MPI rank asks for {resources.Threads} threads but a node of pool {vm} has {pool.CoresPerNode} cores.");
            }
        }
        else if (nodes > pool.MaxNodes)
        {
            problems.Add($"The job's {resources.MpiRanks} ranks × {resources.Threads} threads need {nodes} nodes but pool {vm} scales to at most {pool.MaxNodes}.");
        }

        if (resources.MemoryMegabytes > pool.MemoryMegabytesPerNode * (long)nodes)
        {
            problems.Add($"The job asks for {resources.MemoryMegabytes} MB of memory but {nodes} node(s) of pool {vm} have {pool.MemoryMegabytesPerNode * (long)nodes} MB.");
        }

        return problems;
    }
}
