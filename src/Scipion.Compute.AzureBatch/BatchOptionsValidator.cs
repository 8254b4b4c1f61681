using Microsoft.Extensions.Options;

namespace Scipion.Compute.AzureBatch;

/// <summary>Checks what data annotations cannot, so a wrong endpoint or pool table fails at start, not at the first run.</summary>
public sealed class BatchOptionsValidator : IValidateOptions<BatchOptions>
{
    public ValidateOptionsResult Validate(string? name, BatchOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var problems = new List<string>();
        if (!Uri.TryCreate(options.AccountEndpoint, UriKind.Absolute, out var endpoint) || endpoint.Scheme != Uri.UriSchemeHttps)
        {
            // Bearer tokens are only ever sent over TLS; Azure.Core refuses otherwise, so fail early and clearly.
            problems.Add($"Batch:AccountEndpoint must be an https URL such as https://account.region.batch.azure.com (got '{options.AccountEndpoint}').");
        }

        foreach (var (poolId, pool) in options.Pools)
        {
            if (pool.CoresPerNode < 1 || pool.MaxNodes < 1 || pool.TaskSlotsPerNode < 1 || pool.GpusPerNode < 0 || pool.MemoryMegabytesPerNode < 1)
            {
                problems.Add($"Batch:Pools:{poolId} needs CoresPerNode, MaxNodes, TaskSlotsPerNode and MemoryMegabytesPerNode of at least 1 and GpusPerNode of at least 0.");
            }
        }

        if (options.Pools.TryGetValue(options.GpuPoolId, out var gpu) && gpu.GpusPerNode == 0)
        {
            problems.Add($"Batch:Pools:{options.GpuPoolId} is the GPU pool but declares GpusPerNode 0.");
        }

        var knownPools = new[] { options.GpuPoolId, options.MpiPoolId, options.ResolvedDefaultPoolId }.Concat(options.Pools.Keys).ToHashSet(StringComparer.Ordinal);
        foreach (var (queue, poolId) in options.Queues)
        {
            if (!knownPools.Contains(poolId))
            {
                problems.Add($"Batch:Queues:{queue} names pool '{poolId}', which is neither the GPU, MPI or default pool nor described under Batch:Pools.");
            }
        }

        if (options.Mount.Kind == BatchMountKind.BlobFuse && string.IsNullOrWhiteSpace(options.Mount.IdentityResourceId))
        {
            problems.Add("Batch:Mount:IdentityResourceId is required for a BlobFuse mount: nodes mount with a managed identity, never account keys.");
        }

        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}
