using Microsoft.Extensions.DependencyInjection;
using PuqCloud.Tests.Support;

namespace PuqCloud.Tests.E2E;

/// <summary>A browser test class: its own app on a loopback port (SQLite), started before and stopped after its tests.</summary>
/// <remarks>Each subclass names its browser collection itself ([Collection(BrowserCollection.Name)] or the catalog one): within a collection the browser is shared and the tests run one after another.</remarks>
/// <param name="settings">Configuration the app starts with (the test clock, say), on top of the test defaults.</param>
public abstract class BrowserTest(BrowserFixture browser, bool bootstrapAdmin = true, Action<IServiceCollection>? services = null,
    IDictionary<string, string?>? settings = null) : IAsyncLifetime
{
    protected BrowserFixture Browser { get; } = browser;
    protected PuqAppFactory App { get; set; } = default!;

    public async Task InitializeAsync()
    {
        Browser.TakePolicyViolations();
        App = await PuqAppFactory.StartAsync(TestDatabase.Sqlite, kestrel: true, bootstrapAdmin: bootstrapAdmin, settings: settings, services: services);
    }

    /// <summary>Stops the app; a test whose pages needed something the Content-Security-Policy blocked fails here.</summary>
    public async Task DisposeAsync()
    {
        await App.DisposeAsync();
        Browser.TakePolicyViolations().Should().BeEmpty("the console must work under its Content-Security-Policy");
    }
}
