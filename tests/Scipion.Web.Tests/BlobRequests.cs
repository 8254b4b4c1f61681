using System.Collections.Concurrent;
using System.Web;
using Microsoft.Playwright;

namespace Scipion.Web.Tests;

/// <summary>
/// Watches the page's requests to the blob endpoint by route interception: counts Put Block (with their block ids)
/// and Put Block List, and can cut the network after some blocks, as a dropped connection would, or refuse one
/// block the way storage refuses an expired signature.
/// </summary>
public sealed class BlobRequests
{
    private int _passed;
    private int _expired;

    /// <summary>Blocks let through before every further Put Block fails as a network error.</summary>
    public int CutAfterBlocks { get; init; } = int.MaxValue;

    /// <summary>Blocks let through before one Put Block is answered 403 AuthenticationFailed, as for an expired SAS.</summary>
    public int ExpireAfterBlocks { get; init; } = int.MaxValue;

    public ConcurrentBag<string> StagedBlockIds { get; } = [];

    public int BlockLists;

    public int ExpiredResponses => _expired;

    public static string Origin(int blobPort) => $"http://127.0.0.1:{blobPort}/";

    public static string Pattern(int blobPort) => $"{Origin(blobPort)}**";

    public async Task HandleAsync(IRoute route)
    {
        var request = route.Request;
        var query = HttpUtility.ParseQueryString(new Uri(request.Url).Query);
        if (request.Method == "PUT" && query["comp"] == "block")
        {
            if (Volatile.Read(ref _passed) >= CutAfterBlocks)
            {
                await route.AbortAsync("internetdisconnected");
                return;
            }

            if (Volatile.Read(ref _passed) >= ExpireAfterBlocks && Interlocked.CompareExchange(ref _expired, 1, 0) == 0)
            {
                await route.FulfillAsync(new RouteFulfillOptions
                {
                    Status = 403,
                    ContentType = "application/xml",
                    Headers = new Dictionary<string, string> { ["Access-Control-Allow-Origin"] = request.Headers["origin"] },
                    Body = "<?xml version=\"1.0\" encoding=\"utf-8\"?><Error><Code>AuthenticationFailed</Code>" +
                           "<Message>Signed expiry time has to be after signed start time.</Message></Error>",
                });
                return;
            }

            if (Interlocked.Increment(ref _passed) > CutAfterBlocks)
            {
                // Another block raced past the check above; it is cut like the rest.
                await route.AbortAsync("internetdisconnected");
                return;
            }

            StagedBlockIds.Add(query["blockid"]!);
        }
        else if (request.Method == "PUT" && query["comp"] == "blocklist")
        {
            Interlocked.Increment(ref BlockLists);
        }

        await route.ContinueAsync();
    }
}
