namespace Scipion.SiteAgent;

/// <summary>
/// Where a site agent takes jobs from and reports to. The agent only calls out (HTTPS to Azure Storage, AMQP to
/// Service Bus), so the site opens no inbound port; SAS URLs for the two storage queues, or an Entra ID identity
/// for Service Bus, are all the credentials it needs.
/// </summary>
public sealed class SiteAgentOptions
{
    public const string Section = "SiteAgent";

    /// <summary>Storage queues (Azurite, small sites) or Service Bus with a session per project (production).</summary>
    public SiteTransportKind Transport { get; set; } = SiteTransportKind.StorageQueue;

    /// <summary>The Service Bus transport's namespace and queues (section <c>SiteAgent:ServiceBus</c>).</summary>
    public SiteServiceBusOptions ServiceBus { get; set; } = new();

    /// <summary>This site's name in reports.</summary>
    public string Site { get; set; } = Environment.MachineName;

    /// <summary>The site-jobs queue as a SAS URL (read, process, update). Either this or <see cref="ConnectionString"/>.</summary>
    public string JobsQueueUrl { get; set; } = string.Empty;

    /// <summary>The site-reports queue as a SAS URL (add).</summary>
    public string ReportsQueueUrl { get; set; } = string.Empty;

    /// <summary>The site-cancels queue as a SAS URL (read, process): the platform's requests to stop a job.</summary>
    public string CancelsQueueUrl { get; set; } = string.Empty;

    /// <summary>For development against Azurite: the storage account, with the queues by name.</summary>
    public string ConnectionString { get; set; } = string.Empty;

    public string JobsQueue { get; set; } = Core.Compute.Sites.SiteMessages.JobsQueue;

    public string ReportsQueue { get; set; } = Core.Compute.Sites.SiteMessages.ReportsQueue;

    public string CancelsQueue { get; set; } = Core.Compute.Sites.SiteMessages.CancelsQueue;

    /// <summary>Where jobs' workspaces live: on the filesystem the Slurm nodes share.</summary>
    public string WorkRoot { get; set; } = Path.Combine(Path.GetTempPath(), "scipion-site");

    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How long a taken job stays hidden from other agents; renewed while the job runs.</summary>
    public TimeSpan Lease { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>A request delivered this many times is reported failed and dropped rather than retried forever.</summary>
    public int MaxDeliveries { get; set; } = 5;

    /// <summary>How long a request that failed transiently (Slurm unreachable, storage 5xx) waits before its next attempt.</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromMinutes(1);
}

public enum SiteTransportKind
{
    StorageQueue,
    ServiceBus,
}

/// <summary>
/// Service Bus for the site agent: it authenticates with Entra ID (DefaultAzureCredential: a managed identity on an
/// Arc-enabled server, or a service principal with a certificate through the AZURE_* environment variables).
/// </summary>
public sealed class SiteServiceBusOptions
{
    /// <summary>The namespace's host name, e.g. <c>sb-abc.servicebus.windows.net</c> (the Bicep output SERVICE_BUS_NAMESPACE).</summary>
    public string FullyQualifiedNamespace { get; set; } = string.Empty;

    /// <summary>The session-enabled queue of job requests (sessions = projects).</summary>
    public string JobsQueue { get; set; } = Core.Compute.Sites.SiteMessages.JobsQueue;

    public string ReportsQueue { get; set; } = Core.Compute.Sites.SiteMessages.ReportsQueue;

    /// <summary>AMQP over WebSockets on port 443, for sites whose firewall closes port 5671.</summary>
    public bool UseWebSockets { get; set; }
}
