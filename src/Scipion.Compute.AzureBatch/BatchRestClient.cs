using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Azure;
using Azure.Core;
using Azure.Core.Pipeline;

namespace Scipion.Compute.AzureBatch;

/// <summary>
/// The handful of Batch data-plane operations the backend uses, each as the spec defines it
/// (path, method, success status). Conflicts and not-found answers the backend expects are returned as
/// values; anything else is a <see cref="BatchRequestException"/>.
/// </summary>
internal sealed class BatchRestClient(HttpPipeline pipeline, Uri endpoint)
{
    /// <summary>Pools_CreatePool: <c>POST /pools</c> → 201. False when the pool exists already.</summary>
    public async Task<bool> CreatePoolAsync(JsonObject pool, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(RequestMethod.Post, "pools", pool, cancellationToken).ConfigureAwait(false);
        return Created(response, "Pools_CreatePool", BatchApi.PoolExists);
    }

    /// <summary>Jobs_CreateJob: <c>POST /jobs</c> → 201. False when the job exists already.</summary>
    public async Task<bool> CreateJobAsync(JsonObject job, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(RequestMethod.Post, "jobs", job, cancellationToken).ConfigureAwait(false);
        return Created(response, "Jobs_CreateJob", BatchApi.JobExists);
    }

    /// <summary>Tasks_CreateTask: <c>POST /jobs/{jobId}/tasks</c> → 201. False when the task exists already.</summary>
    public async Task<bool> CreateTaskAsync(string jobId, JsonObject task, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(RequestMethod.Post, $"jobs/{Escape(jobId)}/tasks", task, cancellationToken).ConfigureAwait(false);
        return Created(response, "Tasks_CreateTask", BatchApi.TaskExists);
    }

    /// <summary>Tasks_GetTask: <c>GET /jobs/{jobId}/tasks/{taskId}</c> → 200. Null when the job or the task is unknown.</summary>
    public async Task<JsonElement?> GetTaskAsync(string jobId, string taskId, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(RequestMethod.Get, $"jobs/{Escape(jobId)}/tasks/{Escape(taskId)}", null, cancellationToken).ConfigureAwait(false);
        if (response.Status == 404)
        {
            return null;
        }

        EnsureStatus(response, "Tasks_GetTask", 200);
        using var document = JsonDocument.Parse(response.Content);
        return document.RootElement.Clone();
    }

    /// <summary>
    /// Tasks_TerminateTask: <c>POST /jobs/{jobId}/tasks/{taskId}/terminate</c> → 204. False when the task had
    /// completed already (409 TaskCompleted), so it was not this call that ended it.
    /// </summary>
    public async Task<bool> TerminateTaskAsync(string jobId, string taskId, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(RequestMethod.Post, $"jobs/{Escape(jobId)}/tasks/{Escape(taskId)}/terminate", null, cancellationToken).ConfigureAwait(false);
        if (response.Status == 409 && BatchErrorBody.Parse(response.Content).Code == BatchApi.TaskCompleted)
        {
            return false;
        }

        EnsureStatus(response, "Tasks_TerminateTask", 204);
        return true;
    }

    /// <summary>
    /// Jobs_TerminateJob: <c>POST /jobs/{jobId}/terminate</c> → 202. A job that never existed (404), has completed
    /// or is being terminated already (409 JobCompleted, JobBeingTerminated) is what a retried call finds: fine.
    /// </summary>
    public async Task TerminateJobAsync(string jobId, string reason, CancellationToken cancellationToken)
    {
        var body = new JsonObject { ["terminateReason"] = reason };
        using var response = await SendAsync(RequestMethod.Post, $"jobs/{Escape(jobId)}/terminate", body, cancellationToken).ConfigureAwait(false);
        if (response.Status == 404
            || (response.Status == 409 && BatchErrorBody.Parse(response.Content).Code is BatchApi.JobCompleted or BatchApi.JobBeingTerminated))
        {
            return;
        }

        EnsureStatus(response, "Jobs_TerminateJob", 202);
    }

    /// <summary>
    /// The last <paramref name="maxBytes"/> of a task file: Tasks_GetTaskFileProperties (<c>HEAD</c>, for Content-Length)
    /// then Tasks_GetTaskFile with <c>ocp-range: bytes=start-end</c>, the only range form the spec describes.
    /// Null when the file does not exist (yet): a task not started on a node has none.
    /// </summary>
    public async Task<string?> GetTaskFileTailAsync(string jobId, string taskId, string file, int maxBytes, CancellationToken cancellationToken)
    {
        string path = $"jobs/{Escape(jobId)}/tasks/{Escape(taskId)}/files/{Escape(file)}";
        long length;
        using (var head = await SendAsync(RequestMethod.Head, path, null, cancellationToken).ConfigureAwait(false))
        {
            if (head.Status == 404)
            {
                return null;
            }

            EnsureStatus(head, "Tasks_GetTaskFileProperties", 200);
            length = head.Headers.ContentLength ?? 0;
        }

        if (length == 0)
        {
            return string.Empty;
        }

        long start = Math.Max(0, length - maxBytes);
        using var response = await SendAsync(RequestMethod.Get, path, null, cancellationToken, ("ocp-range", $"bytes={start}-{length - 1}")).ConfigureAwait(false);
        if (response.Status == 404)
        {
            return null;
        }

        EnsureStatus(response, "Tasks_GetTaskFile", 200, 206);
        return Encoding.UTF8.GetString(response.Content.ToMemory().Span);
    }

    private async Task<Response> SendAsync(RequestMethod method, string path, JsonNode? body, CancellationToken cancellationToken, params (string Name, string Value)[] headers)
    {
        var request = pipeline.CreateRequest();
        request.Method = method;
        request.Uri.Reset(endpoint);
        request.Uri.AppendPath(path, escape: false);
        request.Uri.AppendQuery("api-version", BatchApi.Version);
        foreach (var (name, value) in headers)
        {
            request.Headers.SetValue(name, value);
        }

        if (body is not null)
        {
            request.Headers.SetValue("Content-Type", BatchApi.JsonContentType);
            request.Content = RequestContent.Create(BinaryData.FromString(body.ToJsonString()));
        }

        return await pipeline.SendRequestAsync(request, cancellationToken).ConfigureAwait(false);
    }

    private static bool Created(Response response, string operation, string existsCode)
    {
        if (response.Status == 409 && BatchErrorBody.Parse(response.Content).Code == existsCode)
        {
            return false;
        }

        EnsureStatus(response, operation, 201);
        return true;
    }

    private static void EnsureStatus(Response response, string operation, params int[] expected)
    {
        if (expected.Contains(response.Status))
        {
            return;
        }

        var error = BatchErrorBody.Parse(response.Content);
        response.Headers.TryGetValue("request-id", out string? requestId);
        throw new BatchRequestException(operation, response.Status, error.Code, error.Message ?? response.ReasonPhrase, requestId);
    }

    private static string Escape(string segment) => Uri.EscapeDataString(segment);
}
