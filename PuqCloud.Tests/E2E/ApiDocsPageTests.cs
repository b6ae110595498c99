using PuqCloud.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace PuqCloud.Tests.E2E;

/// <summary>The API docs page (Swagger UI) works under the site's Content-Security-Policy: it loads and lists the operations.</summary>
[Collection(BrowserCollection.Name)]
public sealed class ApiDocsPageTests(BrowserFixture browser) : BrowserTest(browser)
{
    [Fact]
    public async Task The_docs_page_lists_the_operations_without_a_blocked_script()
    {
        await using var person = await Browser.NewPersonAsync(App.ServerAddress);
        var page = await person.NewPageAsync();

        await page.GotoAsync("/api/docs");

        await Expect(page.Locator(".opblock").First).ToBeVisibleAsync();
        Browser.TakePolicyViolations().Should().BeEmpty();
    }
}
