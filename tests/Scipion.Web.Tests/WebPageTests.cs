using System.Net;
using System.Text.Json;
using Microsoft.Playwright;
using Scipion.Synthetic;
using Scipion.Testing;

namespace Scipion.Web.Tests;

[Collection(WebCollection.Name)]
public sealed class WebPageTests(WebFixture fixture)
{
    private const int BlockKiB = 256;
    private const int BlocksBeforeTheCut = 5;
    private static readonly float RunLimitMs = (float)TimeSpan.FromMinutes(8).TotalMilliseconds;

    [Fact]
    public async Task A_user_signs_in_shares_a_project_resumes_an_interrupted_upload_aligns_the_movie_and_sees_its_drift_plot()
    {
        var alice = ApiClient.NewUser("alice");
        var bob = ApiClient.NewUser("bob");
        var page = await fixture.NewPageAsync();
        // Routes do not see requests that follow a redirect; request events see every one.
        var toStorage = new System.Collections.Concurrent.ConcurrentBag<IRequest>();
        page.Request += (_, request) =>
        {
            if (request.Url.StartsWith(BlobRequests.Origin(fixture.Azurite.BlobPort), StringComparison.Ordinal))
            {
                toStorage.Add(request);
            }
        };
        await PageSteps.SignInAsync(page, alice);
        var projectId = await PageSteps.CreateProjectAsync(page, "Apoferritin web");

        await page.FillAsync("#share [name=user]", bob);
        await page.SelectOptionAsync("#share [name=role]", "reader");
        await page.ClickAsync("#share button[type=submit]");
        await page.Locator($"#members li[data-member='{bob}']").Filter(new() { HasText = "reader" }).WaitForAsync();

        var movie = Path.Combine(Directory.CreateTempSubdirectory("web-movie-").FullName, "movie_001.mrcs");
        new SyntheticMovie { Seed = 3 }.Write(movie);
        var size = new FileInfo(movie).Length;
        var blocks = (int)((size + (BlockKiB * 1024) - 1) / (BlockKiB * 1024));
        var row = page.Locator("#upload-files-table tr[data-path='Movies/movie_001.mrcs']");

        // First attempt: the network to storage goes after a few blocks, and the tab is reloaded (as if closed).
        var cut = new BlobRequests { CutAfterBlocks = BlocksBeforeTheCut };
        var pattern = BlobRequests.Pattern(fixture.Azurite.BlobPort);
        await page.RouteAsync(pattern, cut.HandleAsync);
        await page.FillAsync("#block-size", BlockKiB.ToString());
        await page.SetInputFilesAsync("#upload-files", movie);
        await page.Locator($"#upload-files-table tr[data-staged='{BlocksBeforeTheCut}']").WaitForAsync();
        Assert.Equal(0, cut.BlockLists);

        var resumed = new BlobRequests();
        await page.UnrouteAllAsync(new() { Behavior = UnrouteBehavior.IgnoreErrors });
        await page.RouteAsync(pattern, resumed.HandleAsync);
        await page.ReloadAsync();
        await page.Locator("#resumable li[data-path='Movies/movie_001.mrcs']")
            .Filter(new() { HasText = $"{BlocksBeforeTheCut} of {blocks} blocks" }).WaitForAsync();
        await PageSteps.ScreenshotAsync(page, "resumable-upload.png");

        // Second attempt: the same file chosen again sends only the blocks storage does not have yet.
        await page.SetInputFilesAsync("#upload-files", movie);
        await row.And(page.Locator("[data-state='done']")).WaitForAsync();

        Assert.Equal(blocks - BlocksBeforeTheCut, resumed.StagedBlockIds.Count);
        Assert.Empty(resumed.StagedBlockIds.Intersect(cut.StagedBlockIds));
        Assert.Equal(1, resumed.BlockLists);
        Assert.Equal(await File.ReadAllBytesAsync(movie), await Runs.DownloadAsync(fixture.Api, alice, projectId, "Movies/movie_001.mrcs"));
        // The files list sits in a folded panel: present, not necessarily visible.
        await page.Locator($"#files tr[data-path='Movies/movie_001.mrcs'][data-size='{size}']").WaitForAsync(new() { State = WaitForSelectorState.Attached });
        await page.UnrouteAllAsync(new() { Behavior = UnrouteBehavior.IgnoreErrors });

        // Movie alignment from the form the page generated from GET /api/tools.
        await page.SelectOptionAsync("#tool", "movie-alignment");
        await page.FillAsync("#tool-form [name='inputs.movies']", "Movies/*.mrcs");
        await page.FillAsync("#tool-form [name='parameters.pixelSize']", "1");
        await page.FillAsync("#tool-form [name='parameters.patches.0']", "1");
        await page.FillAsync("#tool-form [name='parameters.patches.1']", "1");
        var plotRead = page.WaitForRequestAsync(
            r => r.Method == "GET" && r.Url.StartsWith(BlobRequests.Origin(fixture.Azurite.BlobPort), StringComparison.Ordinal) && r.Url.Contains("/drift.png", StringComparison.Ordinal),
            new() { Timeout = RunLimitMs });
        await page.ClickAsync("#tool-form button[type=submit]");

        var run = page.Locator("#run[data-status='Completed'], #run[data-status='Failed'], #run[data-status='Canceled']");
        await run.WaitForAsync(new() { Timeout = RunLimitMs });
        Assert.True(await run.GetAttributeAsync("data-status") == "Completed", await page.Locator("#run").InnerTextAsync());
        Assert.True(await page.Locator("#steps tbody tr").CountAsync() > 0);

        var drift = page.Locator("#run-images img[data-output$='/drift.png']");
        await drift.WaitForAsync();
        await page.WaitForFunctionAsync("img => img.complete && img.naturalWidth > 0", await drift.ElementHandleAsync());
        await page.Locator("#run-outputs [data-output$='/drift.png']").WaitForAsync();
        // The plot came from storage through the API's redirect, and the bearer token stayed with the API.
        // Playwright may report a request after the page has used its response, so wait for the event itself.
        var read = await plotRead;
        Assert.False((await read.AllHeadersAsync()).ContainsKey("authorization"), $"{read.Url} carried the token");
        foreach (var request in toStorage)
        {
            Assert.False((await request.AllHeadersAsync()).ContainsKey("authorization"), $"{request.Method} {request.Url} carried the token");
        }
        await PageSteps.ScreenshotAsync(page, "movie-alignment.png");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task An_upload_whose_signature_expires_midway_asks_for_a_new_one_and_goes_on()
    {
        var dave = ApiClient.NewUser("dave");
        var page = await fixture.NewPageAsync();
        await PageSteps.SignInAsync(page, dave);
        var projectId = await PageSteps.CreateProjectAsync(page, "Expiring grants");
        var grants = 0;
        await page.RouteAsync("**/api/projects/*/uploads", async route =>
        {
            Interlocked.Increment(ref grants);
            await route.ContinueAsync();
        });
        var storage = new BlobRequests { ExpireAfterBlocks = 3 };
        await page.RouteAsync(BlobRequests.Pattern(fixture.Azurite.BlobPort), storage.HandleAsync);

        var file = Path.Combine(Directory.CreateTempSubdirectory("web-grant-").FullName, "movie_002.mrcs");
        new SyntheticMovie { Seed = 4, Frames = 4 }.Write(file);
        await page.FillAsync("#block-size", "64");
        await page.SetInputFilesAsync("#upload-files", file);
        await page.Locator("#upload-files-table tr[data-path='Movies/movie_002.mrcs'][data-state='done']").WaitForAsync();

        Assert.Equal(1, storage.ExpiredResponses);
        Assert.Equal(2, grants);
        Assert.Equal(await File.ReadAllBytesAsync(file), await Runs.DownloadAsync(fixture.Api, dave, projectId, "Movies/movie_002.mrcs"));
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task A_refused_run_shows_the_problem_title_and_detail()
    {
        var page = await fixture.NewPageAsync();
        await PageSteps.SignInAsync(page, ApiClient.NewUser("carol"));
        await PageSteps.CreateProjectAsync(page, "Empty project");

        await page.SelectOptionAsync("#tool", "movie-alignment");
        await page.FillAsync("#tool-form [name='inputs.movies']", "Movies/*.mrcs");
        await page.FillAsync("#tool-form [name='parameters.pixelSize']", "1");
        await page.ClickAsync("#tool-form button[type=submit]");

        var problem = await PageSteps.ProblemTextAsync(page);
        Assert.Contains("Invalid request", problem, StringComparison.Ordinal);
        Assert.Contains("'Movies/*.mrcs' matches", problem, StringComparison.Ordinal);
        await PageSteps.ScreenshotAsync(page, "refused-run.png");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task The_page_is_served_at_the_root_and_under_the_functions_route_and_api_routes_still_answer_problems()
    {
        using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = fixture.Host.BaseAddress };

        var root = await http.GetStringAsync("/");
        Assert.Contains("<script type=\"module\" src=\"js/app.js\">", root, StringComparison.Ordinal);
        Assert.Equal(root, await http.GetStringAsync("/api/ui/"));
        using var bare = await http.GetAsync("/api/ui");
        Assert.Equal(HttpStatusCode.Redirect, bare.StatusCode);
        Assert.Equal("/api/ui/", bare.Headers.Location?.ToString());

        using var script = await http.GetAsync("/js/app.js");
        Assert.Equal("text/javascript", script.Content.Headers.ContentType?.MediaType);
        var signIn = JsonDocument.Parse(await http.GetStringAsync("/api/ui/auth-config.json")).RootElement;
        Assert.Equal("development", signIn.GetProperty("mode").GetString());

        using var outside = await http.GetAsync("/api/ui/..%2Fappsettings.json");
        Assert.Equal(HttpStatusCode.NotFound, outside.StatusCode);
        using var unknown = await http.GetAsync("/api/no-such-route");
        await Problem.AssertAsync(unknown, HttpStatusCode.NotFound);
        using var anonymous = await http.GetAsync("/api/projects");
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
    }
}
