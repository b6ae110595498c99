using System.Text.RegularExpressions;
using PuqCloud.Tests.Support;

namespace PuqCloud.Tests.E2E;

/// <summary>The journeys' own steps, where a failure must explain itself: the browser is closed by the time anyone reads it.</summary>
[Collection(BrowserCollection.Name)]
public sealed class BrowserStepsTests(BrowserFixture browser)
{
    [Fact]
    public async Task An_address_that_does_not_come_fails_with_what_the_page_showed_and_the_console_said()
    {
        await using var context = await browser.NewPersonAsync(new Uri("http://127.0.0.1:9"));
        var page = await context.PageWithBodyAsync("""
            <body><main><h1>New service</h1><p>Choose a price.</p></main><script>console.error('The circuit went away')</script></body>
            """);

        var wait = () => page.WaitForAddressAsync(new Regex("/admin/services/[0-9a-f-]{36}$"), 500);

        var failure = await wait.Should().ThrowAsync<TimeoutException>();
        failure.Which.Message.Should().Contain("The address stayed about:blank").And.Contain("Choose a price.").And.Contain("error: The circuit went away");
    }
}
