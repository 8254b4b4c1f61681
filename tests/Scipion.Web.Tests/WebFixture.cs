using Microsoft.Playwright;
using Scipion.Testing;

namespace Scipion.Web.Tests;

/// <summary>One Azurite, one local host and one headless Chromium for the whole run; each test opens its own context.</summary>
public sealed class WebFixture : IAsyncLifetime
{
    public Azurite Azurite { get; private set; } = null!;

    public LocalHostInstance Host { get; private set; } = null!;

    public ApiClient Api { get; private set; } = null!;

    public IBrowser Browser { get; private set; } = null!;

    private IPlaywright? _playwright;

    /// <summary>Where screenshots go: beside the test binaries, so a CI run can keep them.</summary>
    public static string ScreenshotFolder { get; } = Path.Combine(AppContext.BaseDirectory, "screenshots");

    public async Task InitializeAsync()
    {
        // The browser first: without it nothing here can run, and its message says how to get it.
        (_playwright, Browser) = await Chromium.LaunchAsync();
        Azurite = await Azurite.StartAsync();
        Host = await LocalHostInstance.StartAsync(Azurite);
        Api = new ApiClient(Host);
    }

    public async Task<IPage> NewPageAsync()
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = Host.BaseAddress.ToString(),
            ViewportSize = new ViewportSize { Width = 1400, Height = 1000 },
        });
        return await context.NewPageAsync();
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }

        _playwright?.Dispose();
        if (Host is not null)
        {
            await Host.DisposeAsync();
        }

        if (Azurite is not null)
        {
            await Azurite.DisposeAsync();
        }
    }
}

[CollectionDefinition(Name)]
public sealed class WebCollection : ICollectionFixture<WebFixture>
{
    public const string Name = "web page";
}
