using System.ComponentModel.DataAnnotations;

namespace Scipion.LocalHost;

/// <summary>What the local host does that Azure's platform does in the cloud: queue triggers and blob events.</summary>
public sealed class LocalHostOptions
{
    public const string Section = "LocalHost";

    /// <summary>Emit Event Grid BlobCreated messages for blobs created in Azurite (Event Grid does this in Azure).</summary>
    public bool EmitBlobEvents { get; set; } = true;

    [Range(typeof(TimeSpan), "00:00:00.050", "00:01:00")]
    public TimeSpan BlobEventPollInterval { get; set; } = TimeSpan.FromSeconds(1);

    [Range(typeof(TimeSpan), "00:00:00.050", "00:01:00")]
    public TimeSpan QueuePollInterval { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>As the Functions host's queues.maxDequeueCount: after this many failures a message goes to the poison queue.</summary>
    [Range(1, 100)]
    public int MaxDequeueCount { get; set; } = 5;

    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan VisibilityTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Origins the blob service's CORS rule allows (comma-separated); the host's own address(es) when unset.</summary>
    public string? BlobCorsOrigins { get; set; }

    /// <summary>Set the blob service's CORS rule at start, so the web page can reach Azurite (Bicep does this in Azure).</summary>
    public bool ConfigureBlobCors { get; set; } = true;
}
