using Microsoft.Playwright;

namespace PuqCloud.Tests.Support;

/// <summary>
/// axe checks collected along a journey that goes on past a finding and fails at its end with every page's
/// violations at once, so that one run shows all that needs fixing.
/// </summary>
public sealed class AccessibilityFindings
{
    private readonly List<string> _violations = [];

    public async Task CheckAsync(IPage page, string what, string? within = null)
    {
        try
        {
            await page.AssertAccessibleAsync(what, within);
        }
        catch (Exception e) when (e.GetType().Name == "XunitException")
        {
            _violations.Add(e.Message.Split(", but found")[0]);
        }
    }

    /// <summary>Other problems found on the way (a server error a view caused), reported with the violations.</summary>
    public void Add(IEnumerable<string> problems) => _violations.AddRange(problems);

    public void ShouldBeNone() => _violations.Should().BeEmpty();
}
