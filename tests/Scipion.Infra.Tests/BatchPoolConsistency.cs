using System.Globalization;
using Scipion.Compute.AzureBatch;

namespace Scipion.Infra.Tests;

/// <summary>
/// Compares the Batch pools the Bicep deploys with the <c>Batch__*</c> app settings the backend reads about them
/// (pool ids, queues, what a node offers, the mount's name) and with the autoscale formula
/// <see cref="BatchPoolDefinitions"/> builds, describing each mismatch in a sentence naming the setting.
/// </summary>
public static class BatchPoolConsistency
{
    public static IReadOnlyList<string> Problems(ArmTemplate template)
    {
        var settings = template.FunctionAppSettings()
            .Where(s => s.Name.StartsWith("Batch__", StringComparison.Ordinal))
            .ToDictionary(s => s.Name, s => s.Value, StringComparer.Ordinal);
        var pools = template.OfType("Microsoft.Batch/batchAccounts/pools").ToDictionary(p => p.LeafName ?? "?", StringComparer.Ordinal);
        var problems = new List<string>();

        foreach (var role in new[] { "Batch__GpuPoolId", "Batch__MpiPoolId" })
        {
            if (settings.GetValueOrDefault(role) is not { } id || !pools.ContainsKey(id))
            {
                problems.Add($"App setting {role} = '{settings.GetValueOrDefault(role)}' names no pool the Bicep deploys ({string.Join(", ", pools.Keys)}).");
            }
        }

        foreach (var (name, value) in settings.Where(s => s.Key.StartsWith("Batch__Queues__", StringComparison.Ordinal)))
        {
            if (value is null || !pools.ContainsKey(value))
            {
                problems.Add($"App setting {name} = '{value}' names no pool the Bicep deploys.");
            }
        }

        foreach (var (id, pool) in pools)
        {
            problems.AddRange(PoolProblems(id, pool, settings));
        }

        if (settings.GetValueOrDefault("Batch__MpiPoolId") is { } mpi && pools.TryGetValue(mpi, out var mpiPool)
            && mpiPool.Resolve(mpiPool.Body["properties"]?["interNodeCommunication"]) != "Enabled")
        {
            problems.Add($"Pool {mpi} runs multi-instance (MPI) tasks but its interNodeCommunication is not Enabled.");
        }

        return problems;
    }

    private static IEnumerable<string> PoolProblems(string id, ArmResource pool, Dictionary<string, string?> settings)
    {
        var properties = pool.Body["properties"]!;
        string prefix = $"Batch__Pools__{id}__";
        var missing = Capabilities.Where(p => !settings.ContainsKey(prefix + p)).ToList();
        if (missing.Count > 0)
        {
            yield return $"Pool {id} is deployed but the app settings lack {string.Join(", ", missing.Select(p => prefix + p))}, so jobs are not checked against it.";
            yield break;
        }

        foreach (var (property, deployed) in new[]
        {
            ("VmSize", pool.Resolve(properties["vmSize"])),
            ("TaskSlotsPerNode", pool.Resolve(properties["taskSlotsPerNode"])),
        })
        {
            if (settings[prefix + property] != deployed)
            {
                yield return $"App setting {prefix}{property} = '{settings[prefix + property]}' but pool {id} is deployed with {deployed}.";
            }
        }

        string? formula = pool.Resolve(properties["scaleSettings"]?["autoScale"]?["formula"]);
        if (int.TryParse(settings[prefix + "MaxNodes"], CultureInfo.InvariantCulture, out int maxNodes)
            && int.TryParse(settings[prefix + "AutoScaleNodesPerTask"], CultureInfo.InvariantCulture, out int perTask)
            && formula?.Trim() != BatchPoolDefinitions.AutoScaleFormula(maxNodes, perTask))
        {
            yield return $"Pool {id}'s autoscale formula is not BatchPoolDefinitions.AutoScaleFormula({maxNodes}, {perTask}) from its MaxNodes and AutoScaleNodesPerTask settings:\n{formula}";
        }

        var mounts = properties["mountConfiguration"]?.AsArray().Select(m => pool.Resolve(m?["nfsMountConfiguration"]?["relativeMountPath"])) ?? [];
        if (!mounts.Contains(settings.GetValueOrDefault("Batch__MountName") ?? "scratch"))
        {
            yield return $"Pool {id} mounts no NFS share at the Batch__MountName the app builds paths with ('{settings.GetValueOrDefault("Batch__MountName")}').";
        }
    }

    /// <summary>The properties of <see cref="BatchPoolCapabilities"/>: what a pool's app settings must say.</summary>
    private static IEnumerable<string> Capabilities =>
        typeof(BatchPoolCapabilities).GetProperties().Select(p => p.Name);
}
