using Scipion.Synthetic;
using Scipion.Testing;

namespace Scipion.Web.Tests;

/// <summary>
/// The page asks for a fresh upload grant per batch of blocks (web/js/uploader.js, 16 blocks), so a member removed
/// from the project stops within one batch, not when a grant expires.
/// </summary>
[Collection(WebCollection.Name)]
public sealed class GrantPerBatchWebTests(WebFixture fixture)
{
    private const int BlocksPerGrant = 16;

    [Fact]
    public async Task A_long_upload_asks_for_a_fresh_grant_for_each_batch_of_blocks()
    {
        var erin = ApiClient.NewUser("erin");
        var page = await fixture.NewPageAsync();
        await PageSteps.SignInAsync(page, erin);
        var projectId = await PageSteps.CreateProjectAsync(page, "Grant batches");
        var grants = 0;
        await page.RouteAsync("**/api/projects/*/uploads", async route =>
        {
            Interlocked.Increment(ref grants);
            await route.ContinueAsync();
        });

        var file = Path.Combine(Directory.CreateTempSubdirectory("web-batches-").FullName, "movie_003.mrcs");
        new SyntheticMovie { Seed = 5, Frames = 8 }.Write(file);
        await page.FillAsync("#block-size", "64");
        await page.SetInputFilesAsync("#upload-files", file);
        await page.Locator("#upload-files-table tr[data-path='Movies/movie_003.mrcs'][data-state='done']").WaitForAsync();

        var blocks = (int)Math.Ceiling(new FileInfo(file).Length / (64.0 * 1024));
        var requests = blocks + 1;
        Assert.InRange(grants, (requests + BlocksPerGrant - 1) / BlocksPerGrant, requests);
        Assert.Equal(await File.ReadAllBytesAsync(file), await Runs.DownloadAsync(fixture.Api, erin, projectId, "Movies/movie_003.mrcs"));
        await page.Context.CloseAsync();
    }
}
