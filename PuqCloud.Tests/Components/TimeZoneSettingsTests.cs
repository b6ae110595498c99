using Microsoft.Extensions.DependencyInjection;
using Bunit;
using PuqCloud.Core.Common;
using PuqCloud.Core.Features.Preferences;
using PuqCloud.Web.Components.Shared;
using PuqCloud.Web.Infrastructure;

namespace PuqCloud.Tests.Components;

/// <summary>A person picks their time zone; from then on the circuit's times use it.</summary>
public sealed class TimeZoneSettingsTests : ComponentTest
{
    [Fact]
    public void A_staff_member_saves_a_zone_and_times_follow_it()
    {
        Requests.On<GetMyTimeZone, string>("UTC").On<SetMyTimeZone, MediatR.Unit>(MediatR.Unit.Value);
        var settings = RenderWithProviders<TimeZoneSettings>();
        settings.WaitForElement("[data-testid=save-time-zone]");

        var picker = settings.FindComponent<TimeZonePicker>();
        picker.InvokeAsync(() => picker.Instance.ValueChanged.InvokeAsync("Europe/Warsaw"));
        settings.Find("[data-testid=save-time-zone]").Click();

        settings.WaitForAssertion(() => Requests.SentOf<SetMyTimeZone>().Should().ContainSingle().Which.TimeZone.Should().Be("Europe/Warsaw"));
        Services.GetRequiredService<PersonTime>().Format(new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc)).Should().Be("2026-01-01 01:00:00 UTC+01:00");
    }

    [Fact]
    public void A_client_user_saves_their_own_zone_and_a_refusal_shows_under_the_field()
    {
        Requests.On<GetMyTimeZone, string>("UTC")
            .Refuse<SetMyClientTimeZone>(RequestValidationException.For("TimeZone", "Choose a time zone from the list."));
        var settings = RenderWithProviders<TimeZoneSettings>(p => p.Add(s => s.ClientArea, true));
        settings.WaitForElement("[data-testid=save-time-zone]");

        settings.Find("[data-testid=save-time-zone]").Click();

        // The save runs on the renderer's dispatcher: wait for its request rather than assume it was sent at once.
        settings.WaitForAssertion(() => Requests.SentOf<SetMyClientTimeZone>().Should().ContainSingle());
        Requests.SentOf<SetMyTimeZone>().Should().BeEmpty();
        settings.WaitForAssertion(() => settings.Find("[data-testid=error-TimeZone]").TextContent.Should().Be("Choose a time zone from the list."));
        Services.GetRequiredService<PersonTime>().Zone.Should().Be(TimeZoneInfo.Utc);
    }
}
