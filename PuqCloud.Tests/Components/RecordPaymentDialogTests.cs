using Bunit;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using PuqCloud.Core.Common;
using PuqCloud.Core.Domain.Finance;
using PuqCloud.Core.Features.Finance;
using PuqCloud.Core.Features.Modules;
using PuqCloud.Core.Features.Reference;
using PuqCloud.Core.Security;
using PuqCloud.Modules.Abstractions;
using PuqCloud.Web.Components.Admin.Clients;
using PuqCloud.Web.Components.Admin.Finance;

namespace PuqCloud.Tests.Components;

/// <summary>"Record payment" on an unpaid proforma of a client's Invoices tab, its dialog (refusals under their fields), and the payment gateway dialog's form.</summary>
public sealed class RecordPaymentDialogTests : ComponentTest
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);
    private static readonly Guid ClientId = Guid.CreateVersion7();
    private static readonly Guid CompanyId = Guid.CreateVersion7();
    private static readonly Guid ProformaId = Guid.CreateVersion7();
    private static readonly Guid BankId = Guid.CreateVersion7();
    private static readonly DateTime At = new(2026, 12, 1, 10, 0, 0, DateTimeKind.Utc);

    private static DocumentListItem Row(Guid id, string number, DocumentType kind, DocumentStatus status) => new(
        id, kind, status, number, ClientId, "Hans Meier", CompanyId, "Puq Polska", "EUR", 33.33m, 7.67m, 41m, 0m, "41,00\u00a0€", "0,00\u00a0€",
        At, kind == DocumentType.Proforma ? At.AddDays(14) : null, At);

    private static DocumentPaymentOptions Options() => new(ProformaId, "PRO/2026/0001", "EUR", 2, 41m, "41,00\u00a0€", true,
        [new PaymentGatewayChoice(BankId, "bank_eur", "Przelew / Bank transfer", "bank-transfer"), new PaymentGatewayChoice(Guid.CreateVersion7(), "card", "Card", "test-payment")],
        new DateTime(2026, 12, 1, 0, 0, 0, DateTimeKind.Utc));

    /// <summary>An unpaid proforma's Record payment dialog, opened from the client's Invoices tab; the save is refused under Reference.</summary>
    private IRenderedComponent<MudDialogProvider> OpenRecordPayment(DocumentPaymentOptions options)
    {
        Requests.On<ListDocuments, PagedResult<DocumentListItem>>(new PagedResult<DocumentListItem>([Row(ProformaId, "PRO/2026/0001", DocumentType.Proforma, DocumentStatus.Unpaid)], 1, 1, 25))
            .On<GetDocumentPaymentOptions, DocumentPaymentOptions>(options)
            .Refuse<RecordPayment>(RequestValidationException.For("Reference", "Enter the transfer's reference as the statement shows it."));
        Render<MudPopoverProvider>();
        var dialogs = Render<MudDialogProvider>();
        Render<MudSnackbarProvider>();
        var tab = Render<ClientInvoicesTab>(p => p.Add(t => t.ClientId, ClientId).Add(t => t.Can, (string perm) => perm == Permissions.InvoicesRecordPayment));
        tab.WaitForAssertion(() => tab.Find("button[data-testid=record-payment]").HasAttribute("disabled").Should().BeFalse(), Wait);
        tab.Find("button[data-testid=record-payment]").Click();
        return dialogs;
    }

    /// <summary>
    /// The day received starts as the staff member's today, in their time zone: at 22:00 UTC on 1 December it is already the
    /// 2nd in Sydney (it started as the UTC day, and today could not be chosen there until 10:00 or 11:00).
    /// </summary>
    [Fact]
    public void The_day_received_starts_as_today_in_the_staff_members_time_zone()
    {
        Services.GetRequiredService<PuqCloud.Web.Infrastructure.PersonTime>().Use("Australia/Sydney");
        var dialogs = OpenRecordPayment(Options() with { Now = new DateTime(2026, 12, 1, 22, 0, 0, DateTimeKind.Utc) });
        dialogs.WaitForAssertion(() => dialogs.Find("button[data-testid=record-payment-save]"), Wait);
        dialogs.Find("button[data-testid=record-payment-save]").Click();
        dialogs.WaitForAssertion(() => Requests.SentOf<RecordPayment>().Should().ContainSingle(), Wait);
        Requests.SentOf<RecordPayment>().Single().ReceivedAt!.Value.Date.Should().Be(new DateTime(2026, 12, 2));
    }

    [Fact]
    public void Only_an_unpaid_proforma_offers_record_payment_and_the_button_needs_its_permission()
    {
        Requests.On<ListDocuments, PagedResult<DocumentListItem>>(new PagedResult<DocumentListItem>([
            Row(ProformaId, "PRO/2026/0001", DocumentType.Proforma, DocumentStatus.Unpaid),
            Row(Guid.CreateVersion7(), "PRO/2026/0000", DocumentType.Proforma, DocumentStatus.Invoiced),
            Row(Guid.CreateVersion7(), "FV/2026/0001", DocumentType.Invoice, DocumentStatus.Issued)], 3, 1, 25));
        var tab = RenderWithProviders<ClientInvoicesTab>(p => p.Add(t => t.ClientId, ClientId).Add(t => t.Can, (string perm) => perm == Permissions.InvoicesView));

        tab.WaitForAssertion(() => tab.FindAll("[data-testid=invoice-number]").Should().HaveCount(3), Wait);
        var button = tab.FindAll("button[data-testid=record-payment]").Should().ContainSingle().Subject;
        button.HasAttribute("disabled").Should().BeTrue("recording a payment needs finance.invoices.record-payment");
        button.GetAttribute("data-opens").Should().Be("dialog");
    }

    [Fact]
    public void The_dialog_starts_with_what_is_due_and_shows_a_refusal_under_its_field()
    {
        var dialogs = OpenRecordPayment(Options());
        dialogs.WaitForAssertion(() => dialogs.Find("[data-testid=payment-due]").TextContent.Should().Contain("41,00\u00a0€").And.Contain("PRO/2026/0001"), Wait);
        dialogs.Find("input[data-testid=payment-amount]").GetAttribute("value").Should().Be(41m.ToString("F2", System.Globalization.CultureInfo.CurrentCulture), "the amount starts as what is still due, at the currency's digits");
        dialogs.Find("[data-testid=payment-gateway]").TextContent.Should().Contain("Przelew / Bank transfer", "the first gateway in the company's order is chosen");

        dialogs.Find("button[data-testid=record-payment-save]").Click();
        dialogs.WaitForAssertion(() => dialogs.Find("[data-testid=error-Reference]").TextContent.Should().Be("Enter the transfer's reference as the statement shows it."), Wait);
        dialogs.Find("[data-testid=error-Reference]").PreviousElementSibling!.QuerySelector("input[data-testid=payment-reference]").Should().NotBeNull("the reason stands right under its field");
        var sent = Requests.SentOf<RecordPayment>().Single();
        (sent.DocumentId, sent.GatewayId, sent.Amount, sent.ReceivedAt).Should().Be((ProformaId, BankId, 41m, new DateTime(2026, 12, 1, 0, 0, 0, DateTimeKind.Utc)));
        dialogs.FindAll("[data-testid=record-payment-dialog]").Should().ContainSingle("a refused payment keeps the dialog open");
    }

    [Fact]
    public void A_proforma_without_a_gateway_for_its_currency_says_where_to_add_one()
    {
        Requests.On<GetDocumentPaymentOptions, DocumentPaymentOptions>(Options() with { Gateways = [] });
        Render<MudPopoverProvider>();
        var dialogs = Render<MudDialogProvider>();
        var service = Services.GetService(typeof(IDialogService)) as IDialogService;
        dialogs.InvokeAsync(() => service!.ShowAsync<RecordPaymentDialog>("Record payment", new DialogParameters<RecordPaymentDialog> { { d => d.DocumentId, ProformaId } }));

        dialogs.WaitForAssertion(() => dialogs.Find("[data-testid=no-payment-gateways]").TextContent.Should().Contain("no enabled payment gateway that takes EUR"), Wait);
    }

    [Fact]
    public void The_gateway_dialog_shows_the_module_s_settings_form_the_currencies_and_the_switch()
    {
        Requests.On<ListCurrencyOptions, IReadOnlyList<CurrencyOption>>([new CurrencyOption(Guid.CreateVersion7(), "USD", true), new CurrencyOption(Guid.CreateVersion7(), "EUR", false)]);
        Requests.On<CreatePaymentGateway, PaymentGatewayDto>(r => new PaymentGatewayDto(Guid.CreateVersion7(), r.Key, r.ModuleKey, "Bank Transfer", true, "", "Bank Transfer", true, 1, ["USD"], []));
        IReadOnlyList<ModuleSettingDto> fields =
        [
            new("iban", "IBAN or account number", ModuleSettingType.Text, true, null, null, [], null, false),
            new("apiKey", "API key", ModuleSettingType.Secret, false, null, null, [], null, true),
        ];
        Render<MudPopoverProvider>();
        var dialogs = Render<MudDialogProvider>();
        var service = Services.GetService(typeof(IDialogService)) as IDialogService;
        dialogs.InvokeAsync(() => service!.ShowAsync<PaymentGatewayDialog>("New payment gateway", new DialogParameters<PaymentGatewayDialog>
        {
            { d => d.HomeCompanyId, CompanyId }, { d => d.Modules, [new PaymentModuleOption("bank-transfer", "Bank Transfer", fields)] }, { d => d.Gateway, null },
        }));

        dialogs.WaitForAssertion(() => dialogs.Find("[data-testid=gateway-settings]").TextContent.Should().Contain("IBAN or account number"), Wait);
        dialogs.Find("[data-testid=secret-state-apiKey]").TextContent.Should().Be("A value is set.");
        dialogs.FindAll("[data-testid=gateway-enabled]").Should().NotBeEmpty();
        dialogs.Find("button[data-testid=save-gateway]").Click();
        dialogs.WaitForAssertion(() => Requests.SentOf<CreatePaymentGateway>().Should().ContainSingle(), Wait);
        var sent = Requests.SentOf<CreatePaymentGateway>().Single();
        (sent.ModuleKey, sent.IsEnabled).Should().Be(("bank-transfer", true));
        sent.Currencies.Should().Equal(["USD"], "a new gateway starts with the default currency");
        sent.Settings!.Keys.Should().BeEquivalentTo(["iban", "apiKey"]);
    }
}
