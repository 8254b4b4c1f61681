using System.Text.Json;
using Azure.Messaging.ServiceBus;
using Scipion.Core.Compute.Sites;

namespace Scipion.SiteAgent;

/// <summary>
/// Job requests from a session-enabled Service Bus queue (one session per project), reports to a plain queue. The
/// agent accepts the next project whose session has work, takes one request from it and holds the session until that
/// request is settled: completed after the final report, abandoned after the retry delay (Service Bus redelivers it
/// at once, and dead-letters it after the queue's maxDeliveryCount), or dead-lettered with a reason.
/// </summary>
public sealed class ServiceBusTransport : ISiteTransport
{
    private readonly ServiceBusClient _client;
    private readonly ServiceBusSender _reports;
    private readonly SiteServiceBusOptions _options;
    private readonly TimeSpan _lease;
    private readonly TimeSpan _receiveWait;
    private readonly Func<TimeSpan, CancellationToken, Task> _wait;

    /// <param name="wait">How the retry delay is waited; tests pass one that records instead of sleeping.</param>
    public ServiceBusTransport(ServiceBusClient client, SiteServiceBusOptions options, TimeSpan lease, TimeSpan receiveWait, Func<TimeSpan, CancellationToken, Task>? wait = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(options);
        _client = client;
        _options = options;
        _lease = lease;
        _receiveWait = receiveWait;
        _wait = wait ?? Task.Delay;
        _reports = client.CreateSender(options.ReportsQueue);
    }

    public async Task<SiteDelivery?> ReceiveAsync(CancellationToken cancellationToken)
    {
        ServiceBusSessionReceiver session;
        try
        {
            session = await _client.AcceptNextSessionAsync(_options.JobsQueue, new ServiceBusSessionReceiverOptions { ReceiveMode = ServiceBusReceiveMode.PeekLock }, cancellationToken)
                .ConfigureAwait(false);
        }
        catch (ServiceBusException e) when (e.Reason == ServiceBusFailureReason.ServiceTimeout)
        {
            // No project has work waiting.
            return null;
        }

        var message = await session.ReceiveMessageAsync(_receiveWait, cancellationToken).ConfigureAwait(false);
        if (message is null)
        {
            // Let go of an empty session so that it does not keep this agent from other projects.
            await session.DisposeAsync().ConfigureAwait(false);
            return null;
        }

        string body;
        try
        {
            body = ServiceBusSiteMessages.BodyOf(message);
        }
        catch (JsonException)
        {
            // The runner cannot parse it either; an empty body makes it reject the message with its own reason.
            body = string.Empty;
        }

        return new Delivery
        {
            MessageId = message.MessageId,
            Body = body,
            DeliveryCount = message.DeliveryCount,
            ProjectId = session.SessionId,
            Session = session,
            Message = message,
            RenewAfter = DateTimeOffset.UtcNow + _lease / 2,
        };
    }

    public async Task KeepAsync(SiteDelivery delivery, CancellationToken cancellationToken)
    {
        var held = (Delivery)delivery;
        if (DateTimeOffset.UtcNow < held.RenewAfter)
        {
            return;
        }

        // In a session the session's lock is the messages' lock.
        await held.Session.RenewSessionLockAsync(cancellationToken).ConfigureAwait(false);
        held.RenewAfter = DateTimeOffset.UtcNow + _lease / 2;
    }

    public Task CompleteAsync(SiteDelivery delivery, CancellationToken cancellationToken) =>
        SettleAsync(delivery, (session, message) => session.CompleteMessageAsync(message, cancellationToken));

    public async Task AbandonAsync(SiteDelivery delivery, TimeSpan retryAfter, CancellationToken cancellationToken)
    {
        // Service Bus redelivers an abandoned message at once; waiting here (holding the project's session, so its
        // later jobs stay behind this one) spaces the attempts out.
        var held = (Delivery)delivery;
        for (var left = retryAfter; left > TimeSpan.Zero; left -= _lease / 2)
        {
            await _wait(left < _lease / 2 ? left : _lease / 2, cancellationToken).ConfigureAwait(false);
            await held.Session.RenewSessionLockAsync(cancellationToken).ConfigureAwait(false);
        }

        await SettleAsync(delivery, (session, message) => session.AbandonMessageAsync(message, cancellationToken: cancellationToken)).ConfigureAwait(false);
    }

    public Task RejectAsync(SiteDelivery delivery, string reason, string description, CancellationToken cancellationToken) =>
        SettleAsync(delivery, (session, message) => session.DeadLetterMessageAsync(message, Cut(reason), Cut(description), cancellationToken));

    public Task SendReportAsync(SiteJobReport report, SiteDelivery about, CancellationToken cancellationToken) =>
        _reports.SendMessageAsync(ServiceBusSiteMessages.Report(report, about), cancellationToken);

    public async ValueTask DisposeAsync()
    {
        await _reports.DisposeAsync().ConfigureAwait(false);
        await _client.DisposeAsync().ConfigureAwait(false);
    }

    private static async Task SettleAsync(SiteDelivery delivery, Func<ServiceBusSessionReceiver, ServiceBusReceivedMessage, Task> settle)
    {
        var held = (Delivery)delivery;
        try
        {
            await settle(held.Session, held.Message).ConfigureAwait(false);
        }
        finally
        {
            // One request per acceptance: the session goes back so any agent can take the project's next job.
            await held.Session.DisposeAsync().ConfigureAwait(false);
        }
    }

    // Dead-letter reason and description are message properties, which Service Bus limits in size.
    private static string Cut(string text) => text.Length <= 1024 ? text : text[..1021] + "...";

    private sealed class Delivery : SiteDelivery
    {
        public required ServiceBusSessionReceiver Session { get; init; }

        public required ServiceBusReceivedMessage Message { get; init; }

        public DateTimeOffset RenewAfter { get; set; }
    }
}
