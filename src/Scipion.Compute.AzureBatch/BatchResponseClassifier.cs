using Azure.Core;

namespace Scipion.Compute.AzureBatch;

/// <summary>
/// Only throttling (429) and service-unavailable (503) are retried: Batch's error-handling guidance names them
/// as the retriable responses. A 500 is reported at once, so a broken request does not hide behind retries.
/// </summary>
internal sealed class BatchResponseClassifier : ResponseClassifier
{
    public override bool IsRetriableResponse(HttpMessage message) =>
        message.Response.Status is 429 or 503;
}
