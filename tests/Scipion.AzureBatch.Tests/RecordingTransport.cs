using Azure.Core;
using Azure.Core.Pipeline;

namespace Scipion.AzureBatch.Tests;

/// <summary>
/// Stands in for the network: records every request the pipeline sends (each retry separately) and answers with
/// the canned responses queued, in order. An unexpected request fails the test instead of hanging.
/// </summary>
internal sealed class RecordingTransport : HttpPipelineTransport
{
    private readonly Queue<CannedResponse> _responses = new();

    public List<RecordedRequest> Requests { get; } = [];

    public RecordingTransport Respond(int status, string? body = null, params (string Name, string Value)[] headers)
    {
        _responses.Enqueue(new CannedResponse(status, body, headers));
        return this;
    }

    public int Pending => _responses.Count;

    public override Request CreateRequest() => new TestRequest();

    public override void Process(HttpMessage message) => ProcessAsync(message).AsTask().GetAwaiter().GetResult();

    public override ValueTask ProcessAsync(HttpMessage message)
    {
        var request = (TestRequest)message.Request;
        string? body = null;
        if (request.Content is { } content)
        {
            using var buffer = new MemoryStream();
            content.WriteTo(buffer, message.CancellationToken);
            body = System.Text.Encoding.UTF8.GetString(buffer.ToArray());
        }

        var recorded = new RecordedRequest(request.Method.Method, request.Uri.ToUri(), request.HeaderSnapshot(), body);
        Requests.Add(recorded);
        if (!_responses.TryDequeue(out var canned))
        {
            throw new InvalidOperationException($"No canned response left for {recorded.Method} {recorded.Uri}.");
        }

        message.Response = new TestResponse(canned, request.ClientRequestId);
        return ValueTask.CompletedTask;
    }
}

internal sealed record CannedResponse(int Status, string? Body, IReadOnlyList<(string Name, string Value)> Headers);

internal sealed record RecordedRequest(string Method, Uri Uri, IReadOnlyDictionary<string, string> Headers, string? Body)
{
    public string Path => Uri.AbsolutePath;

    public string? Query(string name) =>
        System.Web.HttpUtility.ParseQueryString(Uri.Query)[name];

    public string? Header(string name) => Headers.TryGetValue(name, out var value) ? value : null;

    public System.Text.Json.Nodes.JsonNode Json() =>
        System.Text.Json.Nodes.JsonNode.Parse(Body ?? throw new InvalidOperationException($"{Method} {Uri} had no body."))!;
}
