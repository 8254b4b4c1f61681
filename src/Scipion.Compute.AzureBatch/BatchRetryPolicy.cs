using System.Globalization;
using Azure.Core;
using Azure.Core.Pipeline;

namespace Scipion.Compute.AzureBatch;

/// <summary>
/// Retries what <see cref="BatchResponseClassifier"/> calls retriable, and transport failures, waiting as long as
/// the service's <c>Retry-After</c> asks (Batch throttles with 429 or 503 and that header), else backing off
/// exponentially. Written out rather than derived from Azure.Core's RetryPolicy because that one's wait cannot
/// be observed: here it goes through <see cref="RetryWait"/>, so tests see the delay asked for without sleeping.
/// </summary>
internal sealed class BatchRetryPolicy(int maxRetries, RetryWait wait, TimeProvider clock) : HttpPipelinePolicy
{
    private static readonly TimeSpan FirstBackoff = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromMinutes(1);

    public override ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline) =>
        ProcessCoreAsync(message, pipeline, async: true);

    public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline) =>
        ProcessCoreAsync(message, pipeline, async: false).AsTask().GetAwaiter().GetResult();

    private async ValueTask ProcessCoreAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline, bool async)
    {
        for (int attempt = 0; ; attempt++)
        {
            Exception? failure = null;
            try
            {
                if (async)
                {
                    await ProcessNextAsync(message, pipeline).ConfigureAwait(false);
                }
                else
                {
                    ProcessNext(message, pipeline);
                }
            }
            catch (Exception e) when (!message.CancellationToken.IsCancellationRequested && message.ResponseClassifier.IsRetriableException(e) && attempt < maxRetries)
            {
                failure = e;
            }

            bool retriable = failure is not null || (message.HasResponse && message.ResponseClassifier.IsRetriableResponse(message));
            if (!retriable || attempt >= maxRetries)
            {
                return;
            }

            var delay = (failure is null ? RequestedDelay(message) : null) ?? Backoff(attempt);
            if (async)
            {
                await wait(delay, message.CancellationToken).ConfigureAwait(false);
            }
            else
            {
                wait(delay, message.CancellationToken).AsTask().GetAwaiter().GetResult();
            }
        }
    }

    /// <summary>The response's <c>Retry-After</c>, in delta-seconds or as an HTTP date (RFC 9110 §10.2.3).</summary>
    private TimeSpan? RequestedDelay(HttpMessage message)
    {
        if (!message.HasResponse || !message.Response.Headers.TryGetValue("Retry-After", out var value) || string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        if (int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out int seconds))
        {
            return TimeSpan.FromSeconds(seconds);
        }

        if (DateTimeOffset.TryParseExact(value, "R", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at))
        {
            var delay = at - clock.GetUtcNow();
            return delay > TimeSpan.Zero ? delay : TimeSpan.Zero;
        }

        return null;
    }

    private static TimeSpan Backoff(int attempt) =>
        TimeSpan.FromTicks(Math.Min(MaxBackoff.Ticks, FirstBackoff.Ticks << Math.Min(attempt, 16)));
}

/// <summary>Sleeps before a retry. Production passes <see cref="Task.Delay(TimeSpan, CancellationToken)"/>.</summary>
public delegate ValueTask RetryWait(TimeSpan delay, CancellationToken cancellationToken);
