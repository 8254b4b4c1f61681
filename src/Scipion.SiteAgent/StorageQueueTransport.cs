using Azure.Storage.Queues;
using Scipion.Core.Compute.Sites;

namespace Scipion.SiteAgent;

/// <summary>
/// Job requests and reports on Azure Storage queues (SAS URLs, or Azurite by connection string). A received request
/// stays invisible for the lease, renewed while its job runs; abandoning it makes it visible again after the retry
/// delay; completing or rejecting deletes it (a storage queue has no dead-letter queue: the agent's log says why).
/// </summary>
public sealed class StorageQueueTransport(QueueClient jobs, QueueClient reports, TimeSpan lease) : ISiteTransport
{
    public StorageQueueTransport(SiteAgentOptions options)
        : this(SiteQueues.Jobs(options), SiteQueues.Reports(options), options.Lease)
    {
    }

    public async Task<SiteDelivery?> ReceiveAsync(CancellationToken cancellationToken)
    {
        var message = (await jobs.ReceiveMessageAsync(lease, cancellationToken).ConfigureAwait(false)).Value;
        return message is null
            ? null
            : new Delivery
            {
                MessageId = message.MessageId,
                Body = message.MessageText,
                DeliveryCount = message.DequeueCount,
                PopReceipt = message.PopReceipt,
                RenewAfter = DateTimeOffset.UtcNow + lease / 2,
            };
    }

    public async Task KeepAsync(SiteDelivery delivery, CancellationToken cancellationToken)
    {
        var held = (Delivery)delivery;
        if (DateTimeOffset.UtcNow < held.RenewAfter)
        {
            return;
        }

        await HideAsync(held, lease, cancellationToken).ConfigureAwait(false);
        held.RenewAfter = DateTimeOffset.UtcNow + lease / 2;
    }

    public Task CompleteAsync(SiteDelivery delivery, CancellationToken cancellationToken) => DeleteAsync(delivery, cancellationToken);

    public Task AbandonAsync(SiteDelivery delivery, TimeSpan retryAfter, CancellationToken cancellationToken) =>
        HideAsync((Delivery)delivery, retryAfter, cancellationToken);

    public Task RejectAsync(SiteDelivery delivery, string reason, string description, CancellationToken cancellationToken) =>
        DeleteAsync(delivery, cancellationToken);

    public Task SendReportAsync(SiteJobReport report, SiteDelivery about, CancellationToken cancellationToken) =>
        reports.SendMessageAsync(SiteMessages.Serialize(report), cancellationToken);

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private async Task HideAsync(Delivery held, TimeSpan visibility, CancellationToken cancellationToken)
    {
        // Each update hands out a new pop receipt; only the latest one can touch the message again.
        var updated = await jobs.UpdateMessageAsync(held.MessageId, held.PopReceipt, visibilityTimeout: visibility, cancellationToken: cancellationToken)
            .ConfigureAwait(false);
        held.PopReceipt = updated.Value.PopReceipt;
    }

    private Task DeleteAsync(SiteDelivery delivery, CancellationToken cancellationToken)
    {
        var held = (Delivery)delivery;
        return jobs.DeleteMessageAsync(held.MessageId, held.PopReceipt, cancellationToken);
    }

    private sealed class Delivery : SiteDelivery
    {
        public required string PopReceipt { get; set; }

        public DateTimeOffset RenewAfter { get; set; }
    }
}
