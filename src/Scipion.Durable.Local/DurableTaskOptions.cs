using System.ComponentModel.DataAnnotations;

namespace Scipion.Durable.Local;

/// <summary>
/// Settings of the local host's durable task runtime, bound from the "DurableTask" section. The storage connection
/// string comes from the top-level "AzureWebJobsStorage" key, the name the Functions host uses, so one setting serves both.
/// </summary>
public sealed class DurableTaskOptions
{
    public const string Section = "DurableTask";

    /// <summary>The configuration key of the storage connection string (Azurite locally).</summary>
    public const string StorageConnectionStringKey = "AzureWebJobsStorage";

    /// <summary>Filled from <see cref="StorageConnectionStringKey"/>, not from the section.</summary>
    [Required(ErrorMessage = "The storage connection string 'AzureWebJobsStorage' is not configured.")]
    public string? StorageConnectionString { get; set; }

    /// <summary>Task hub name: Azure Storage derives queue, table and container names from it, hence the strict pattern.</summary>
    [Required]
    [RegularExpression("^[A-Za-z][A-Za-z0-9]{2,44}$", ErrorMessage = "DurableTask:HubName must be 3 to 45 letters or digits, starting with a letter.")]
    public string HubName { get; set; } = "scipion";

    /// <summary>
    /// Fixed per host so that a restarted host owns its partitions again at once instead of waiting for the dead
    /// worker's leases to expire.
    /// </summary>
    [Required]
    public string WorkerId { get; set; } = Environment.MachineName;

    /// <summary>Loopback port of the in-process gRPC sidecar; 0 picks a free one at start.</summary>
    [Range(0, 65535)]
    public int SidecarPort { get; set; }

    /// <summary>One local worker: one control queue keeps Azurite polling low. An existing task hub keeps its own count.</summary>
    [Range(1, 16)]
    public int PartitionCount { get; set; } = 1;

    /// <summary>
    /// How long a dequeued activity message stays hidden. After a kill the interrupted activity is re-run once this
    /// elapses (the Azure Storage default, 5 minutes, is far too long for a local host).
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan WorkItemVisibilityTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>The same for orchestration (control queue) messages.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan ControlQueueVisibilityTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Partition lease length: bounds how long another WorkerId waits for a dead worker's partitions.</summary>
    [Range(typeof(TimeSpan), "00:00:02", "00:10:00")]
    public TimeSpan LeaseInterval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Idle queue polling backs off up to this; the default 30 s makes a local host feel stuck.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:01:00")]
    public TimeSpan MaxQueuePollingInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Graceful stop otherwise waits on the worker's open work-item stream for the default 30 s.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:05:00")]
    public TimeSpan ShutdownTimeout { get; set; } = TimeSpan.FromSeconds(5);
}
