using System.Globalization;
using Azure.Core;
using Azure.Core.Pipeline;

namespace Scipion.Compute.AzureBatch;

/// <summary>
/// Adds the headers the Batch spec defines on every operation: <c>client-request-id</c> (kept across retries, so
/// the service's logs tie them together) and <c>ocp-date</c> (stamped on each try, as the spec advises callers
/// of the REST API to set it).
/// </summary>
internal sealed class BatchHeadersPolicy(TimeProvider clock) : HttpPipelineSynchronousPolicy
{
    public override void OnSendingRequest(HttpMessage message)
    {
        message.Request.Headers.SetValue("client-request-id", message.Request.ClientRequestId);
        message.Request.Headers.SetValue("ocp-date", clock.GetUtcNow().ToString("R", CultureInfo.InvariantCulture));
    }
}
