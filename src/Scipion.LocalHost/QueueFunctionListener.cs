using Azure.Storage.Queues;
using Microsoft.Extensions.Options;

namespace Scipion.LocalHost;

/// <summary>
/// Runs the Functions app's queue-triggered classes as the Functions host would: receive, invoke, delete on
/// success, let the message reappear on failure, and move it to "{queue}-poison" after MaxDequeueCount tries.
/// </summary>
public sealed class QueueFunctionListener(
    IEnumerable<QueueFunction> functions,
    QueueServiceClient queues,
    IServiceProvider services,
    IOptions<LocalHostOptions> options,
    ILogger<QueueFunctionListener> logger) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(functions.Select(f => ListenAsync(f, stoppingToken)));

    private async Task ListenAsync(QueueFunction function, CancellationToken stoppingToken)
    {
        var queue = queues.GetQueueClient(function.Queue);
        var poison = queues.GetQueueClient(function.Queue + "-poison");
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
                            await poison.CreateIfNotExistsAsync(cancellationToken: stoppingToken);
                            await poison.SendMessageAsync(message.Body, cancellationToken: stoppingToken);
                            await queue.DeleteMessageAsync(message.MessageId, message.PopReceipt, stoppingToken);
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
}
