using Azure.Core;
using Azure.Core.Pipeline;

namespace Scipion.Compute.AzureBatch;

/// <summary>Builds the Azure.Core pipeline every Batch request goes through.</summary>
public static class BatchPipeline
{
    /// <param name="transport">Where requests go; tests pass a recording transport, production the default HTTP client.</param>
    /// <param name="wait">How to sleep before a retry; defaults to <see cref="Task.Delay(TimeSpan, CancellationToken)"/>.</param>
    public static HttpPipeline Create(
        BatchOptions options,
        TokenCredential credential,
        HttpPipelineTransport? transport = null,
        RetryWait? wait = null,
        TimeProvider? clock = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(credential);
        clock ??= TimeProvider.System;
        var clientOptions = new BatchClientOptions
        {
            RetryPolicy = new BatchRetryPolicy(options.MaxRequestRetries, wait ?? SleepAsync, clock),
        };
        if (transport is not null)
        {
            clientOptions.Transport = transport;
        }

        return HttpPipelineBuilder.Build(
            clientOptions,
            perCallPolicies: [],
            perRetryPolicies: [new BearerTokenAuthenticationPolicy(credential, BatchApi.Scope), new BatchHeadersPolicy(clock)],
            new BatchResponseClassifier());
    }

    private static async ValueTask SleepAsync(TimeSpan delay, CancellationToken cancellationToken) =>
        await Task.Delay(delay, cancellationToken).ConfigureAwait(false);

    private sealed class BatchClientOptions : ClientOptions;
}
