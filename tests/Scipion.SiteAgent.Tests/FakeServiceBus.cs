using Azure.Messaging.ServiceBus;

namespace Scipion.SiteAgent.Tests;

/// <summary>
/// Stands in for a Service Bus namespace through the SDK's mocking seams (protected constructors, virtual members):
/// sessions holding canned messages, and a record of every settlement, lock renewal and sent report. No broker or
/// emulator can run here, so this is how the transport's use of the SDK is checked.
/// </summary>
internal sealed class FakeServiceBusClient : ServiceBusClient
{
    public Queue<FakeSession> Sessions { get; } = new();

    public List<string> AcceptedFrom { get; } = [];

    public FakeSender Sender { get; } = new();

    public override Task<ServiceBusSessionReceiver> AcceptNextSessionAsync(string queueName, ServiceBusSessionReceiverOptions? options = null, CancellationToken cancellationToken = default)
    {
        AcceptedFrom.Add(queueName);
        Assert.Equal(ServiceBusReceiveMode.PeekLock, options?.ReceiveMode);
        return Sessions.TryDequeue(out var session)
            ? Task.FromResult<ServiceBusSessionReceiver>(session)
            : throw new ServiceBusException("No session available.", ServiceBusFailureReason.ServiceTimeout);
    }

    public override ServiceBusSender CreateSender(string queueOrTopicName)
    {
        Sender.Queue = queueOrTopicName;
        return Sender;
    }

    public override ValueTask DisposeAsync() => ValueTask.CompletedTask;
}

internal sealed class FakeSession(string sessionId, params ServiceBusReceivedMessage[] messages) : ServiceBusSessionReceiver
{
    private readonly Queue<ServiceBusReceivedMessage> _messages = new(messages);

    public override string SessionId => sessionId;

    /// <summary>What happened to the session, in order: "complete m1", "abandon m1", "dead-letter m1 (reason)", "renew", "dispose".</summary>
    public List<string> Log { get; } = [];

    public override Task<ServiceBusReceivedMessage?> ReceiveMessageAsync(TimeSpan? maxWaitTime = null, CancellationToken cancellationToken = default) =>
        Task.FromResult(_messages.TryDequeue(out var message) ? message : null);

    public override Task CompleteMessageAsync(ServiceBusReceivedMessage message, CancellationToken cancellationToken = default) =>
        Record($"complete {message.MessageId}");

    public override Task AbandonMessageAsync(ServiceBusReceivedMessage message, IDictionary<string, object>? propertiesToModify = null, CancellationToken cancellationToken = default) =>
        Record($"abandon {message.MessageId}");

    public override Task DeadLetterMessageAsync(ServiceBusReceivedMessage message, string deadLetterReason, string? deadLetterErrorDescription = null, CancellationToken cancellationToken = default) =>
        Record($"dead-letter {message.MessageId} ({deadLetterReason})");

    public override Task RenewSessionLockAsync(CancellationToken cancellationToken = default) => Record("renew");

    public override ValueTask DisposeAsync()
    {
        Log.Add("dispose");
        return ValueTask.CompletedTask;
    }

    private Task Record(string entry)
    {
        Log.Add(entry);
        return Task.CompletedTask;
    }
}

internal sealed class FakeSender : ServiceBusSender
{
    public string? Queue { get; set; }

    public List<ServiceBusMessage> Sent { get; } = [];

    public override Task SendMessageAsync(ServiceBusMessage message, CancellationToken cancellationToken = default)
    {
        Sent.Add(message);
        return Task.CompletedTask;
    }

    public override ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
