using Microsoft.Extensions.DependencyInjection;
using Bunit;
using MudBlazor;
using PuqCloud.Core.Common;
using PuqCloud.Web.Components.Shared;

namespace PuqCloud.Tests.Components;

/// <summary>The console's shared pieces, one behaviour each.</summary>
public sealed class SharedComponentTests : ComponentTest
{
    [Fact]
    public void A_page_that_throws_shows_a_reference_and_a_way_out_instead_of_dying()
    {
        var boundary = Render<PageErrorBoundary>(p => p.AddChildContent<FailingPage>());

        boundary.Find("[data-testid=page-error]").TextContent.Should().Contain("Something went wrong on this page");
        boundary.Find("[data-testid=page-error-reference]").TextContent.Should().MatchRegex("^[0-9A-F]{10}$");
        boundary.Find("[data-testid=page-error-reload]");
        boundary.Markup.Should().NotContain("boom", "the exception's text stays in the server log");
    }

    private sealed class FailingPage : Microsoft.AspNetCore.Components.ComponentBase
    {
        protected override void OnInitialized() => throw new InvalidOperationException("boom");
    }

    [Fact]
    public async Task A_live_refresh_that_fails_is_logged_and_the_page_goes_on()
    {
        var panel = Render<FailingLivePanel>();

        await LiveEvents.PublishAsync(new PuqCloud.Core.Live.LiveEvent(FailingLivePanel.Topic));

        var logged = new List<string>();
        panel.WaitForAssertion(() =>
        {
            logged.AddRange(ServerErrors.TakeNew());
            logged.Should().ContainSingle(e => e.Contains("A live refresh of FailingLivePanel on test.failing failed") && e.Contains("refresh broke"));
        }, TimeSpan.FromSeconds(5));
        panel.Instance.Refreshes.Should().Be(1);
    }

    private sealed class FailingLivePanel : LiveComponentBase
    {
        public const string Topic = "test.failing";
        public int Refreshes { get; private set; }

        protected override IEnumerable<(string Topic, Func<PuqCloud.Core.Live.LiveEvent, Task> Refresh)> LiveTopics() =>
            [(Topic, _ => { Refreshes++; throw new InvalidOperationException("refresh broke"); })];
    }

    [Fact]
    public void A_live_component_hears_an_event_that_comes_while_it_loads()
    {
        var panel = Render<LoadingLivePanel>();

        panel.WaitForAssertion(() => panel.Instance.Refreshes.Should().Be(1, "the change made while the panel loaded must not be lost"), TimeSpan.FromSeconds(5));
    }

    /// <summary>Its data changes while it loads (another person saves at that moment): the event comes before its first render.</summary>
    private sealed class LoadingLivePanel : LiveComponentBase
    {
        public const string Topic = "test.loading";
        public int Refreshes { get; private set; }

        [Microsoft.AspNetCore.Components.Inject] private PuqCloud.Core.Live.ILiveEvents Events { get; set; } = default!;

        protected override void OnInitialized() => Events.PublishAsync(new PuqCloud.Core.Live.LiveEvent(Topic)).GetAwaiter().GetResult();

        protected override IEnumerable<(string Topic, Func<PuqCloud.Core.Live.LiveEvent, Task> Refresh)> LiveTopics() =>
            [(Topic, _ => { Refreshes++; return Task.CompletedTask; })];
    }

    [Fact]
    public void Yes_no_badge_says_yes_or_no()
    {
        Render<YesNoBadge>(p => p.Add(b => b.Value, true)).Markup.Should().Contain("Yes").And.Contain("mud-chip-color-success");
        Render<YesNoBadge>(p => p.Add(b => b.Value, false)).Markup.Should().Contain("No").And.NotContain("mud-chip-color-success");
    }

    [Fact]
    public void Order_controls_disable_the_moves_past_the_ends_and_report_the_direction()
    {
        var moves = new List<int>();
        var first = Render<OrderControls>(p => p.Add(c => c.Index, 0).Add(c => c.Count, 3).Add(c => c.Move, (int d) => moves.Add(d)));
        first.Find("[data-testid=move-up]").HasAttribute("disabled").Should().BeTrue();
        first.Find("[data-testid=order-index]").TextContent.Should().Be("1");
        first.Find("[data-testid=move-down]").Click();
        moves.Should().Equal(+1);

        var last = Render<OrderControls>(p => p.Add(c => c.Index, 2).Add(c => c.Count, 3).Add(c => c.Move, (int d) => moves.Add(d)));
        last.Find("[data-testid=move-down]").HasAttribute("disabled").Should().BeTrue();
        last.Find("[data-testid=move-up]").Click();
        moves.Should().Equal(+1, -1);
    }

    [Fact]
    public void Form_message_shows_only_when_there_is_a_text()
    {
        Render<FormMessage>(p => p.Add(m => m.Text, null)).Markup.Trim().Should().BeEmpty();
        var shown = Render<FormMessage>(p => p.Add(m => m.Text, "The key is taken.").Add(m => m.Style, Severity.Warning));
        shown.Find("[data-testid=form-message]").TextContent.Should().Contain("The key is taken.");
        shown.Markup.Should().Contain("mud-alert-text-warning");
    }

    [Fact]
    public void Field_error_names_its_field()
    {
        var error = Render<FieldError>(p => p.Add(e => e.For, "Key").Add(e => e.Message, "Key is required."));
        error.Find("[data-testid=error-Key]").TextContent.Should().Be("Key is required.");
        Render<FieldError>(p => p.Add(e => e.For, "Key").Add(e => e.Message, null)).Markup.Trim().Should().BeEmpty();
    }

    [Fact]
    public void Switch_field_reports_its_new_value()
    {
        bool? changed = null;
        var field = Render<SwitchField>(p => p.Add(f => f.Label, "Visible").Add(f => f.TestId, "visible").Add(f => f.Value, false)
            .Add(f => f.ValueChanged, (bool v) => changed = v));
        field.Markup.Should().Contain("Visible");
        field.Find("input[data-testid=visible]").Change(true);
        changed.Should().BeTrue();
    }

    [Fact]
    public void Page_header_shows_breadcrumbs_title_and_the_key_beside_a_name()
    {
        var header = Render<PageHeader>(p => p.Add(h => h.Title, "Cloud VPS").Add(h => h.Key, "cloud-vps")
            .Add(h => h.Crumbs, [("Products", "/admin/products")]));
        header.Find("[data-testid=page-title]").TextContent.Should().Contain("Cloud VPS");
        header.Find("[data-testid=page-key]").TextContent.Should().Be("cloud-vps");
        header.Find("[data-testid=breadcrumbs] a").GetAttribute("href").Should().Be("/admin/products");

        Render<PageHeader>(p => p.Add(h => h.Title, "same").Add(h => h.Key, "same")).FindAll("[data-testid=page-key]").Should().BeEmpty();
    }

    [Fact]
    public void Grid_state_becomes_a_page_request_with_a_whitelisted_sort_key()
    {
        var state = new GridState<object> { Page = 2, PageSize = 25, SortDefinitions = [new SortDefinition<object>("CreatedAt", true, 0, _ => 0)] };
        state.ToPageRequest("acme").Should().Be(new PageRequest("acme", 3, 25, "-createdAt"));
        new GridState<object> { Page = 0, PageSize = 10 }.ToPageRequest(null).Should().Be(new PageRequest(null, 1, 10, null));

        var data = new PagedResult<string>(["a", "b"], 7, 1, 2).ToGridData();
        data.Items.Should().Equal("a", "b");
        data.TotalItems.Should().Be(7);
        ((PagedResult<string>?)null).ToGridData().TotalItems.Should().Be(0);
    }

    [Fact]
    public void The_theme_switch_switches_the_open_page_and_keeps_a_link_for_static_pages()
    {
        var switches = 0;
        var themeSwitch = new ThemeSwitch(() => { switches++; return Task.CompletedTask; });
        var preferences = Render<PreferenceSwitches>(p => p.Add(x => x.Dark, false).AddCascadingValue(themeSwitch));

        var link = preferences.Find("[data-testid=theme-switch]");
        link.GetAttribute("href").Should().StartWith("/preferences/theme?value=dark&", "a static page (sign-in) switches through the server");
        link.GetAttribute("aria-label").Should().Be("Switch to dark theme");
        link.Click();

        switches.Should().Be(1, "on an interactive page the click switches where the page stands instead of following the link");
        preferences.Render(p => p.Add(x => x.Dark, true));
        preferences.Find("[data-testid=theme-switch]").GetAttribute("aria-label").Should().Be("Switch to light theme");
    }
}
