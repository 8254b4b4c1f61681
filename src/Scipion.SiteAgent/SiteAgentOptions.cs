namespace Scipion.SiteAgent;

/// <summary>
/// Where a site agent takes jobs from and reports to. The agent only calls out (HTTPS to Azure Storage), so
/// the site opens no inbound port; SAS URLs for the two queues are all the credentials it needs.
/// </summary>
public sealed class SiteAgentOptions
{
    public const string Section = "SiteAgent";

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
}
