using Azure.Storage.Queues;
using Scipion.Core.Compute.Sites;

namespace Scipion.Compute.Site;

/// <summary>Job requests and cancels as Azure Storage queue messages (base64, as the agent and Functions triggers read them).</summary>
public sealed class StorageSiteJobQueue(QueueServiceClient queues, SiteOptions options) : ISiteJobQueue
{
    // A storage queue message holds 64 KiB; base64 makes 3 bytes into 4.
    private const int MaxMessageBytes = 64 * 1024 * 3 / 4;

    public Task SendAsync(SiteJobRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        string text = SiteMessages.Serialize(request);
        if (System.Text.Encoding.UTF8.GetByteCount(text) > MaxMessageBytes)
        {
            // Each input carries a SAS URL of a few hundred bytes; a run of many hundred files does not fit one message.
            throw new InvalidOperationException(
                $"The request for job {request.JobId} has {request.Inputs.Count} inputs and is too large for a storage queue message ({MaxMessageBytes} bytes).");
        }

        return queues.GetQueueClient(options.JobsQueue).SendMessageAsync(text, cancellationToken);
    }

    public Task SendAsync(SiteJobCancel cancel, CancellationToken cancellationToken) =>
        queues.GetQueueClient(options.CancelsQueue).SendMessageAsync(SiteMessages.Serialize(cancel), cancellationToken);
}
