using Bunit;
using MudBlazor;
using PuqCloud.Core.Common;
using PuqCloud.Core.Domain.Finance;
using PuqCloud.Core.Features.Clients;
using PuqCloud.Core.Features.Finance;
using PuqCloud.Core.Features.Reference;
using PuqCloud.Core.Security;
using PuqCloud.Web.Components.Admin.Finance;

namespace PuqCloud.Tests.Components;

/// <summary>Finance → Home companies and Tax rules: loaded and empty states, field errors, permission-gated buttons.</summary>
public sealed class FinancePageTests : ComponentTest
{
    /// <summary>The machine is shared: renders that wait for a fake request get more than bUnit's one second.</summary>
    public FinancePageTests() => DefaultWaitTimeout = TimeSpan.FromSeconds(10);

    /// <summary>Renders the page after MudBlazor's providers and answers the dialog provider too, where dialogs render.</summary>
    private (IRenderedComponent<MudDialogProvider> Dialogs, IRenderedComponent<TPage> Page) RenderWithDialogs<TPage>(
        Action<ComponentParameterCollectionBuilder<TPage>>? parameters = null) where TPage : Microsoft.AspNetCore.Components.IComponent
    {
        Render<MudPopoverProvider>();
        var dialogs = Render<MudDialogProvider>();
        Render<MudSnackbarProvider>();
        return (dialogs, Render(parameters ?? (_ => { })));
    }

    private static readonly Guid CompanyId = Guid.CreateVersion7();

    private static HomeCompanyDetails Company(bool isDefault = false) => new(CompanyId, "Nordic Cloud AB", isDefault,
        "Nordic Cloud Aktiebolag", "Drottninggatan 1", null, "Stockholm", "111 51", "SE", null, "billing@nordic.example", null, null,
        null, null, "SE123456789001", null, null, null, null, "Nordic billing", "billing@nordic.example", null, null,
        null, null, PaperSize.A4,
        [
            new NumberSeriesDto(DocumentType.Proforma, "PRO-{YEAR}-{NUMBER:5}", 1, NumberResetPolicy.Yearly, null, "PRO-2026-00001"),
            new NumberSeriesDto(DocumentType.Invoice, "INV-{YEAR}-{NUMBER:5}", 1, NumberResetPolicy.Yearly, null, "INV-2026-00001"),
            new NumberSeriesDto(DocumentType.CreditNote, "CN-{YEAR}-{NUMBER:5}", 1, NumberResetPolicy.Yearly, null, "CN-2026-00001"),
        ], 2);

    private static TaxRuleDto Rule(int position, string? region, string name, decimal rate, int? shadowedBy = null) => new(Guid.CreateVersion7(), position, "CA", "Canada",
        region, region is null ? null : "Ontario", true, true, true, true, name, rate, null, null, null, null, CompanyId, "Maple Hosting Inc.", shadowedBy);

    private void GivenCountries()
    {
        Requests.On<ListCountryOptions, IReadOnlyList<CountryOption>>([new CountryOption("CA", "Canada"), new CountryOption("SE", "Sweden")]);
        Requests.On<ListRegionOptions, IReadOnlyList<RegionOption>>(r => r.CountryCode == "CA" ? [new RegionOption("CA-ON", "Ontario", "province")] : []);
    }

    private void GivenTaxRules(params TaxRuleDto[] rules)
    {
        Requests.On<ListTaxRules, IReadOnlyList<TaxRuleDto>>(rules);
        Requests.On<ListHomeCompanyOptions, IReadOnlyList<HomeCompanyOption>>([new HomeCompanyOption(CompanyId, "Maple Hosting Inc.", true, "CA")]);
        GivenCountries();
    }

    [Fact]
    public void Home_companies_list_shows_each_company_with_its_legal_name_and_the_default_badge()
    {
        GivenStaffPermissions(Permissions.HomeCompaniesView, Permissions.HomeCompaniesCreate, Permissions.HomeCompaniesDelete);
        Requests.On<ListHomeCompanies, PagedResult<HomeCompanyListItem>>(new PagedResult<HomeCompanyListItem>(
            [new HomeCompanyListItem(CompanyId, "Nordic Cloud AB", "Nordic Cloud Aktiebolag", "SE", "Sweden", true, 2, 1)], 1, 1, 25));

        var page = RenderWithProviders<HomeCompanies>();

        page.WaitForAssertion(() => page.Find("[data-testid=home-company-link]").TextContent.Should().Be("Nordic Cloud AB"));
        page.Markup.Should().Contain("Nordic Cloud Aktiebolag").And.Contain("Sweden");
        page.FindAll("[data-testid=default-badge]").Should().HaveCount(1);
        page.Find("[data-testid=home-company-link]").GetAttribute("href").Should().Be($"/admin/finance/home-companies/{CompanyId}");
        page.Find("button[data-testid=create-home-company]").HasAttribute("disabled").Should().BeFalse();
        page.Find("button[data-testid=delete-home-company]").HasAttribute("disabled").Should().BeFalse();
    }

    [Fact]
    public void Home_companies_list_without_companies_says_what_a_home_company_is()
    {
        GivenStaffPermissions(Permissions.HomeCompaniesView);
        Requests.On<ListHomeCompanies, PagedResult<HomeCompanyListItem>>(new PagedResult<HomeCompanyListItem>([], 0, 1, 25));

        var page = RenderWithProviders<HomeCompanies>();

        page.WaitForAssertion(() => page.Find("[data-testid=home-companies-empty]").TextContent.Should().Contain("No home company yet."));
        // Without the create permission the button is there but disabled.
        page.Find("button[data-testid=create-home-company]").HasAttribute("disabled").Should().BeTrue();
    }

    [Fact]
    public void New_home_company_dialog_shows_the_name_error_under_the_field()
    {
        GivenStaffPermissions(Permissions.HomeCompaniesView, Permissions.HomeCompaniesCreate);
        Requests.On<ListHomeCompanies, PagedResult<HomeCompanyListItem>>(new PagedResult<HomeCompanyListItem>([], 0, 1, 25));
        Requests.Refuse<CreateHomeCompany>(RequestValidationException.For("Name", "Name is required."));
        var (dialogs, page) = RenderWithDialogs<HomeCompanies>();

        page.WaitForAssertion(() => page.Find("button[data-testid=create-home-company]").HasAttribute("disabled").Should().BeFalse());
        page.Find("button[data-testid=create-home-company]").Click();
        dialogs.WaitForAssertion(() => dialogs.Find("button[data-testid=save-home-company]"));
        dialogs.Find("button[data-testid=save-home-company]").Click();
        dialogs.WaitForAssertion(() => dialogs.Find("[data-testid=error-Name]").TextContent.Should().Be("Name is required."));
        Requests.SentOf<CreateHomeCompany>().Should().ContainSingle().Which.Name.Should().BeEmpty();
    }

    [Fact]
    public void Home_company_editor_opens_with_the_general_tab_only_and_the_name_in_the_header()
    {
        GivenStaffPermissions(Permissions.HomeCompaniesView, Permissions.HomeCompaniesEdit);
        Requests.On<GetHomeCompany, HomeCompanyDetails>(Company(isDefault: true));
        GivenCountries();

        var page = RenderWithProviders<HomeCompanyPage>(p => p.Add(c => c.Id, CompanyId));

        page.WaitForAssertion(() => page.Find("[data-testid=page-title]").TextContent.Trim().Should().Be("Nordic Cloud AB"));
        page.Find("[data-testid=default-badge]").TextContent.Should().Be("Default");
        page.Find("input[data-testid=hc-legal-name]").GetAttribute("value").Should().Be("Nordic Cloud Aktiebolag");
        // One request for the visible tab: the other tabs load when they are opened.
        Requests.SentOf<GetHomeCompany>().Should().HaveCount(1);
        page.FindAll("[data-testid=hc-sender-name]").Should().BeEmpty();
        page.Find("button[data-testid=save-home-company]").HasAttribute("disabled").Should().BeFalse();
    }

    [Fact]
    public void Home_company_editor_of_a_missing_company_says_so()
    {
        GivenStaffPermissions(Permissions.HomeCompaniesView);
        Requests.Refuse<GetHomeCompany>(new NotFoundException("The home company was not found."));

        var page = RenderWithProviders<HomeCompanyPage>(p => p.Add(c => c.Id, CompanyId));

        page.WaitForAssertion(() => page.Find("[data-testid=form-message]").TextContent.Should().Contain("was not found"));
        page.Find("[data-testid=page-title]").TextContent.Trim().Should().Be("Home company");
        page.Find("button[data-testid=save-home-company]").HasAttribute("disabled").Should().BeTrue();
    }

    [Fact]
    public void General_tab_of_the_default_company_leaves_the_default_as_it_is_now()
    {
        // Sending the default as loaded made this company the default again over a colleague's later choice.
        GivenStaffPermissions(Permissions.HomeCompaniesView, Permissions.HomeCompaniesEdit);
        Requests.On<GetHomeCompany, HomeCompanyDetails>(Company(isDefault: true));
        Requests.On<UpdateHomeCompanyGeneral, HomeCompanyDetails>(_ => Company(isDefault: true));
        GivenCountries();
        var page = RenderWithProviders<HomeCompanyPage>(p => p.Add(c => c.Id, CompanyId));
        page.WaitForAssertion(() => page.Find("input[data-testid=hc-legal-name]"));

        page.Find("input[data-testid=hc-legal-name]").Change("Nordic Cloud AB (publ)");
        page.Find("button[data-testid=save-home-company]").Click();

        page.WaitForAssertion(() => Requests.SentOf<UpdateHomeCompanyGeneral>().Should().ContainSingle().Which.IsDefault.Should().BeNull());
    }

    [Fact]
    public void Home_company_save_shows_a_refused_field_under_it_and_names_the_tab()
    {
        GivenStaffPermissions(Permissions.HomeCompaniesView, Permissions.HomeCompaniesEdit);
        Requests.On<GetHomeCompany, HomeCompanyDetails>(Company());
        Requests.Refuse<UpdateHomeCompanyGeneral>(RequestValidationException.For("LegalName", "The legal name is too long."));
        GivenCountries();
        var page = RenderWithProviders<HomeCompanyPage>(p => p.Add(c => c.Id, CompanyId));
        page.WaitForAssertion(() => page.Find("input[data-testid=hc-legal-name]"));

        page.Find("input[data-testid=hc-legal-name]").Change(new string('x', 20));
        page.Find("button[data-testid=save-home-company]").Click();

        page.WaitForAssertion(() => page.Find("[data-testid=error-LegalName]").TextContent.Should().Be("The legal name is too long."));
        page.Find("[data-testid=form-message]").TextContent.Should().Contain("General");
        Requests.SentOf<UpdateHomeCompanyEmailSettings>().Should().BeEmpty();
    }

    [Fact]
    public void Home_company_save_without_changes_sends_nothing()
    {
        GivenStaffPermissions(Permissions.HomeCompaniesView, Permissions.HomeCompaniesEdit);
        Requests.On<GetHomeCompany, HomeCompanyDetails>(Company());
        GivenCountries();
        var page = RenderWithProviders<HomeCompanyPage>(p => p.Add(c => c.Id, CompanyId));
        page.WaitForAssertion(() => page.Find("input[data-testid=hc-legal-name]"));

        page.Find("button[data-testid=save-home-company]").Click();

        Requests.SentOf<UpdateHomeCompanyGeneral>().Should().BeEmpty();
        page.FindAll("[data-testid=form-message]").Should().BeEmpty();
    }

    [Fact]
    public void Payment_gateways_tab_without_an_active_payment_module_says_where_to_activate_one()
    {
        Requests.On<ListPaymentModuleOptions, IReadOnlyList<PaymentModuleOption>>([]);
        Requests.On<ListPaymentGateways, IReadOnlyList<PaymentGatewayDto>>([]);

        var panel = RenderWithProviders<PaymentGatewaysPanel>(p => p.Add(c => c.HomeCompanyId, CompanyId).Add(c => c.CanEdit, true));

        panel.WaitForAssertion(() => panel.Find("[data-testid=no-payment-modules]").TextContent.Should().Contain("No payment module is active."));
        panel.Find("[data-testid=no-gateways]").Should().NotBeNull();
        panel.Find("button[data-testid=create-gateway]").HasAttribute("disabled").Should().BeTrue();
    }

    [Fact]
    public void Payment_gateways_tab_lists_the_gateways_with_their_module()
    {
        Requests.On<ListPaymentModuleOptions, IReadOnlyList<PaymentModuleOption>>([new PaymentModuleOption("bank-transfer", "Bank Transfer", [])]);
        Requests.On<ListPaymentGateways, IReadOnlyList<PaymentGatewayDto>>([
            new PaymentGatewayDto(Guid.CreateVersion7(), "bank_main", "bank-transfer", "Bank Transfer", false, "Przelew bankowy", "Przelew bankowy", true, 1, ["EUR", "PLN"], []),
            new PaymentGatewayDto(Guid.CreateVersion7(), "bank_usd", "bank-transfer", "Bank Transfer", false, "", "Bank Transfer", false, 2, ["USD"], []),
        ]);

        var panel = RenderWithProviders<PaymentGatewaysPanel>(p => p.Add(c => c.HomeCompanyId, CompanyId).Add(c => c.CanEdit, false));

        panel.WaitForAssertion(() => panel.Find("[data-testid=gateway-grid]").TextContent.Should().Contain("bank_main").And.Contain("Bank Transfer").And.Contain("Inactive"));
        panel.FindAll("[data-testid=gateway-name]").Select(n => n.TextContent.Trim()).Should().Equal("Przelew bankowy", "Bank TransferOff");
        panel.FindAll("[data-testid=gateway-currencies]").Select(n => n.TextContent).Should().Equal("EUR, PLN", "USD");
        panel.FindAll("[data-testid=order-index]").Select(n => n.TextContent).Should().Equal("1", "2");
        panel.FindAll("[data-testid=no-payment-modules]").Should().BeEmpty();
        panel.FindAll("button[data-testid=edit-gateway]").Should().AllSatisfy(b => b.HasAttribute("disabled").Should().BeTrue());
    }

    [Fact]
    public void Tax_rules_list_shows_the_rules_in_order_with_the_shadow_warning()
    {
        GivenStaffPermissions(Permissions.TaxRulesView, Permissions.TaxRulesCreate, Permissions.TaxRulesEdit, Permissions.TaxRulesDelete);
        GivenTaxRules(Rule(1, null, "GST", 5m), Rule(2, "CA-ON", "HST", 13m, shadowedBy: 1));

        var page = RenderWithProviders<TaxRules>();

        page.WaitForAssertion(() => page.FindAll("[data-testid=rule-place]").Should().HaveCount(2));
        page.FindAll("[data-testid=rule-place]")[1].TextContent.Should().Contain("Ontario");
        page.FindAll("[data-testid=shadow-warning]").Should().ContainSingle().Which.TextContent.Should().Contain("Rule 1 above");
        page.FindAll("[data-testid=rule-taxes]")[1].TextContent.Should().Contain("HST 13.000 %");
        page.Find("button[data-testid=create-tax-rule]").HasAttribute("disabled").Should().BeFalse();
        page.FindAll("button[data-testid=edit-tax-rule]").Should().OnlyContain(b => !b.HasAttribute("disabled"));
    }

    [Fact]
    public void Tax_rules_list_without_rules_explains_who_bills_then()
    {
        GivenStaffPermissions(Permissions.TaxRulesView);
        GivenTaxRules();

        var page = RenderWithProviders<TaxRules>();

        page.WaitForAssertion(() => page.Find("[data-testid=tax-rules-empty]").TextContent.Should().Contain("No tax rules yet."));
        // Viewing only: creating and the presets are disabled.
        page.Find("button[data-testid=create-tax-rule]").HasAttribute("disabled").Should().BeTrue();
        page.Find("button[data-testid=preset-eu]").HasAttribute("disabled").Should().BeTrue();
    }

    [Fact]
    public void Tax_rules_without_edit_permission_disable_the_row_actions_and_moves()
    {
        GivenStaffPermissions(Permissions.TaxRulesView, Permissions.TaxRulesCreate);
        GivenTaxRules(Rule(1, null, "GST", 5m), Rule(2, "CA-ON", "HST", 13m));

        var page = RenderWithProviders<TaxRules>();

        page.WaitForAssertion(() => page.FindAll("button[data-testid=edit-tax-rule]").Should().HaveCount(2));
        page.FindAll("button[data-testid=edit-tax-rule]").Should().OnlyContain(b => b.HasAttribute("disabled"));
        page.FindAll("button[data-testid=delete-tax-rule]").Should().OnlyContain(b => b.HasAttribute("disabled"));
        page.FindAll("button[data-testid=move-up]").Should().OnlyContain(b => b.HasAttribute("disabled"));
    }

    [Fact]
    public void Tax_rule_dialog_shows_the_refused_rate_under_its_field()
    {
        GivenStaffPermissions(Permissions.TaxRulesView, Permissions.TaxRulesCreate, Permissions.TaxRulesEdit);
        GivenTaxRules();
        Requests.Refuse<CreateTaxRule>(new RequestValidationException(new Dictionary<string, string[]>
        {
            ["CountryCode"] = ["Choose a country."], ["Tax1Rate"] = ["A rate is from 0 to 100."],
        }));
        var (dialogs, page) = RenderWithDialogs<TaxRules>();
        page.WaitForAssertion(() => page.Find("button[data-testid=create-tax-rule]").HasAttribute("disabled").Should().BeFalse());

        page.Find("button[data-testid=create-tax-rule]").Click();
        dialogs.WaitForAssertion(() => dialogs.Find("button[data-testid=save-tax-rule]"));
        dialogs.Find("button[data-testid=save-tax-rule]").Click();

        dialogs.WaitForAssertion(() => dialogs.Find("[data-testid=error-Tax1Rate]").TextContent.Should().Be("A rate is from 0 to 100."));
        dialogs.Find("[data-testid=error-CountryCode]").TextContent.Should().Be("Choose a country.");
    }

    [Fact]
    public void Which_rule_applies_client_picker_renders_and_searches_with_no_clients_without_throwing()
    {
        GivenStaffPermissions(Permissions.TaxRulesView, Permissions.ClientsView);
        GivenTaxRules();
        Requests.On<ListClients, PagedResult<ClientListItem>>(new PagedResult<ClientListItem>([], 0, 1, 20));
        Requests.Refuse<MatchTaxRule>(RequestValidationException.For("ClientId", "Choose a client."));
        var page = RenderWithProviders<TaxRules>();
        page.WaitForAssertion(() => page.Find("[data-testid=tax-match]"));

        // Client mode: the autocomplete appears (the old drop-down bound to an empty list of objects broke the circuit here).
        page.FindAll("[data-testid=tax-match] input[type=radio]").Last().Click();
        page.WaitForAssertion(() => page.Find("input[data-testid=match-client]"));
        page.Find("input[data-testid=match-client]").Input("nobody");
        page.WaitForAssertion(() => Requests.SentOf<ListClients>().Should().NotBeEmpty(), TimeSpan.FromSeconds(3));
        Requests.SentOf<ListClients>().Last().Page.Search.Should().Be("nobody");

        page.Find("button[data-testid=match-check]").Click();
        page.WaitForAssertion(() => page.Find("[data-testid=error-ClientId]").TextContent.Should().Be("Choose a client."));
    }

    [Fact]
    public void Which_rule_applies_by_place_shows_the_rule_taxes_and_company()
    {
        GivenStaffPermissions(Permissions.TaxRulesView);
        var ontario = Rule(1, "CA-ON", "HST", 13m);
        GivenTaxRules(ontario);
        Requests.On<MatchTaxRule, TaxMatchDto>(new TaxMatchDto("CA", "CA-ON", ClientTaxType.Private, null, ontario, [new TaxLine("HST", 13m)], 13m, CompanyId, "Maple Hosting Inc.", false));
        var page = RenderWithProviders<TaxRules>();
        page.WaitForAssertion(() => page.Find("[data-testid=tax-match]"));

        // Without the clients permission there is no client mode.
        page.FindAll("[data-testid=tax-match] input[type=radio]").Should().BeEmpty();
        page.Find("button[data-testid=match-check]").Click();

        page.WaitForAssertion(() => page.Find("[data-testid=match-rule]").TextContent.Should().Be("Rule 1: Canada / Ontario"));
        page.Find("[data-testid=match-taxes]").TextContent.Should().Be("HST 13.000 % = 13 %");
        page.Find("[data-testid=match-company]").TextContent.Should().Be("Maple Hosting Inc.");
    }

    [Fact]
    public void Which_rule_applies_says_when_the_reverse_charge_takes_the_tax_away()
    {
        GivenStaffPermissions(Permissions.TaxRulesView);
        var germany = Rule(1, null, "VAT", 19m);
        GivenTaxRules(germany);
        Requests.On<MatchTaxRule, TaxMatchDto>(new TaxMatchDto("DE", null, ClientTaxType.CompanyWithTaxId, "Berlin GmbH", germany, [], 0m, CompanyId, "Puq Polska", false,
            ReverseCharge: true));
        var page = RenderWithProviders<TaxRules>();
        page.WaitForAssertion(() => page.Find("[data-testid=tax-match]"));

        page.Find("button[data-testid=match-check]").Click();

        page.WaitForAssertion(() => page.Find("[data-testid=match-taxes]").TextContent.Should().Be("No tax: EU reverse charge (VIES confirmed the VAT ID)"));
    }
}
