using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace PuqCloud.Tests.Support;

/// <summary>
/// axe-core's WCAG 2 A and AA rules on the page as it is now: a serious or critical violation fails the journey,
/// naming the rule and the elements, so that every page stays usable with a screen reader and readable in both themes.
/// </summary>
public static class Accessibility
{
    private static readonly AxeRunOptions Wcag2 = new()
    {
        RunOnly = new RunOnlyOptions { Type = "tag", Values = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] },
    };

    public static async Task AssertAccessibleAsync(this IPage page, string what)
    {
        // Colours are measured as a person sees them once a dialog has finished fading in. Toasts come and go on
        // their own timer, so a check could catch one mid-fade: they are hidden while axe runs (their colours are
        // the theme's filled colours, which pages use everywhere else).
        await page.WaitForFunctionAsync("() => document.getAnimations().every(a => a.playState !== 'running' || a.effect?.getTiming().iterations === Infinity)");
        await page.EvaluateAsync("() => document.querySelectorAll('.mud-snackbar').forEach(e => e.style.visibility = 'hidden')");
        AxeResult result;
        try
        {
            result = await page.RunAxe(Wcag2);
        }
        finally
        {
            await page.EvaluateAsync("() => document.querySelectorAll('.mud-snackbar').forEach(e => e.style.visibility = '')");
        }
        var serious = result.Violations.Where(v => v.Impact is "serious" or "critical").ToList();
        var report = string.Join("\n", serious.Select(v =>
            $"- {v.Id} ({v.Impact}): {v.Help}\n" + string.Join("\n", v.Nodes.Take(5).Select(n => $"    {n.Target}: {Shorten(n.Html)}"))));
        serious.Should().BeEmpty($"{what} should pass WCAG 2 A/AA without serious violations:\n{report}");
    }

    private static string Shorten(string html) => html.Length <= 160 ? html : html[..160] + "…";
}
