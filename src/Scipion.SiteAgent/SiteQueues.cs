using Azure.Storage.Queues;

namespace Scipion.SiteAgent;

/// <summary>The agent's two queues, from SAS URLs in production or a connection string against Azurite.</summary>
public static class SiteQueues
{
    // Base64, as Azure Functions queue triggers expect, so the platform can read reports with a plain trigger.
    private static readonly QueueClientOptions Options = new() { MessageEncoding = QueueMessageEncoding.Base64 };

    public static QueueClient Jobs(SiteAgentOptions options) =>
        Open(options.JobsQueueUrl, options.ConnectionString, options.JobsQueue);

    public static QueueClient Reports(SiteAgentOptions options) =>
        Open(options.ReportsQueueUrl, options.ConnectionString, options.ReportsQueue);

    public static QueueClient Cancels(SiteAgentOptions options) =>
        Open(options.CancelsQueueUrl, options.ConnectionString, options.CancelsQueue);

    public static QueueClient Open(string url, string connectionString, string name) =>
        url.Length > 0 ? new QueueClient(new Uri(url), Options) : new QueueClient(connectionString, name, Options);
}
