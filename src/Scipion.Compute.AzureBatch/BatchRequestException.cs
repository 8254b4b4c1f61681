using System.Net;

namespace Scipion.Compute.AzureBatch;

/// <summary>
/// A Batch request that failed in a way the backend does not handle itself (a 500, a 403 from a missing role,
/// a 400 from a malformed request). Carries the service's error code and request id, which Batch support asks for.
/// </summary>
public sealed class BatchRequestException : Exception
{
    public BatchRequestException(string operation, int status, string? code, string? detail, string? requestId)
        : base(Describe(operation, status, code, detail, requestId))
    {
        Operation = operation;
        Status = status;
        Code = code;
        RequestId = requestId;
    }

    public string Operation { get; }

    public int Status { get; }

    public string? Code { get; }

    public string? RequestId { get; }

    private static string Describe(string operation, int status, string? code, string? detail, string? requestId)
    {
        string reason = Enum.IsDefined(typeof(HttpStatusCode), status) ? ((HttpStatusCode)status).ToString() : "error";
        string text = $"Azure Batch {operation} failed: {status} {reason}";
        if (!string.IsNullOrEmpty(code))
        {
            text += $" ({code})";
        }

        if (!string.IsNullOrEmpty(detail))
        {
            text += $": {detail}";
        }

        return string.IsNullOrEmpty(requestId) ? text : $"{text} [request-id {requestId}]";
    }
}
