using Bunit;
using PuqCloud.Core.Common;
using PuqCloud.Core.Features.ApiTokens;
using PuqCloud.Core.Features.ClientArea;
using PuqCloud.Web.Components.Client;
using PuqCloud.Web.Components.Client.Account;

namespace PuqCloud.Tests.Components;

/// <summary>The client area's API tokens page: the tokens of the current client, a field error under its field, and the empty state.</summary>
public sealed class ClientApiTokenPageTests : ComponentTest
{
    private static readonly Guid ClientId = Guid.CreateVersion7();

    private static ClientAreaContext Owner()
    {
        var client = new MyClient(ClientId, "Nowak Hosting", IsOwner: true, []);
        return new(new MyClientAccount(Guid.CreateVersion7(), "olga@example.test", "Olga Owner", TwoFactorEnabled: false), [client], client);
    }

    [Fact]
    public void Lists_the_tokens_of_the_current_client_and_shows_a_missing_name_under_the_field()
    {
        Requests.On<ListMyClientApiTokens, IReadOnlyList<ApiTokenSummary>>(r => r.ClientId == ClientId
                ? [new(Guid.CreateVersion7(), "invoice sync", "puqc_ab12cd", DateTime.UtcNow.AddDays(-1), DateTime.UtcNow.AddDays(89), null, null, true)]
                : [])
            .Refuse<CreateClientApiToken>(RequestValidationException.For("Name", "Give the token a name, for example what will use it."));

        var page = RenderWithProviders<ClientApiTokens>(p => p.AddCascadingValue(Owner()));

        page.WaitForAssertion(() => page.Find("[data-testid=token-grid]").TextContent.Should().Contain("invoice sync").And.Contain("puqc_ab12cd"));
        page.Find("[data-testid=create-token]").Click();
        page.WaitForAssertion(() => page.Find("[data-testid=error-Name]").TextContent.Should().Contain("Give the token a name"));
        page.FindAll("[data-testid=new-token]").Should().BeEmpty();
    }

    /// <summary>A second click while the token is being made makes no second token (its secret would replace the first one's unseen).</summary>
    [Fact]
    public async Task Create_token_is_one_request_per_click_while_it_is_on_its_way()
    {
        var issued = new TaskCompletionSource<IssuedApiToken>();
        Requests.On<ListMyClientApiTokens, IReadOnlyList<ApiTokenSummary>>([])
            .OnAsync<CreateClientApiToken, IssuedApiToken>(_ => issued.Task);

        var page = RenderWithProviders<ClientApiTokens>(p => p.AddCascadingValue(Owner()));
        page.WaitForAssertion(() => page.Find("[data-testid=tokens-empty]"));
        page.Find("input[data-testid=token-name]").Change("deploy script");
        page.Find("[data-testid=create-token]").Click();

        page.WaitForAssertion(() => page.Find("[data-testid=create-token]").HasAttribute("disabled").Should().BeTrue());
        // A second click that lands all the same (a disabled button's click is dropped by the browser, not by the component).
        var create = page.FindComponents<MudBlazor.MudButton>().Single(b => b.Instance.UserAttributes.TryGetValue("data-testid", out var id) && Equals(id, "create-token"));
        await create.InvokeAsync(() => create.Instance.OnClick.InvokeAsync(new Microsoft.AspNetCore.Components.Web.MouseEventArgs()));
        Requests.SentOf<CreateClientApiToken>().Should().ContainSingle().Which.Name.Should().Be("deploy script");
        issued.SetResult(new IssuedApiToken(Guid.CreateVersion7(), "puqc_secret", DateTime.UtcNow.AddDays(90)));
        page.WaitForAssertion(() => page.Find("[data-testid=new-token]").TextContent.Should().Be("puqc_secret"));
        page.Find("[data-testid=create-token]").HasAttribute("disabled").Should().BeFalse();
    }

    [Fact]
    public void Says_when_the_client_has_no_token()
    {
        Requests.On<ListMyClientApiTokens, IReadOnlyList<ApiTokenSummary>>([]);

        var page = RenderWithProviders<ClientApiTokens>(p => p.AddCascadingValue(Owner()));

        page.WaitForAssertion(() => page.Find("[data-testid=tokens-empty]").TextContent.Should().Contain("You have no tokens for this client."));
    }

    [Fact]
    public void Staff_signed_in_as_the_client_are_told_why_no_token_can_be_made()
    {
        Requests.On<ListMyClientApiTokens, IReadOnlyList<ApiTokenSummary>>([]);

        var page = RenderWithProviders<ClientApiTokens>(p => p.AddCascadingValue(Owner() with { SignedInByStaff = "Stan Staff" }));

        page.WaitForAssertion(() => page.Find("[data-testid=tokens-empty]"));
        page.Find("[data-testid=staff-session-notice]").TextContent.Should().Contain("the client's to change");
        page.Find("[data-testid=create-token]").HasAttribute("disabled").Should().BeTrue();
    }
}
