using Microsoft.Playwright;

namespace Scipion.Web.Tests;

/// <summary>What a user does on the page, one step at a time, through its visible controls.</summary>
public static class PageSteps
{
    public static async Task SignInAsync(IPage page, string user)
    {
        await page.GotoAsync("/");
        await page.FillAsync("#sign-in-user", user);
        await page.ClickAsync("#sign-in button[type=submit]");
        await page.Locator("#user-name").Filter(new() { HasText = user }).WaitForAsync();
    }

    /// <returns>The new project's id, which the page puts in its address.</returns>
    public static async Task<string> CreateProjectAsync(IPage page, string name)
    {
        await page.FillAsync("#create-project [name=name]", name);
        await page.FillAsync("#create-project [name=description]", "made by the web page test");
        await page.ClickAsync("#create-project button[type=submit]");
        await page.Locator("#project-title").Filter(new() { HasText = name }).WaitForAsync();
        return new Uri(page.Url).Fragment.Split("project=")[1];
    }

    /// <summary>A problem box the page shows, as text (title and detail), once it appears.</summary>
    public static async Task<string> ProblemTextAsync(IPage page)
    {
        var problem = page.Locator("#problems .problem").First;
        await problem.WaitForAsync();
        return await problem.InnerTextAsync();
    }

    public static async Task ScreenshotAsync(IPage page, string name)
    {
        Directory.CreateDirectory(WebFixture.ScreenshotFolder);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(WebFixture.ScreenshotFolder, name), FullPage = true });
    }
}
