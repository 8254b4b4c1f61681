namespace Scipion.Compute.AzureBatch;

/// <summary>
/// Wire constants of the Batch data-plane REST API, from the public specification
/// <c>specification/batch/data-plane/Azure.Batch/stable/2025-06-01.21.0/BatchService.json</c>.
/// </summary>
internal static class BatchApi
{
    /// <summary>The spec's <c>info.version</c>; its stable examples send exactly this as <c>api-version</c>.</summary>
    public const string Version = "2025-06-01.21.0";

    /// <summary>What the spec lists under <c>consumes</c> for every operation that takes a body.</summary>
    public const string JsonContentType = "application/json; odata=minimalmetadata";

    /// <summary>The spec's OAuth2 scope, written with the double slash it uses (resource <c>https://batch.core.windows.net/</c> + <c>/.default</c>).</summary>
    public const string Scope = "https://batch.core.windows.net//.default";

    // Error codes from the Batch "status and error codes" reference that this backend reacts to.
    public const string TaskExists = "TaskExists";
    public const string JobExists = "JobExists";
    public const string PoolExists = "PoolExists";
    public const string TaskCompleted = "TaskCompleted";
    public const string JobCompleted = "JobCompleted";
    public const string JobBeingTerminated = "JobBeingTerminated";
}
