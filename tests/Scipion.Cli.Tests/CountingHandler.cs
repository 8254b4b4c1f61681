using System.Collections.Concurrent;
using System.Web;

namespace Scipion.Cli.Tests;

/// <summary>
/// Sits between the CLI and the network and writes down every request, so tests can say exactly what was sent
/// (which Put Block, which Put Block List) and can interrupt the CLI at a chosen moment.
/// </summary>
public sealed class CountingHandler() : DelegatingHandler(new SocketsHttpHandler { AllowAutoRedirect = false })
{
    public sealed record Sent(string Method, string Path, string? Comp, string? BlockId, int Status);

    public ConcurrentQueue<Sent> Requests { get; } = new();

    /// <summary>Called before a request goes out (e.g. to check a movie is finished before its block list commits).</summary>
    public Action<HttpRequestMessage>? BeforeSend { get; set; }

    /// <summary>Awaited before a request goes out (e.g. to hold it until its signed URL has expired).</summary>
    public Func<HttpRequestMessage, Task>? BeforeSendAsync { get; set; }

    /// <summary>Called after a successful response (e.g. to interrupt the CLI after N staged blocks).</summary>
    public Action<Sent>? AfterSuccess { get; set; }

    public IEnumerable<Sent> PutBlocks => Requests.Where(r => r is { Method: "PUT", Comp: "block" } && r.Status is >= 200 and < 300);

    public IEnumerable<Sent> PutBlockLists => Requests.Where(r => r is { Method: "PUT", Comp: "blocklist" } && r.Status is >= 200 and < 300);

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        BeforeSend?.Invoke(request);
        if (BeforeSendAsync is { } wait)
        {
            await wait(request);
        }

        var query = HttpUtility.ParseQueryString(request.RequestUri!.Query);
        var response = await base.SendAsync(request, cancellationToken);
        var sent = new Sent(request.Method.Method, Uri.UnescapeDataString(request.RequestUri.AbsolutePath), query["comp"], query["blockid"], (int)response.StatusCode);
        Requests.Enqueue(sent);
        if (response.IsSuccessStatusCode)
        {
            AfterSuccess?.Invoke(sent);
        }

        return response;
    }
}
