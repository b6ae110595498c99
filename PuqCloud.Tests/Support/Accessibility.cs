using System.Text.Json;
using Microsoft.Playwright;

namespace PuqCloud.Tests.Support;

/// <summary>
/// axe-core's WCAG 2 A and AA rules on the page as it is now: a serious or critical violation fails the journey,
/// naming the rule and the elements, so that every page stays usable with a screen reader and readable in both themes.
/// </summary>
/// <remarks>
/// axe-core (the copy that Deque.AxeCore.Commons ships) is evaluated once per document and asked for violations only.
/// Deque's Playwright runner injects it afresh and finishes each run in a new blank page, which made one check cost
/// 2–3.5 s; this way it costs well under one.
/// </remarks>
public static class Accessibility
{
    private static readonly Lazy<string> AxeSource = new(() =>
    {
        var assembly = typeof(Deque.AxeCore.Commons.AxeResult).Assembly;
        using var stream = assembly.GetManifestResourceStream("Deque.AxeCore.Commons.Resources.axe.min.js")
            ?? throw new InvalidOperationException("axe.min.js is not embedded in Deque.AxeCore.Commons any more.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    });

    private const string RunWcag2 = """
        async within => {
            const include = within ? Array.from(document.querySelectorAll(within)) : [document];
            if (include.length === 0) throw new Error('Nothing matches ' + within + ' to check.');
            const result = await axe.run({ include, exclude: [['.mud-snackbar']] }, {
                runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
                resultTypes: ['violations'],
            });
            return result.violations
                .filter(v => v.impact === 'serious' || v.impact === 'critical')
                .map(v => ({ id: v.id, impact: v.impact, help: v.help,
                    nodes: v.nodes.slice(0, 5).map(n => ({ target: JSON.stringify(n.target), html: n.html })) }));
        }
        """;

    /// <param name="within">
    /// A CSS selector: only what it matches is checked (an open dialog, whose page was checked before it opened: the
    /// page behind is unchanged, and checking it again cost more than the dialog). Null checks the whole document.
    /// </param>
    public static async Task AssertAccessibleAsync(this IPage page, string what, string? within = null)
    {
        // Colours are measured as a person sees them once a dialog has finished fading in. Toasts come and go on
        // their own timer (MudBlazor keeps one at opacity 0 until its fade-in time is up, even without the fade), so a
        // check could catch one half there: axe leaves them out (their colours are the theme's filled colours, which
        // pages use everywhere else).
        await page.SettleAsync();
        if (!await page.EvaluateAsync<bool>("() => typeof window.axe === 'object'"))
            await page.EvaluateAsync(AxeSource.Value);
        var serious = (await page.EvaluateAsync<JsonElement>(RunWcag2, within)).Deserialize<Violation[]>(JsonSerializerOptions.Web)!;
        var report = string.Join("\n", serious.Select(v =>
            $"- {v.Id} ({v.Impact}): {v.Help}\n" + string.Join("\n", v.Nodes.Select(n => $"    {n.Target}: {Shorten(n.Html)}"))));
        serious.Should().BeEmpty($"{what} should pass WCAG 2 A/AA without serious violations:\n{report}");
    }

    private static string Shorten(string html) => html.Length <= 160 ? html : html[..160] + "…";

    private sealed record Violation(string Id, string Impact, string Help, ViolationNode[] Nodes);

    private sealed record ViolationNode(string Target, string Html);
}
