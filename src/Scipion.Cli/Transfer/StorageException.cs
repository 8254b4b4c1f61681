using System.Net;

namespace Scipion.Cli.Transfer;

/// <summary>Storage refused a signed-URL request; <see cref="ErrorCode"/> is its x-ms-error-code.</summary>
public sealed class StorageException(HttpStatusCode status, string? errorCode, string message) : Exception(message)
{
    public HttpStatusCode Status { get; } = status;

    public string? ErrorCode { get; } = errorCode;

    /// <summary>The signature no longer opens the door (most often: the SAS expired); a fresh grant fixes it.</summary>
    public bool NeedsNewGrant => Status == HttpStatusCode.Forbidden;

    public bool IsTransient => (int)Status >= 500 || Status is HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests;

    /// <summary>The staged blocks named in the list are gone (uncommitted blocks expire after a week).</summary>
    public bool IsInvalidBlockList => ErrorCode is "InvalidBlockList" or "InvalidBlockId";
}
