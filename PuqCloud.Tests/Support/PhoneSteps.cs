using Microsoft.Playwright;

namespace PuqCloud.Tests.Support;

/// <summary>A person on a phone (390 × 844, the width of a current iPhone) and what such a screen must not do.</summary>
public static class PhoneSteps
{
    /// <summary>A phone that asks for no less motion than usual: the phone journeys see the console's animations (desktop journeys ask for reduced motion).</summary>
    public static Task<IBrowserContext> NewPhonePersonAsync(this BrowserFixture browser, Uri baseAddress) => browser.Browser.NewContextAsync(new BrowserNewContextOptions
    {
        BaseURL = baseAddress.ToString().TrimEnd('/'),
        ViewportSize = new ViewportSize { Width = 390, Height = 844 },
        Locale = "en-GB",
        IsMobile = true,
        HasTouch = true,
    });

    /// <summary>The page does not scroll sideways: nothing sticks out past the right edge of the screen.</summary>
    public static async Task AssertFitsTheScreenAsync(this IPage page, string what)
    {
        var overflow = await page.EvaluateAsync<string>("""
            () => {
                const width = document.documentElement.clientWidth;
                const wide = [...document.querySelectorAll('body *')]
                    .filter(e => { const r = e.getBoundingClientRect(); return r.width > 0 && r.right > width + 1 && getComputedStyle(e).position !== 'fixed'
                        && !e.closest('.puq-table-scroll, .mud-table-container, .mud-popover-provider'); })
                    .slice(0, 5).map(e => `${e.tagName.toLowerCase()}.${[...e.classList].join('.')} right=${Math.round(e.getBoundingClientRect().right)}`);
                return document.documentElement.scrollWidth > width + 1 || wide.length ? `scrollWidth=${document.documentElement.scrollWidth} width=${width} ${wide.join(', ')}` : '';
            }
            """);
        overflow.Should().BeEmpty($"{what} should fit a 390 px wide screen");
    }

    /// <summary>
    /// The element is entirely inside the screen's width (not cut off at the right). A drop-down's menu is drawn off screen
    /// (x = −9999) until MudBlazor's script places it, later on a busy machine: the position is read again for a few seconds
    /// before the element counts as outside.
    /// </summary>
    public static async Task AssertWithinScreenAsync(this ILocator locator, string what)
    {
        var width = await locator.Page.EvaluateAsync<int>("() => document.documentElement.clientWidth");
        var deadline = DateTime.UtcNow.AddSeconds(5);
        while (true)
        {
            var box = await locator.BoundingBoxAsync();
            box.Should().NotBeNull($"{what} should be on the page");
            var within = box!.X >= 0 && box.X + box.Width <= width + 1;
            if (within) return;
            if (DateTime.UtcNow > deadline)
                within.Should().BeTrue($"{what} should be within the {width} px screen (x={box.X}, width={box.Width})");
            await Task.Delay(100);
        }
    }
}
