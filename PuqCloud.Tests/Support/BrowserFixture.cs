using Microsoft.Playwright;

namespace PuqCloud.Tests.Support;

/// <summary>
/// Debian's Chromium (its headless shell: the renderer without the desktop browser around it, about a seventh less CPU
/// for the page crawl) driven by Playwright, shared by the browser tests of a collection (which run one after another).
/// A missing browser is a failure that says what to install, never a skip.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    public IPlaywright Playwright { get; private set; } = default!;
    public IBrowser Browser { get; private set; } = default!;

    public async Task InitializeAsync()
    {
        var executable = Environment.GetEnvironmentVariable("PUQ_TEST_CHROMIUM") is { Length: > 0 } path ? path : "/usr/bin/chromium-headless-shell";
        if (!File.Exists(executable))
            throw new InvalidOperationException($"Chromium is not at {executable}: run the tests with scripts/test.sh, which installs Debian's chromium-headless-shell, or set PUQ_TEST_CHROMIUM.");
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

    private readonly System.Collections.Concurrent.ConcurrentQueue<string> _policyViolations = new();

    /// <summary>A fresh context (own cookies) for a person, with a desktop-sized window; what the page's CSP blocks is recorded.</summary>
    /// <param name="reducedMotion">
    /// The person asks their system for less motion, as most journeys do: the console then animates nothing (app.css), so
    /// the browser does not repaint a pulsing dot or a sliding tab while a test waits, and nothing has to settle before a
    /// check. The journeys that pass false see the animations everybody else sees.
    /// </param>
    public async Task<IBrowserContext> NewPersonAsync(Uri baseAddress, bool reducedMotion = true)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = baseAddress.ToString().TrimEnd('/'),
            ViewportSize = new ViewportSize { Width = 1360, Height = 860 },
            Locale = "en-GB",
            ReducedMotion = reducedMotion ? ReducedMotion.Reduce : ReducedMotion.NoPreference,
        });
        context.Console += (_, message) =>
        {
            if (message.Text.Contains("Content Security Policy", StringComparison.Ordinal))
                _policyViolations.Enqueue($"{message.Page?.Url}: {message.Text}");
            if (message.Type is "error" or "warning") BrowserConsole.Record(context, $"{message.Type}: {message.Text}");
        };
        return context;
    }

    /// <summary>What the Content-Security-Policy blocked since the last call (a script, style or connection the console needed).</summary>
    public IReadOnlyList<string> TakePolicyViolations()
    {
        var taken = new List<string>();
        while (_policyViolations.TryDequeue(out var violation)) taken.Add(violation);
        return taken;
    }
}

/// <summary>The last errors and warnings each person's browser wrote to its console, for a failing step to quote.</summary>
public static class BrowserConsole
{
    private const int Kept = 10;
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<IBrowserContext, System.Collections.Concurrent.ConcurrentQueue<string>> Messages = new();

    public static void Record(IBrowserContext context, string message)
    {
        var queue = Messages.GetOrCreateValue(context);
        queue.Enqueue(message);
        while (queue.Count > Kept) queue.TryDequeue(out _);
    }

    public static IReadOnlyList<string> Recent(IBrowserContext context) =>
        Messages.TryGetValue(context, out var queue) ? queue.ToArray() : [];
}

/// <summary>
/// The browser journeys run in two collections of about the same length, each with its own Chromium, side by side: within
/// a collection one after another. Never more than two browsers at once on the two cores (with a third collection, a
/// journey once waited 30 s for a page the busy machine had not yet drawn), while a third slot runs the other tests
/// (LongestFirstCollectionOrderer).
/// </summary>
[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<BrowserFixture>
{
    /// <summary>Staff, automation, monitoring and the shell (dashboard, reconnection), and the light page crawl with its control walk.</summary>
    public const string Name = "Browser: staff, automation, monitoring and the light crawl";
}

[CollectionDefinition(Name)]
public sealed class CatalogBrowserCollection : ICollectionFixture<BrowserFixture>
{
    /// <summary>Catalog, clients, the client area and finance.</summary>
    public const string Name = "Browser: catalog, clients and finance";
}

/// <summary>Screenshots of the pages a change touched, for people to look at: artifacts/screenshots at the repository root.</summary>
public static class Screenshots
{
    public static string Folder { get; } = Directory.CreateDirectory(Path.Combine(RepositoryRoot.Path, "artifacts", "screenshots")).FullName;

    /// <summary>Whether pictures are taken: PUQ_TEST_SCREENSHOTS=0 turns them off (CI, where nobody looks at them and they cost CPU).</summary>
    public static bool Enabled { get; } = Environment.GetEnvironmentVariable("PUQ_TEST_SCREENSHOTS") != "0";

    /// <summary>The whole page as it is now, without the toasts (they come and go on their own timer; waiting them out cost seconds a picture).</summary>
    public static Task SaveAsync(IPage page, string name) => !Enabled ? Task.CompletedTask :
        page.ScreenshotAsync(new PageScreenshotOptions
        {
            Path = Path.Combine(Folder, name + ".png"),
            FullPage = true,
            Style = ".mud-snackbar { visibility: hidden !important; }",
        });
}
