using Microsoft.Playwright;

namespace PuqCloud.Tests.Support;

/// <summary>
/// Debian's Chromium driven by Playwright, shared by the browser tests (which run one after another).
/// A missing browser is a failure that says what to install, never a skip.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    public IPlaywright Playwright { get; private set; } = default!;
    public IBrowser Browser { get; private set; } = default!;

    public async Task InitializeAsync()
    {
        var executable = Environment.GetEnvironmentVariable("PUQ_TEST_CHROMIUM") is { Length: > 0 } path ? path : "/usr/bin/chromium";
        if (!File.Exists(executable))
            throw new InvalidOperationException($"Chromium is not at {executable}: run the tests with scripts/test.sh, which installs Debian's chromium, or set PUQ_TEST_CHROMIUM.");
        // The machines have two cores and the suite runs apps, databases and a browser at once: give
        // expectations room rather than letting a slow second fail a journey.
        Assertions.SetDefaultExpectTimeout(15_000);
        Playwright = await Microsoft.Playwright.Playwright.CreateAsync();
        Browser = await Playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = executable,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage"],
        });
    }

    public async Task DisposeAsync()
    {
        await Browser.DisposeAsync();
        Playwright.Dispose();
    }

    /// <summary>A fresh context (own cookies) for a person, with a desktop-sized window.</summary>
    public Task<IBrowserContext> NewPersonAsync(Uri baseAddress) => Browser.NewContextAsync(new BrowserNewContextOptions
    {
        BaseURL = baseAddress.ToString().TrimEnd('/'),
        ViewportSize = new ViewportSize { Width = 1360, Height = 860 },
        Locale = "en-GB",
    });
}

[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<BrowserFixture>
{
    public const string Name = "Browser";
}

/// <summary>Screenshots of the pages a change touched, for people to look at: artifacts/screenshots at the repository root.</summary>
public static class Screenshots
{
    public static string Folder { get; } = Directory.CreateDirectory(Path.Combine(RepositoryRoot.Path, "artifacts", "screenshots")).FullName;

    public static Task SaveAsync(IPage page, string name) =>
        page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Folder, name + ".png"), FullPage = true });
}
