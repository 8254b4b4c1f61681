using System.Collections.Concurrent;
using System.Web;
using Microsoft.Playwright;

namespace Scipion.Web.Tests;

/// <summary>
/// Watches the page's requests to the blob endpoint by route interception: counts Put Block (with their block ids)
/// and Put Block List, and can cut the network after a number of blocks, as a dropped connection would.
/// </summary>
public sealed class BlobRequests(int? allowedBlocks = null)
{
    private int _allowed = allowedBlocks ?? int.MaxValue;

    public ConcurrentBag<string> StagedBlockIds { get; } = [];

    public int RefusedBlocks;

    public int BlockLists;

    public static string Pattern(int blobPort) => $"http://127.0.0.1:{blobPort}/**";

    public async Task HandleAsync(IRoute route)
    {
        var request = route.Request;
        var query = HttpUtility.ParseQueryString(new Uri(request.Url).Query);
        if (request.Method == "PUT" && query["comp"] == "block")
        {
            if (Interlocked.Decrement(ref _allowed) < 0)
            {
                Interlocked.Increment(ref RefusedBlocks);
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
