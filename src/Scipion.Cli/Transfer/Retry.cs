using System.Net.Sockets;
using Scipion.Cli.Api;

namespace Scipion.Cli.Transfer;

/// <summary>Exponential backoff with jitter for failures that another try may cure: the network, 5xx, throttling.</summary>
public static class Retry
{
    public static bool IsTransient(Exception e) => e switch
    {
        HttpRequestException => true,
        SocketException => true,
        IOException io when io.InnerException is SocketException => true,
        StorageException storage => storage.IsTransient,
        ApiProblemException problem => problem.IsTransient,
        _ => false,
    };

    public static TimeSpan Backoff(int attempt, TimeSpan first, TimeSpan max)
    {
        var seconds = Math.Min(max.TotalSeconds, first.TotalSeconds * Math.Pow(2, Math.Min(attempt, 16)));
        return TimeSpan.FromSeconds(seconds * (0.5 + (Random.Shared.NextDouble() / 2)));
    }

    public static async Task<T> RunAsync<T>(Func<CancellationToken, Task<T>> operation, TransferSettings settings, Action<Exception, TimeSpan>? onRetry, CancellationToken ct)
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                return await operation(ct);
            }
            catch (Exception e) when (IsTransient(e) && attempt + 1 < settings.MaxAttempts && !ct.IsCancellationRequested)
            {
                var delay = Backoff(attempt, settings.FirstRetryDelay, settings.MaxRetryDelay);
                onRetry?.Invoke(e, delay);
                await Task.Delay(delay, ct);
            }
        }
    }

    public static Task RunAsync(Func<CancellationToken, Task> operation, TransferSettings settings, Action<Exception, TimeSpan>? onRetry, CancellationToken ct) =>
        RunAsync(async token => { await operation(token); return true; }, settings, onRetry, ct);
}
