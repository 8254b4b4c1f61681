using Microsoft.Playwright;

namespace Scipion.Web.Tests;

/// <summary>
/// Debian's Chromium, driven by Playwright through ExecutablePath: Playwright's own browser download cannot work
/// without internet. scripts/install-browser.sh installs it; CHROMIUM may name another binary.
/// </summary>
public static class Chromium
{
    public const string DefaultPath = "/usr/bin/chromium";

    // Without the background-networking flags Chromium keeps dialling Google's hosts, which a closed network refuses.
    private static readonly string[] Flags =
    [
        "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync",
    ];

    public static string Path =>
        Environment.GetEnvironmentVariable("CHROMIUM") is { Length: > 0 } configured ? configured : DefaultPath;

    public static async Task<(IPlaywright Playwright, IBrowser Browser)> LaunchAsync()
    {
        if (!File.Exists(Path))
        {
            throw new InvalidOperationException(
                $"Chromium is not installed at {Path}: run scripts/install-browser.sh (it installs Debian's chromium package).");
        }

        var playwright = await Playwright.CreateAsync();
        try
        {
            // Playwright gives each launch a fresh, empty profile (user data dir) of its own.
            var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
            {
                ExecutablePath = Path,
                Headless = true,
                ChromiumSandbox = false,
                Args = Flags,
            });
            return (playwright, browser);
        }
        catch (PlaywrightException e)
        {
            playwright.Dispose();
            throw new InvalidOperationException($"Chromium at {Path} did not start under Playwright; scripts/install-browser.sh checks it runs. {e.Message}", e);
        }
    }
}
