using System.Globalization;
using System.Text.Json.Nodes;

namespace Scipion.Compute.AzureBatch;

/// <summary>
/// Pools_CreatePool bodies (<c>BatchPoolCreateContent</c> in the spec) for the GPU and MPI pools, matching what
/// infra/modules/batch.bicep deploys through the management plane: same image, mount and autoscale formula.
/// Used by <see cref="AzureBatchBackend.EnsurePoolsAsync"/> for accounts the Bicep did not set up.
/// </summary>
public static class BatchPoolDefinitions
{
    public const string RelionCheck = "command -v relion_refine >/dev/null || { echo 'RELION (relion_refine) is not on this node' >&2; exit 1; }";

    /// <summary>
    /// Nodes follow the tasks pending over the last five minutes, up to the pool's maximum, and fall to zero when
    /// nothing is pending; with less than half of those samples (a new or long-idle pool) the latest sample decides,
    /// so a first task does not wait for five minutes of history. <c>taskcompletion</c> releases a node only after
    /// its running task has finished. infra/modules/batch.bicep uses the same formula (checked by the infra tests).
    /// </summary>
    public static string AutoScaleFormula(int maxNodes, int nodesPerTask) => string.Join('\n',
        "recent = $PendingTasks.GetSamplePercent(TimeInterval_Minute * 5) < 50 ? max(0, $PendingTasks.GetSample(1)) : max($PendingTasks.GetSample(TimeInterval_Minute * 5));",
        $"$TargetDedicatedNodes = min({I(maxNodes)}, recent * {I(nodesPerTask)});",
        "$TargetLowPriorityNodes = 0;",
        "$NodeDeallocationOption = taskcompletion;");

    public static JsonObject Gpu(BatchOptions options) => Pool(options, options.GpuPoolId, "GPU (single node)", interNode: false);

    /// <summary>Multi-instance (MPI) tasks need the nodes to reach each other directly: inter-node communication on.</summary>
    public static JsonObject Mpi(BatchOptions options) => Pool(options, options.MpiPoolId, "MPI (multi-node)", interNode: true);

    public static IReadOnlyList<JsonObject> All(BatchOptions options) => [Gpu(options), Mpi(options)];

    private static JsonObject Pool(BatchOptions options, string poolId, string displayName, bool interNode)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!options.Pools.TryGetValue(poolId, out var capabilities) || string.IsNullOrWhiteSpace(capabilities.VmSize))
        {
            throw new InvalidOperationException($"Batch:Pools:{poolId}:VmSize is needed to create pool {poolId}.");
        }

        var machine = new JsonObject
        {
            ["imageReference"] = new JsonObject
            {
                ["publisher"] = options.Image.Publisher,
                ["offer"] = options.Image.Offer,
                ["sku"] = options.Image.Sku,
                ["version"] = options.Image.Version,
            },
            ["nodeAgentSKUId"] = options.Image.NodeAgentSkuId,
        };
        if (!string.IsNullOrWhiteSpace(options.ContainerImage))
        {
            // Pulled when a node starts, so the first task does not wait for a multi-gigabyte RELION image.
            machine["containerConfiguration"] = new JsonObject
            {
                ["type"] = "dockerCompatible",
                ["containerImageNames"] = new JsonArray(options.ContainerImage),
            };
        }

        var pool = new JsonObject
        {
            ["id"] = poolId,
            ["displayName"] = displayName,
            ["vmSize"] = capabilities.VmSize,
            ["virtualMachineConfiguration"] = machine,
        };
        if (!string.IsNullOrWhiteSpace(options.SubnetId))
        {
            pool["networkConfiguration"] = new JsonObject { ["subnetId"] = options.SubnetId };
        }

        pool["targetNodeCommunicationMode"] = "simplified";
        pool["enableInterNodeCommunication"] = interNode;
        pool["taskSlotsPerNode"] = capabilities.TaskSlotsPerNode;
        pool["enableAutoScale"] = true;
        pool["autoScaleFormula"] = AutoScaleFormula(capabilities.MaxNodes, capabilities.AutoScaleNodesPerTask);
        pool["autoScaleEvaluationInterval"] = "PT5M";
        pool["mountConfiguration"] = new JsonArray(Mount(options));
        pool["startTask"] = StartTask(options);
        return pool;
    }

    private static JsonObject Mount(BatchOptions options)
    {
        var mount = options.Mount;
        if (string.IsNullOrWhiteSpace(mount.StorageAccountName))
        {
            throw new InvalidOperationException("Batch:Mount:StorageAccountName is needed to mount the scratch share on new pools.");
        }

        if (mount.Kind == BatchMountKind.BlobFuse)
        {
            return new JsonObject
            {
                ["azureBlobFileSystemConfiguration"] = new JsonObject
                {
                    ["accountName"] = mount.StorageAccountName,
                    ["containerName"] = mount.ShareName,
                    ["relativeMountPath"] = options.MountName,
                    ["identityReference"] = new JsonObject { ["resourceId"] = mount.IdentityResourceId },
                },
            };
        }

        // Azure Files NFS exports a share as <account>.file.<suffix>:/<account>/<share>.
        return new JsonObject
        {
            ["nfsMountConfiguration"] = new JsonObject
            {
                ["source"] = $"{mount.StorageAccountName}.file.{mount.StorageSuffix}:/{mount.StorageAccountName}/{mount.ShareName}",
                ["relativeMountPath"] = options.MountName,
                ["mountOptions"] = mount.NfsMountOptions,
            },
        };
    }

    /// <summary>A node without RELION fails its start task and takes no work, instead of failing every job sent to it.</summary>
    private static JsonObject StartTask(BatchOptions options)
    {
        var start = new JsonObject
        {
            ["commandLine"] = Shell.BashCommandLine([RelionCheck]),
            ["userIdentity"] = new JsonObject
            {
                ["autoUser"] = new JsonObject { ["scope"] = "pool", ["elevationLevel"] = "nonadmin" },
            },
            ["maxTaskRetryCount"] = 1,
            ["waitForSuccess"] = true,
        };
        if (!string.IsNullOrWhiteSpace(options.ContainerImage))
        {
            start["containerSettings"] = new JsonObject { ["imageName"] = options.ContainerImage, ["containerRunOptions"] = options.ContainerRunOptions };
        }

        return start;
    }

    private static string I(int value) => value.ToString(CultureInfo.InvariantCulture);
}
