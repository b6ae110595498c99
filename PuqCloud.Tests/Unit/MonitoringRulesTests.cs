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
