using System.ComponentModel.DataAnnotations;

namespace Scipion.Compute.AzureBatch;

/// <summary>
/// Settings of the Azure Batch backend (section <c>Batch</c>, app settings <c>Batch__*</c>). Only the three
/// settings the Bicep sets are required; everything else has a default that matches infra/modules/batch.bicep.
/// </summary>
public sealed class BatchOptions
{
    public const string Section = "Batch";

    /// <summary>The account's data-plane URL, <c>https://{account}.{region}.batch.azure.com</c>.</summary>
    [Required]
    public string AccountEndpoint { get; set; } = "";

    /// <summary>Pool for jobs that ask for GPUs.</summary>
    [Required]
    public string GpuPoolId { get; set; } = "";

    /// <summary>Pool (inter-node communication enabled) for jobs that ask for more than one MPI rank.</summary>
    [Required]
    public string MpiPoolId { get; set; } = "";

    /// <summary>Pool for everything else; the MPI pool when unset, since the deployment has no third pool.</summary>
    public string? DefaultPoolId { get; set; }

    /// <summary>
    /// Queue name → pool id: the queues a run or a step placement may name (<c>azure-batch/gpu</c>, app settings
    /// <c>Batch__Queues__{queue}</c>). A job with a queue runs on that queue's pool instead of the one its resources
    /// would pick. Empty: each of <see cref="GpuPoolId"/>, <see cref="MpiPoolId"/> and <see cref="DefaultPoolId"/> is a
    /// queue named after itself.
    /// </summary>
    public Dictionary<string, string> Queues { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Pool id → what its nodes offer. A pool missing here is not checked before submission.</summary>
    public Dictionary<string, BatchPoolCapabilities> Pools { get; set; } = new(StringComparer.Ordinal);

    /// <summary>
    /// The local folder under which job working directories live: the run workspace root (<c>Workflows:WorkRoot</c>).
    /// A working directory <c>{WorkRoot}/{projectId}/{runId}</c> runs on the nodes in
    /// <c>$AZ_BATCH_NODE_MOUNTS_DIR/{MountName}/{projectId}/{runId}</c>, the run's own folder on the pools' scratch share.
    /// </summary>
    public string WorkRoot { get; set; } = Path.Combine(Path.GetTempPath(), "scipion-work");

    /// <summary>
    /// The pools' scratch mount's <c>relativeMountPath</c>: nodes see it at <c>$AZ_BATCH_NODE_MOUNTS_DIR/{MountName}</c>.
    /// Scratch only: project files are staged in and out with SAS URLs, never mounted.
    /// </summary>
    [RegularExpression("^[A-Za-z0-9_.-]+$")]
    public string MountName { get; set; } = "scratch";

    /// <summary>
    /// How much longer than a task's wall time its staging URLs live: the task may wait for a node first, and its
    /// outputs are uploaded when it ends. At most 7 days in all.
    /// </summary>
    public TimeSpan StagingUrlMargin { get; set; } = TimeSpan.FromHours(12);

    public BatchMountOptions Mount { get; set; } = new();

    /// <summary>Container image with RELION (e.g. <c>myregistry.azurecr.io/relion:5.0</c>); unset runs RELION installed on the node image.</summary>
    public string? ContainerImage { get; set; }

    /// <summary>Extra <c>docker run</c> options for task containers.</summary>
    public string ContainerRunOptions { get; set; } = "--rm";

    /// <summary>How long Batch keeps a finished task's node folder (stdout.txt/stderr.txt).</summary>
    public TimeSpan TaskRetention { get; set; } = TimeSpan.FromDays(7);

    /// <summary>Batch retries of a task whose command exits non-zero. RELION failures are rarely transient.</summary>
    [Range(-1, 100)]
    public int MaxTaskRetryCount { get; set; }

    /// <summary>Retries of a request the service throttled (429) or could not serve (503).</summary>
    [Range(0, 20)]
    public int MaxRequestRetries { get; set; } = 5;

    /// <summary>Bytes read from the end of stdout.txt and of stderr.txt for a status's log tail.</summary>
    [Range(256, 1024 * 1024)]
    public int LogTailBytes { get; set; } = 16 * 1024;

    [Range(1, 10_000)]
    public int LogTailLines { get; set; } = 40;

    /// <summary>The MPI launcher on the nodes.</summary>
    public string MpiRun { get; set; } = "mpirun";

    /// <summary>RELION programs that take <c>--gpu</c>; GPU jobs get <c>--gpu ""</c> (all visible GPUs) when they do not pass it.</summary>
    public List<string> GpuPrograms { get; set; } =
        ["relion_refine", "relion_refine_mpi", "relion_autopick", "relion_autopick_mpi", "relion_run_motioncorr", "relion_run_motioncorr_mpi"];

    /// <summary>Image of pools created by <see cref="BatchPoolDefinitions"/> (the Bicep's Ubuntu HPC image).</summary>
    public BatchImageOptions Image { get; set; } = new();

    /// <summary>Subnet of pools created by <see cref="BatchPoolDefinitions"/>; unset leaves them outside a VNet.</summary>
    public string? SubnetId { get; set; }

    public string ResolvedDefaultPoolId => string.IsNullOrWhiteSpace(DefaultPoolId) ? MpiPoolId : DefaultPoolId;

    /// <summary><see cref="Queues"/>, or each configured pool as a queue of its own name when none are set.</summary>
    public IReadOnlyDictionary<string, string> ResolvedQueues =>
        Queues.Count > 0
            ? Queues
            : new[] { GpuPoolId, MpiPoolId, ResolvedDefaultPoolId }
                .Where(id => id.Length > 0)
                .Distinct(StringComparer.Ordinal)
                .ToDictionary(id => id, id => id, StringComparer.OrdinalIgnoreCase);
}

public sealed class BatchImageOptions
{
    public string Publisher { get; set; } = "microsoft-dsvm";

    public string Offer { get; set; } = "ubuntu-hpc";

    public string Sku { get; set; } = "2204";

    public string Version { get; set; } = "latest";

    public string NodeAgentSkuId { get; set; } = "batch.node.ubuntu 22.04";
}
