namespace Scipion.Compute.AzureBatch;

/// <summary>
/// What one node of a pool offers. The backend checks a job's <see cref="Scipion.Core.Compute.JobResources"/>
/// against it before submitting, because Batch itself would accept the task and leave it queued forever.
/// </summary>
public sealed class BatchPoolCapabilities
{
    /// <summary>The VM size the pool is created with (e.g. <c>Standard_NC24ads_A100_v4</c>).</summary>
    public string VmSize { get; set; } = "";

    public int CoresPerNode { get; set; } = 1;

    public int GpusPerNode { get; set; }

    public int MemoryMegabytesPerNode { get; set; } = 4096;

    /// <summary>The most nodes the pool's autoscale formula may reach; bounds the nodes one MPI task can ask for.</summary>
    public int MaxNodes { get; set; } = 1;

    /// <summary>Nodes the autoscale formula adds per pending task (the Bicep's <c>mpiNodesPerTask</c> for the MPI pool).</summary>
    public int AutoScaleNodesPerTask { get; set; } = 1;

    /// <summary>Tasks that can share a node; the deployed pools use 1 so a job owns its node.</summary>
    public int TaskSlotsPerNode { get; set; } = 1;
}
