using PuqCloud.Core.Features.Monitoring;
using PuqCloud.Core.Features.Settings;

namespace PuqCloud.Tests.Unit;

public sealed class MonitoringRulesTests
{
    [Theory]
    [InlineData("/admin", "/admin")]
    [InlineData("/admin/clients?search=kowalski&page=2", "/admin/clients?search=kowalski&page=2")]
    [InlineData("/reset?token=abc123&email=a%40b.test", "/reset?token=***&email=a%40b.test")]
    [InlineData("/x?Code=123456&API_KEY=k&client_secret=s&newPassword=p&pin=1", "/x?Code=***&API_KEY=***&client_secret=***&newPassword=***&pin=***")]
    [InlineData("/login?returnUrl=%2Freset%3Ftoken%3Dabc", "/login?returnUrl=%2Freset%3Ftoken%3D%2A%2A%2A")]
    [InlineData("/page?flag&token=&x=1#frag", "/page?flag&token=***&x=1")]
    public void Sensitive_query_values_are_masked(string url, string recorded) =>
        SessionRecords.MaskUrl(url).Should().Be(recorded);

    [Fact]
    public void Long_urls_are_cut_to_the_column()
    {
        SessionRecords.MaskUrl("/a?x=" + new string('y', 5000)).Should().HaveLength(SessionRecords.MaxUrlLength);
    }

    [Theory]
    [InlineData("UpdateGeneralSettings", "Update general settings")]
    [InlineData("CreateApiToken", "Create API token")]
    [InlineData("ConfirmTotp", "Confirm TOTP")]
    [InlineData("SignInStaff", "Sign in staff")]
    [InlineData("ImportPEMCertificate", "Import PEM certificate")]
    public void Request_names_are_made_readable(string action, string text) =>
        ActivityActions.Readable(action).Should().Be(text);

    [Theory]
    [InlineData(null, true)]
    [InlineData("", true)]
    [InlineData("https://example.test/page", true)]
    [InlineData("http://example.test", true)]
    [InlineData("example.test", false)]
    [InlineData("javascript:alert(1)", false)]
    [InlineData("ftp://example.test", false)]
    public void Social_links_are_empty_or_web_addresses(string? link, bool valid) =>
        UpdateGeneralSettingsValidator.IsEmptyOrWebAddress(link).Should().Be(valid);
}

public sealed class SessionRecordingPathTests
{
    [Theory]
    [InlineData("/admin", true)]
    [InlineData("/admin/clients/jan.kowalski", true)]
    [InlineData("/api/admin/v1/countries/PL", true)]
    [InlineData("/", true)]
    [InlineData("/services", true)]
    [InlineData("/css/app.css", false)]
    [InlineData("/favicon.svg", false)]
    [InlineData("/openapi/v1.json", false)]
    [InlineData("/_framework/blazor.web.js", false)]
    [InlineData("/_content/MudBlazor/MudBlazor.min.js", false)]
    [InlineData("/_blazor/negotiate", false)]
    [InlineData("/health", false)]
    public void Pages_and_api_calls_are_recorded_and_assets_are_not(string path, bool recorded) =>
        PuqCloud.Web.Infrastructure.SessionRecordingMiddleware.ShouldRecord(new Microsoft.AspNetCore.Http.PathString(path)).Should().Be(recorded);
}

public sealed class RequestLogQueueTests
{
    [Fact]
    public void A_full_queue_drops_the_entry_instead_of_making_the_request_wait()
    {
        var writer = new ChannelRequestLogWriter();
        for (var i = 0; i < ChannelRequestLogWriter.Capacity; i++)
            writer.TryWrite(new PuqCloud.Core.Domain.Monitoring.RequestLogEntry { Url = "/admin", Channel = "WEB", Method = "GET" }).Should().BeTrue();

        writer.TryWrite(new PuqCloud.Core.Domain.Monitoring.RequestLogEntry { Url = "/admin", Channel = "WEB", Method = "GET" }).Should().BeFalse();
        writer.Dropped.Should().Be(1);
    }
}
