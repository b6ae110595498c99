using Bunit;
using MudBlazor;
using PuqCloud.Core.Common;
using PuqCloud.Core.Domain.Reference;
using PuqCloud.Core.Features.Modules;
using PuqCloud.Core.Features.Reference;
using PuqCloud.Core.Features.Settings;
using PuqCloud.Core.Modules;
using PuqCloud.Core.Security;
using PuqCloud.Modules.Abstractions;
using PuqCloud.Web.Components.Admin.Settings;
using ModulesPage = PuqCloud.Web.Components.Admin.Settings.Modules.Modules;
using ModuleSettingsPage = PuqCloud.Web.Components.Admin.Settings.Modules.ModuleSettings;

namespace PuqCloud.Tests.Components;

/// <summary>Settings → Countries, Currencies, General, Modules and a module's settings: loaded and empty states, field errors, permissions.</summary>
public sealed class SettingsPageTests : ComponentTest
{
    /// <summary>The machine is shared: renders that wait for a fake request get more than bUnit's one second.</summary>
    public SettingsPageTests() => DefaultWaitTimeout = TimeSpan.FromSeconds(10);

    /// <summary>Renders the page after MudBlazor's providers and answers the dialog provider too, where dialogs render.</summary>
    private (IRenderedComponent<MudDialogProvider> Dialogs, IRenderedComponent<TPage> Page) RenderWithDialogs<TPage>(
        Action<ComponentParameterCollectionBuilder<TPage>>? parameters = null) where TPage : Microsoft.AspNetCore.Components.IComponent
    {
        Render<MudPopoverProvider>();
        var dialogs = Render<MudDialogProvider>();
        Render<MudSnackbarProvider>();
        return (dialogs, Render(parameters ?? (_ => { })));
    }

    private static CurrencyDto Euro(bool isDefault = true) => new(Guid.CreateVersion7(), "EUR", "€", null, 1m, CurrencyFormat.DotComma, isDefault, 3, "€1.234,56", 2);

    private static ModuleDto Sample(ModuleState state) => new("sample-product", "Sample Product", ModuleKind.Product, "A module to try provisioning with.", null, "1.1.0",
        state == ModuleState.Inactive ? null : "1.0.0", state, null, HasSettings: true);

    [Fact]
    public void Countries_list_shows_names_with_their_codes_and_opens_the_regions()
    {
        Requests.On<ListCountries, PagedResult<CountryDto>>(new PagedResult<CountryDto>([new CountryDto("PL", "POL", "616", "Poland", "Republic of Poland", 16)], 1, 1, 25));
        Requests.On<GetCountry, CountryDetailDto>(new CountryDetailDto("PL", "POL", "616", "Poland", null, [new RegionDto("PL-14", "Mazowieckie", "voivodeship")]));

        var (dialogs, page) = RenderWithDialogs<Countries>();

        page.WaitForAssertion(() => page.Find("[data-testid=country-grid]").TextContent.Should().Contain("Poland").And.Contain("Republic of Poland").And.Contain("POL"));
        page.Find("button[data-testid=regions-PL]").Click();
        dialogs.WaitForAssertion(() => dialogs.Find("[data-testid=region-grid]").TextContent.Should().Contain("Mazowieckie").And.Contain("PL-14"));
    }

    [Fact]
    public void Countries_list_with_no_match_says_so()
    {
        Requests.On<ListCountries, PagedResult<CountryDto>>(new PagedResult<CountryDto>([], 0, 1, 25));

        var page = RenderWithProviders<Countries>();

        page.WaitForAssertion(() => page.Find("[data-testid=countries-empty]").TextContent.Should().Contain("Nothing found."));
    }

    [Fact]
    public void Currencies_list_shows_each_currency_and_allows_what_the_staff_member_holds()
    {
        GivenStaffPermissions(Permissions.CurrenciesView, Permissions.CurrenciesEdit);
        Requests.On<ListCurrencies, PagedResult<CurrencyDto>>(new PagedResult<CurrencyDto>([Euro()], 1, 1, 25));

        var page = RenderWithProviders<Currencies>();

        page.WaitForAssertion(() => page.Find("[data-testid=currency-grid]").TextContent.Should().Contain("EUR").And.Contain("€1.234,56"));
        page.Find("button[data-testid=create-currency]").HasAttribute("disabled").Should().BeTrue();
        page.Find("button[data-testid=edit-currency]").HasAttribute("disabled").Should().BeFalse();
        page.Find("button[data-testid=delete-currency]").HasAttribute("disabled").Should().BeTrue();
    }

    [Fact]
    public void Currencies_list_without_currencies_asks_for_the_default_one()
    {
        GivenStaffPermissions(Permissions.CurrenciesView, Permissions.CurrenciesCreate);
        Requests.On<ListCurrencies, PagedResult<CurrencyDto>>(new PagedResult<CurrencyDto>([], 0, 1, 25));

        var page = RenderWithProviders<Currencies>();

        page.WaitForAssertion(() => page.Find("[data-testid=currencies-empty]").TextContent.Should().Contain("No currency yet."));
        page.Find("button[data-testid=create-currency]").HasAttribute("disabled").Should().BeFalse();
    }

    [Fact]
    public void Currency_dialog_shows_the_refused_code_under_its_field()
    {
        GivenStaffPermissions(Permissions.CurrenciesView, Permissions.CurrenciesCreate);
        Requests.On<ListCurrencies, PagedResult<CurrencyDto>>(new PagedResult<CurrencyDto>([], 0, 1, 25));
        Requests.Refuse<CreateCurrency>(RequestValidationException.For("Code", "The code is three capital letters."));
        var (dialogs, page) = RenderWithDialogs<Currencies>();
        page.WaitForAssertion(() => page.Find("button[data-testid=create-currency]").HasAttribute("disabled").Should().BeFalse());

        page.Find("button[data-testid=create-currency]").Click();
        dialogs.WaitForAssertion(() => dialogs.Find("input[data-testid=currency-code]"));
        dialogs.Find("input[data-testid=currency-code]").Change("eu");
        dialogs.Find("button[data-testid=save-currency]").Click();

        dialogs.WaitForAssertion(() => dialogs.Find("[data-testid=error-Code]").TextContent.Should().Be("The code is three capital letters."));
        Requests.SentOf<CreateCurrency>().Single().Code.Should().Be("eu");
    }

    /// <summary>Balances and prices are in a currency clients use: its code and decimals are locked, and the field says why.</summary>
    [Fact]
    public void Currency_dialog_locks_the_code_and_decimals_of_a_currency_clients_use()
    {
        GivenStaffPermissions(Permissions.CurrenciesView, Permissions.CurrenciesEdit);
        Requests.On<ListCurrencies, PagedResult<CurrencyDto>>(new PagedResult<CurrencyDto>([Euro() with { ClientCount = 3 }], 1, 1, 25));
        var (dialogs, page) = RenderWithDialogs<Currencies>();
        page.WaitForAssertion(() => page.Find("button[data-testid=edit-currency]").HasAttribute("disabled").Should().BeFalse());

        page.Find("button[data-testid=edit-currency]").Click();

        dialogs.WaitForAssertion(() => dialogs.Find("input[data-testid=currency-code]").HasAttribute("disabled").Should().BeTrue());
        dialogs.Find("input[data-testid=currency-decimals]").HasAttribute("disabled").Should().BeTrue();
        dialogs.Find("input[data-testid=currency-prefix]").HasAttribute("disabled").Should().BeFalse();
        dialogs.Markup.Should().Contain("Clients use it: the code and decimals stay as they are.");
    }

    [Fact]
    public void General_settings_show_the_saved_values_and_save_for_an_editor()
    {
        GivenStaffPermissions(Permissions.GeneralSettingsView, Permissions.GeneralSettingsEdit);
        Requests.On<GetGeneralSettings, GeneralSettings>(new GeneralSettings(new RetentionSettings(TaskQueueDays: 45), new FinanceSettings(MaxUnpaidProformas: 7), new ClientSettings(), new SocialSettings()));

        var page = RenderWithProviders<General>();

        page.WaitForAssertion(() => page.Find("input[name='TimeBased.TaskQueueDays']").GetAttribute("value").Should().Be("45"));
        page.Find("input[name='Finance.MaxUnpaidProformas']").GetAttribute("value").Should().Be("7");
        page.Find("button[data-testid=save-general]").HasAttribute("disabled").Should().BeFalse();
        page.FindAll("[data-testid=form-message]").Should().BeEmpty();

        page.Find("button[data-testid=save-general]").Click();
        page.WaitForAssertion(() => Requests.SentOf<UpdateGeneralSettings>().Should().ContainSingle()
            .Which.Finance.MaxUnpaidProformas.Should().Be(7, "the saved value goes back as it was read"));
    }

    [Fact]
    public void General_settings_are_read_only_without_the_edit_permission()
    {
        GivenStaffPermissions(Permissions.GeneralSettingsView);
        Requests.On<GetGeneralSettings, GeneralSettings>(new GeneralSettings(new RetentionSettings(), new FinanceSettings(), new ClientSettings(), new SocialSettings()));

        var page = RenderWithProviders<General>();

        page.WaitForAssertion(() => page.Find("input[name='TimeBased.TaskQueueDays']").HasAttribute("disabled").Should().BeTrue());
        page.FindAll("[data-testid=save-general]").Should().BeEmpty();
        page.Find("[data-testid=form-message]").TextContent.Should().Contain("permission to edit");
    }

    [Fact]
    public void General_settings_refused_field_shows_under_it_on_its_tab_and_the_message_names_the_tab()
    {
        GivenStaffPermissions(Permissions.GeneralSettingsView, Permissions.GeneralSettingsEdit);
        Requests.On<GetGeneralSettings, GeneralSettings>(new GeneralSettings(new RetentionSettings(), new FinanceSettings(), new ClientSettings(), new SocialSettings()));
        Requests.Refuse<UpdateGeneralSettings>(RequestValidationException.For("Finance.MaxAddFunds", "The largest top-up cannot be below the smallest."));
        var page = RenderWithProviders<General>();
        page.WaitForAssertion(() => page.Find("button[data-testid=save-general]"));

        page.Find("button[data-testid=save-general]").Click();

        page.WaitForAssertion(() => page.Find("[data-testid='error-Finance.MaxAddFunds']").TextContent.Should().Contain("cannot be below the smallest"));
        page.Find("[data-testid=form-message]").TextContent.Should().Be("Fix the marked fields on the Finance tab.");
    }

    [Fact]
    public void General_settings_that_cannot_be_read_show_the_refusal()
    {
        GivenStaffPermissions();
        Requests.Refuse<GetGeneralSettings>(new AccessDeniedException("You may not view the general settings."));

        var page = RenderWithProviders<General>();

        page.WaitForAssertion(() => page.Find("[data-testid=form-message]").TextContent.Should().Contain("may not view"));
        page.FindAll("[data-testid=general-tabs]").Should().BeEmpty();
    }

    [Fact]
    public void Modules_list_shows_state_and_the_actions_a_manager_may_take()
    {
        GivenStaffPermissions(Permissions.ModulesView, Permissions.ModulesManage);
        Requests.On<ListModules, IReadOnlyList<ModuleDto>>([Sample(ModuleState.Inactive)]);

        var page = RenderWithProviders<ModulesPage>();

        page.WaitForAssertion(() => page.Find("[data-testid=module-state-sample-product]").TextContent.Should().Be("Inactive"));
        page.Find("[data-testid=module-name]").TextContent.Should().Be("Sample Product");
        page.FindAll("[data-testid=activate-sample-product]").Should().HaveCount(1);
        page.Find("[data-testid=settings-sample-product]").GetAttribute("href").Should().Be("/admin/settings/modules/sample-product");
    }

    [Fact]
    public void Modules_list_without_the_manage_permission_has_no_activation_buttons()
    {
        GivenStaffPermissions(Permissions.ModulesView);
        Requests.On<ListModules, IReadOnlyList<ModuleDto>>([Sample(ModuleState.NeedsUpdate)]);

        var page = RenderWithProviders<ModulesPage>();

        page.WaitForAssertion(() => page.Find("[data-testid=module-state-sample-product]").TextContent.Should().Be("Needs update"));
        page.Find("[data-testid=installed-version]").TextContent.Should().Contain("1.0.0");
        page.FindAll("[data-testid=update-sample-product], [data-testid=deactivate-sample-product], [data-testid=activate-sample-product]").Should().BeEmpty();
    }

    [Fact]
    public void Modules_list_without_modules_says_none_was_found()
    {
        GivenStaffPermissions(Permissions.ModulesView);
        Requests.On<ListModules, IReadOnlyList<ModuleDto>>([]);

        var page = RenderWithProviders<ModulesPage>();

        page.WaitForAssertion(() => page.Find("[data-testid=modules-empty]").TextContent.Should().Contain("No modules are installed."));
    }

    [Fact]
    public void Module_settings_show_the_fields_with_the_module_key_beside_its_name()
    {
        GivenStaffPermissions(Permissions.ModulesView, Permissions.ModulesManage);
        Requests.On<GetModuleSettings, ModuleSettingsDto>(new ModuleSettingsDto(Sample(ModuleState.Active),
            [new ModuleSettingDto("apiKey", "API key", ModuleSettingType.Secret, false, null, null, [], null, IsSet: true)]));
        Requests.Refuse<SaveModuleSettings>(RequestValidationException.For("apiKey", "The key is too short."));

        var page = RenderWithProviders<ModuleSettingsPage>(p => p.Add(c => c.Key, "sample-product"));

        page.WaitForAssertion(() => page.Find("[data-testid=page-title]").TextContent.Should().Contain("Sample Product settings"));
        page.Find("[data-testid=page-key]").TextContent.Should().Be("sample-product");
        page.Find("[data-testid=secret-state-apiKey]").TextContent.Should().Be("A value is set.");
        page.Find("button[data-testid=save-module-settings]").Click();
        page.WaitForAssertion(() => page.Markup.Should().Contain("The key is too short."));
    }

    [Fact]
    public void Module_settings_of_an_unknown_module_say_so_without_a_save_button()
    {
        GivenStaffPermissions(Permissions.ModulesView, Permissions.ModulesManage);
        Requests.Refuse<GetModuleSettings>(new NotFoundException("No module has the key nope."));

        var page = RenderWithProviders<ModuleSettingsPage>(p => p.Add(c => c.Key, "nope"));

        page.WaitForAssertion(() => page.Find("[data-testid=form-message]").TextContent.Should().Contain("No module has the key nope."));
        page.FindAll("[data-testid=save-module-settings]").Should().BeEmpty();
    }
}
