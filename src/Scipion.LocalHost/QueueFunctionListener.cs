using Azure.Identity;
using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;
using Azure.Storage.Queues.Specialized;
using Microsoft.Extensions.Options;
using Scipion.Storage;

namespace Scipion.LocalHost;

/// <summary>
/// Runs the Functions app's queue-triggered classes as the Functions host would: receive, invoke, delete on
/// success, let the message reappear on failure (after the visibility timeout), and move it to "{queue}-poison" after
/// MaxDequeueCount tries (host.json's queues.maxDequeueCount in Azure). A message that is not even Base64 (the queues'
/// encoding) goes to the poison queue at once, as the Functions host does. A failing message never holds up the others.
/// </summary>
public sealed class QueueFunctionListener(
    IEnumerable<QueueFunction> functions,
    IConfiguration configuration,
    IServiceProvider services,
    IOptions<LocalHostOptions> options,
    ILogger<QueueFunctionListener> logger) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var queues = ReceivingClient();
        return Task.WhenAll(functions.Select(f => ListenAsync(queues, f, stoppingToken)));
    }

    private async Task ListenAsync(QueueServiceClient queues, QueueFunction function, CancellationToken stoppingToken)
    {
        var queue = queues.GetQueueClient(function.Queue);
        var poison = PoisonOf(queue);
        await queue.CreateIfNotExistsAsync(cancellationToken: stoppingToken);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var messages = (await queue.ReceiveMessagesAsync(16, options.Value.VisibilityTimeout, stoppingToken)).Value;
                foreach (var message in messages)
                {
                    try
                    {
                        await function.InvokeAsync(services, message.Body.ToString(), stoppingToken);
                        await queue.DeleteMessageAsync(message.MessageId, message.PopReceipt, stoppingToken);
                    }
                    catch (Exception e) when (!stoppingToken.IsCancellationRequested)
                    {
                        logger.LogError(e, "{Function} failed on message {Id} (try {Count})", function.Name, message.MessageId, message.DequeueCount);
                        if (message.DequeueCount >= options.Value.MaxDequeueCount)
                        {
                            await MoveToPoisonAsync(queue, poison, message, message.Body, stoppingToken);
                            logger.LogError("{Function} gave up on message {Id} after {Count} tries: moved to {Poison}", function.Name, message.MessageId, message.DequeueCount, poison.Name);
                        }
                    }
                }

                if (messages.Length == 0)
                {
                    await Task.Delay(options.Value.QueuePollInterval, stoppingToken);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                logger.LogWarning(e, "Polling queue {Queue} failed; trying again", function.Queue);
                await Task.Delay(TimeSpan.FromSeconds(1), stoppingToken);
            }
        }
    }

    /// <summary>
    /// A client of its own for receiving: the application's client throws on a message it cannot decode, which would
    /// stop the whole batch, again and again; this one hands such a message to <see cref="UndecodableAsync"/>.
    /// </summary>
    private QueueServiceClient ReceivingClient()
    {
        var clientOptions = new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 };
        clientOptions.MessageDecodingFailed += UndecodableAsync;
        var settings = ProjectStorageSettings.From(configuration);
        return settings.ConnectionString is { } connection
            ? new QueueServiceClient(connection, clientOptions)
            : new QueueServiceClient(settings.QueueServiceUri!, new DefaultAzureCredential(), clientOptions);
    }

    private async Task UndecodableAsync(QueueMessageDecodingFailedEventArgs args)
    {
        if (args.ReceivedMessage is not { } message)
        {
            return; // A peek: nothing was taken off the queue.
        }

        // The poison queue keeps what was on the queue, in the queue's own encoding.
        await MoveToPoisonAsync(args.Queue, PoisonOf(args.Queue), message, message.Body, args.CancellationToken);
        logger.LogError("Message {Id} on {Queue} is not Base64: moved to {Poison}", message.MessageId, args.Queue.Name, PoisonOf(args.Queue).Name);
    }

    private static QueueClient PoisonOf(QueueClient queue) =>
        queue.GetParentQueueServiceClient().GetQueueClient(queue.Name + "-poison");

    private static async Task MoveToPoisonAsync(QueueClient queue, QueueClient poison, QueueMessage message, BinaryData body, CancellationToken cancellationToken)
    {
        await poison.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
        await poison.SendMessageAsync(body, cancellationToken: cancellationToken);
        await queue.DeleteMessageAsync(message.MessageId, message.PopReceipt, cancellationToken);
    }
}
