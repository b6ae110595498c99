using PuqCloud.Tests.Support;

namespace PuqCloud.Tests.E2E;

/// <summary>The accessibility check itself: it must find what it is there to find, or every journey's check would pass for nothing.</summary>
[Collection(BrowserCollection.Name)]
public sealed class AccessibilityCheckTests(BrowserFixture browser)
{
    [Fact]
    public async Task A_faint_text_and_a_nameless_button_fail_the_check_and_are_named()
    {
        await using var context = await browser.Browser.NewContextAsync();
        var page = await context.PageWithBodyAsync("""
            <body><main><h1>Check</h1><p style="color:#bbb;background:#fff">Faint words</p><button id="nameless"></button></main></body>
            """);

        var check = () => page.AssertAccessibleAsync("a page with two faults");

        var failure = await check.Should().ThrowAsync<Exception>();
        failure.Which.Message.Should().Contain("color-contrast").And.Contain("button-name").And.Contain("#nameless");
    }

    [Fact]
    public async Task A_check_within_a_dialog_finds_its_faults_and_only_its_own()
    {
        await using var context = await browser.Browser.NewContextAsync();
        var page = await context.PageWithBodyAsync("""
            <body><main><h1>Check</h1><button id="behind"></button></main>
            <div class="dialog" role="dialog" aria-label="Edit"><p style="color:#bbb;background:#fff">Faint words</p><button id="inside"></button></div></body>
            """);

        var failure = await page.Invoking(p => p.AssertAccessibleAsync("a dialog with two faults", within: ".dialog")).Should().ThrowAsync<Exception>();
        failure.Which.Message.Should().Contain("color-contrast").And.Contain("#inside").And.NotContain("#behind");

        var nothing = await page.Invoking(p => p.AssertAccessibleAsync("a dialog that is not open", within: ".missing")).Should().ThrowAsync<Exception>();
        nothing.Which.Message.Should().Contain("Nothing matches .missing");
    }

    [Fact]
    public async Task A_plain_page_passes_the_check_twice_in_one_document()
    {
        await using var context = await browser.Browser.NewContextAsync();
        var page = await context.PageWithBodyAsync("""
            <body><main><h1>Check</h1><p>Plain words</p><button>Save</button></main></body>
            """);

        await page.AssertAccessibleAsync("a plain page");
        await page.AssertAccessibleAsync("the same page, axe already loaded");
    }
}
