using PuqCloud.Core.Domain.Clients;
using PuqCloud.Core.Domain.Finance;
using PuqCloud.Core.Finance;

namespace PuqCloud.Tests.Unit;

/// <summary>
/// Golden figures of documents, written out by hand: which company bills and with which taxes (tax rules, the EU
/// reverse charge), each tax line rounded on its own half away from zero to the currency's minor unit, and
/// total = subtotal + taxes; and that a numbered document cannot be changed.
/// </summary>
public sealed class DocumentFiguresTests
{
    private static readonly Guid Warsaw = Guid.NewGuid();
    private static readonly Guid Delaware = Guid.NewGuid();
    private static readonly TaxCompany PolishCompany = new(Warsaw, "PL", IsDefault: true, EuTaxNote: null);

    private static TaxRule Rule(string country, decimal? rate, bool privateClient = true, bool withoutId = true, bool withId = true, Guid? company = null)
    {
        var rule = new TaxRule
        {
            CountryCode = country, AppliesToPrivate = privateClient, AppliesToCompanyWithoutTaxId = withoutId, AppliesToCompanyWithTaxId = withId,
            IndividualTaxRate = true, HomeCompanyId = company ?? Warsaw,
        };
        if (rate is { } r) rule.SetTaxes([new TaxLine("VAT", r)]);
        return rule;
    }

    private static readonly TaxClient GermanPerson = new("DE", null, null, null);
    /// <summary>A German company whose VAT ID VIES confirmed as valid.</summary>
    private static readonly TaxClient GermanCompany = new("DE", null, "Berlin Hosting GmbH", "de 123 456 789", ConfirmedVatId: "DE123456789");

    private static DocumentFigures AddFunds(decimal amount, IReadOnlyList<TaxLine> taxes, int decimals) =>
        DocumentMath.Compute([new DocumentLineInput("Add funds", 1m, amount)], taxes, decimals);

    [Fact]
    public void A_polish_company_bills_a_german_private_client_at_19_percent_when_the_rule_says_german_vat()
    {
        var selection = TaxSelector.Select(GermanPerson, [Rule("DE", 19m)], [PolishCompany])!;

        selection.HomeCompanyId.Should().Be(Warsaw);
        selection.ClientType.Should().Be(ClientTaxType.Private);
        selection.ReverseCharge.Should().BeFalse();
        selection.LegalNote.Should().BeNull();
        var figures = AddFunds(33.33m, selection.Taxes, 2);
        // 33.33 × 19 % = 6.3327 → 6.33
        figures.Lines.Should().ContainSingle().Which.Should().Be(new DocumentLineFigure("Add funds", 1m, 33.33m, 33.33m));
        figures.Taxes.Should().ContainSingle().Which.Should().Be(new DocumentTaxFigure("VAT", 19m, 33.33m, 6.33m));
        (figures.Subtotal, figures.TaxTotal, figures.Total).Should().Be((33.33m, 6.33m, 39.66m));
    }

    [Fact]
    public void The_same_client_pays_23_percent_when_the_rule_charges_polish_vat()
    {
        var selection = TaxSelector.Select(GermanPerson, [Rule("DE", 23m)], [PolishCompany])!;

        var figures = AddFunds(33.33m, selection.Taxes, 2);
        // 33.33 × 23 % = 7.6659 → 7.67
        figures.Taxes.Should().ContainSingle().Which.Should().Be(new DocumentTaxFigure("VAT", 23m, 33.33m, 7.67m));
        (figures.Subtotal, figures.TaxTotal, figures.Total).Should().Be((33.33m, 7.67m, 41.00m));
        AddFunds(100m, selection.Taxes, 2).Total.Should().Be(123.00m);
    }

    [Fact]
    public void A_private_client_pays_no_tax_where_the_rule_does_not_tax_individuals()
    {
        var rule = Rule("DE", 19m);
        rule.IndividualTaxRate = false;

        TaxSelector.Select(GermanPerson, [rule], [PolishCompany])!.Taxes.Should().BeEmpty();
    }

    [Fact]
    public void A_company_with_an_eu_vat_id_of_another_member_state_gets_the_reverse_charge_at_0_percent_with_the_note()
    {
        // Even a rule that would tax it: cross-border B2B is reverse-charged by law, whatever the rule says.
        var selection = TaxSelector.Select(GermanCompany, [Rule("DE", 19m)], [PolishCompany])!;

        selection.ClientType.Should().Be(ClientTaxType.CompanyWithTaxId);
        selection.ReverseCharge.Should().BeTrue();
        selection.Taxes.Should().BeEmpty();
        selection.VatId.Should().Be("DE123456789");
        selection.LegalNote.Should().Be("Reverse charge: VAT to be accounted for by the recipient, Article 196 Council Directive 2006/112/EC.");
        var figures = AddFunds(250.00m, selection.Taxes, 2);
        (figures.Subtotal, figures.TaxTotal, figures.Total).Should().Be((250.00m, 0m, 250.00m));
        figures.Taxes.Should().BeEmpty();

        // The EU preset's rule for such clients (no taxes) ends the same way, and the company's own EU note wins.
        var own = PolishCompany with { EuTaxNote = "  Odwrotne obciążenie / reverse charge.  " };
        var preset = TaxSelector.Select(GermanCompany, [Rule("DE", null, privateClient: false, withoutId: false)], [own])!;
        (preset.ReverseCharge, preset.LegalNote).Should().Be((true, "Odwrotne obciążenie / reverse charge."));
    }

    [Fact]
    public void No_reverse_charge_at_home_outside_the_eu_or_without_a_vat_id_of_the_client_s_state()
    {
        var polishCompany = new TaxClient("PL", null, "Warszawa Sp. z o.o.", "PL1234567890");
        var home = TaxSelector.Select(polishCompany, [Rule("PL", 23m)], [PolishCompany])!;
        (home.ReverseCharge, home.Taxes.Single().Rate).Should().Be((false, 23m));

        var american = new TaxCompany(Delaware, "US", IsDefault: true, null);
        var fromUs = TaxSelector.Select(GermanCompany, [Rule("DE", 19m, company: Delaware)], [american])!;
        (fromUs.ReverseCharge, fromUs.HomeCompanyId, fromUs.Taxes.Single().Rate).Should().Be((false, Delaware, 19m));

        var frenchId = TaxSelector.Select(GermanCompany with { TaxId = "FR12345678901" }, [Rule("DE", 19m)], [PolishCompany])!;
        (frenchId.ReverseCharge, frenchId.Taxes.Single().Rate).Should().Be((false, 19m));

        var withoutId = TaxSelector.Select(GermanCompany with { TaxId = null }, [Rule("DE", 19m)], [PolishCompany])!;
        (withoutId.ClientType, withoutId.ReverseCharge).Should().Be((ClientTaxType.CompanyWithoutTaxId, false));
    }

    [Fact]
    public void A_vat_id_that_vies_did_not_confirm_is_charged_the_rule_s_vat()
    {
        // Never checked, found invalid, or only "unavailable" so far: no confirmed ID, so German VAT on 250.00 = 47.50.
        var unconfirmed = TaxSelector.Select(GermanCompany with { ConfirmedVatId = null }, [Rule("DE", 19m)], [PolishCompany])!;
        (unconfirmed.ClientType, unconfirmed.ReverseCharge, unconfirmed.LegalNote).Should().Be((ClientTaxType.CompanyWithoutTaxId, false, null),
            "until VIES confirms it, a tax ID of another member state is no valid one");
        var figures = AddFunds(250.00m, unconfirmed.Taxes, 2);
        (figures.Subtotal, figures.TaxTotal, figures.Total).Should().Be((250.00m, 47.50m, 297.50m));

        // VIES confirmed an earlier number; the client typed another one since: the new one is not confirmed.
        var changed = TaxSelector.Select(GermanCompany with { TaxId = "DE999999999" }, [Rule("DE", 19m)], [PolishCompany])!;
        (changed.ReverseCharge, changed.Taxes.Single().Rate).Should().Be((false, 19m));
    }

    [Fact]
    public void Under_the_eu_preset_a_company_whose_vat_id_vies_did_not_confirm_pays_its_state_s_vat_and_a_confirmed_one_the_reverse_charge()
    {
        // The preset's rule for other member states' companies with a tax ID charges nothing: the reverse charge is the point.
        var rules = TaxPresets.Rules(TaxPreset.Eu, "PL");

        var unconfirmed = TaxSelector.Select(GermanCompany with { ConfirmedVatId = null }, rules, [PolishCompany])!;
        unconfirmed.ReverseCharge.Should().BeFalse();
        unconfirmed.Taxes.Should().Equal(new TaxLine("VAT", 19m));
        var figures = AddFunds(1000.00m, unconfirmed.Taxes, 2);
        figures.Total.Should().Be(1190.00m, "any text in the tax ID field must not make a consumer's top-up VAT-free");
        var anyText = TaxSelector.Select(new TaxClient("DE", null, "Müller GmbH", "123456789"), rules, [PolishCompany])!;
        anyText.Taxes.Should().Equal(new TaxLine("VAT", 19m));

        var confirmed = TaxSelector.Select(GermanCompany, rules, [PolishCompany])!;
        (confirmed.ReverseCharge, confirmed.Taxes.Count, confirmed.ClientType).Should().Be((true, 0, ClientTaxType.CompanyWithTaxId));
        // Rules that tax only companies with a tax ID there: with no rule for those without one, the first rule's VAT stays.
        var onlyWithId = TaxSelector.Select(GermanCompany with { ConfirmedVatId = null }, [Rule("DE", 19m, privateClient: false, withoutId: false)], [PolishCompany])!;
        (onlyWithId.ReverseCharge, onlyWithId.Taxes.Single().Rate).Should().Be((false, 19m));
        var home = TaxSelector.Select(new TaxClient("PL", null, "Warszawa Sp. z o.o.", "PL1234567890"), rules, [PolishCompany])!;
        (home.ClientType, home.Taxes.Single().Rate).Should().Be((ClientTaxType.CompanyWithTaxId, 23m), "at home no VIES check is needed for the type");
    }

    [Fact]
    public void A_client_keeps_its_confirmed_vat_id_through_unavailable_answers_and_loses_it_when_vies_says_invalid()
    {
        var client = new Client();
        var at = new DateTime(2026, 12, 1, 10, 0, 0, DateTimeKind.Utc);
        client.RecordVatCheck("DE123456789", new(VatCheckStatus.Valid, at, "WAPIAAAAZ1"));
        (client.VatValidNumber, client.VatValidAt, client.VatConsultationNumber).Should().Be(("DE123456789", at, "WAPIAAAAZ1"));

        client.RecordVatCheck("DE123456789", new(VatCheckStatus.Unavailable, at.AddDays(1), Message: "MS_UNAVAILABLE"));
        (client.VatCheckStatus, client.VatCheckMessage).Should().Be((VatCheckStatus.Unavailable, "MS_UNAVAILABLE"));
        (client.VatValidNumber, client.VatConsultationNumber).Should().Be(("DE123456789", "WAPIAAAAZ1"), "unavailable is not invalid");

        client.RecordVatCheck("DE123456789", new(VatCheckStatus.Invalid, at.AddDays(2)));
        (client.VatCheckStatus, client.VatValidNumber, client.VatConsultationNumber).Should().Be((VatCheckStatus.Invalid, null, null));
    }

    [Fact]
    public void Only_an_unpaid_proforma_past_its_due_date_and_grace_expires()
    {
        var issued = new DateTime(2026, 12, 1, 0, 0, 0, DateTimeKind.Utc);
        var proforma = Document.Draft(DocumentType.Proforma, Warsaw, Guid.NewGuid(), "EUR", 2, [new DocumentLineInput("Add funds", 1m, 10m)], [],
            new DocumentParty("Hans Meier"), new DocumentParty("Puq Polska"));
        proforma.Issue("PRO/1", issued, issued.AddDays(14));
        var revision = proforma.Revision;

        proforma.IsExpiredAt(issued.AddDays(16).AddTicks(-1), TimeSpan.FromDays(2)).Should().BeFalse();
        proforma.Invoking(p => p.Expire(issued.AddDays(15), TimeSpan.FromDays(2))).Should().Throw<InvalidOperationException>();
        proforma.Expire(issued.AddDays(16), TimeSpan.FromDays(2));
        (proforma.Status, proforma.Revision).Should().Be((DocumentStatus.Expired, revision + 1));
        proforma.Invoking(p => p.Expire(issued.AddDays(30), TimeSpan.Zero)).Should().Throw<InvalidOperationException>("only an unpaid proforma expires");
    }

    [Fact]
    public void Eu_vat_ids_are_normalized_with_the_state_s_prefix_and_greece_s_is_el()
    {
        EuVat.Normalize("de 123.456-789", "DE").Should().Be("DE123456789");
        EuVat.Normalize("123456789", "de").Should().Be("DE123456789", "a bare number gets its country's prefix");
        EuVat.Normalize("EL094259216", "GR").Should().Be("EL094259216");
        EuVat.Normalize("GR094259216", "GR").Should().Be("EL094259216");
        EuVat.Normalize("FR12345678901", "DE").Should().BeNull("another state's prefix");
        EuVat.Normalize("123456789", "US").Should().BeNull("not a member state");
        EuVat.Normalize("DE1", "DE").Should().BeNull("too short");
        EuVat.Normalize("   ", "DE").Should().BeNull();
    }

    [Fact]
    public void The_member_states_are_those_of_the_eu_vat_preset()
    {
        EuVat.MemberStates.Should().BeEquivalentTo(TaxPresets.Eu.Countries.Select(c => c.Country));
    }

    [Fact]
    public void Without_a_matching_rule_the_default_company_bills_without_taxes_and_without_any_company_nothing_is_selected()
    {
        var other = new TaxCompany(Delaware, "US", IsDefault: false, null);
        var selection = TaxSelector.Select(new TaxClient("JP", null, null, null), [Rule("DE", 19m, company: Delaware)], [other, PolishCompany])!;
        selection.HomeCompanyId.Should().Be(Warsaw);
        selection.Rule.Should().BeNull();
        selection.Taxes.Should().BeEmpty();

        TaxSelector.Select(GermanPerson, [Rule("DE", 19m)], []).Should().BeNull();
    }

    [Fact]
    public void Yen_tax_lines_round_to_whole_yen_half_away_from_zero()
    {
        // 1,245 × 10 % = 124.5 → 125 (half away from zero; banker's rounding would give 124)
        var figures = AddFunds(1245m, [new TaxLine("Consumption tax", 10m)], 0);
        figures.Taxes.Single().Amount.Should().Be(125m);
        (figures.Subtotal, figures.TaxTotal, figures.Total).Should().Be((1245m, 125m, 1370m));
    }

    [Fact]
    public void Kuwaiti_dinar_tax_lines_round_to_three_decimals_half_away_from_zero()
    {
        // 24.690 × 5 % = 1.2345 → 1.235 (banker's rounding would give 1.234)
        var figures = AddFunds(24.690m, [new TaxLine("VAT", 5m)], 3);
        figures.Taxes.Single().Amount.Should().Be(1.235m);
        (figures.Subtotal, figures.TaxTotal, figures.Total).Should().Be((24.690m, 1.235m, 25.925m));
    }

    [Fact]
    public void Each_tax_line_is_rounded_on_its_own_and_the_total_is_the_subtotal_plus_the_rounded_taxes()
    {
        // 10.05 × 5 % = 0.5025 → 0.50 and 10.05 × 7 % = 0.7035 → 0.70: taxes 1.20 (12 % of the sum rounded once would be 1.21)
        var figures = AddFunds(10.05m, [new TaxLine("GST", 5m), new TaxLine("PST", 7m)], 2);
        figures.Taxes.Select(t => (t.Name, t.TaxableBase, t.Amount)).Should().Equal(("GST", 10.05m, 0.50m), ("PST", 10.05m, 0.70m));
        (figures.Subtotal, figures.TaxTotal, figures.Total).Should().Be((10.05m, 1.20m, 11.25m));

        var lines = DocumentMath.Compute([new DocumentLineInput("Hours", 3m, 0.3333m), new DocumentLineInput("Setup", 1m, 5m)], [new TaxLine("VAT", 23m)], 2);
        // 3 × 0.3333 = 0.9999 → 1.00; subtotal 6.00; 23 % = 1.38
        lines.Lines.Select(l => l.Amount).Should().Equal(1.00m, 5m);
        (lines.Subtotal, lines.TaxTotal, lines.Total).Should().Be((6.00m, 1.38m, 7.38m));
    }

    [Fact]
    public void A_numbered_document_cannot_be_changed_and_a_proforma_becomes_unpaid_when_numbered()
    {
        var client = new DocumentParty("Hans Meier", Email: "hans@example.test", CountryCode: "DE");
        var company = new DocumentParty("Puq Sp. z o.o.", CountryCode: "PL", VatId: "PL1234567890");
        var proforma = Document.Draft(DocumentType.Proforma, Warsaw, Guid.NewGuid(), "EUR", 2, [new DocumentLineInput("Add funds", 1m, 33.33m)],
            [new TaxLine("VAT", 19m)], client, company);

        proforma.Status.Should().Be(DocumentStatus.Draft);
        proforma.Number.Should().BeNull();
        (proforma.Subtotal, proforma.TaxTotal, proforma.Total, proforma.AmountPaid).Should().Be((33.33m, 6.33m, 39.66m, 0m));
        proforma.Taxes.Single().Amount.Should().Be(6.33m);
        DocumentParty.FromJson(proforma.ClientSnapshot).Should().Be(client);
        DocumentParty.FromJson(proforma.CompanySnapshot).Should().Be(company);

        var at = new DateTime(2026, 12, 1, 10, 0, 0, DateTimeKind.Utc);
        proforma.Invoking(p => p.Issue("PRO-2026-00001", at)).Should().Throw<ArgumentException>("a proforma is issued with a due date");
        proforma.Issue("PRO-2026-00001", at, at.AddDays(14));
        (proforma.Status, proforma.Number, proforma.IssuedAt, proforma.DueAt).Should().Be((DocumentStatus.Unpaid, "PRO-2026-00001", at, at.AddDays(14)));
        proforma.Invoking(p => p.EnsureEditable()).Should().Throw<InvalidOperationException>().WithMessage("*credit note*");
        proforma.Invoking(p => p.Issue("PRO-2026-00002", at, at)).Should().Throw<InvalidOperationException>();

        var invoice = Document.Draft(DocumentType.Invoice, Warsaw, Guid.NewGuid(), "EUR", 2, [new DocumentLineInput("Add funds", 1m, 10m)], [], client, company,
            relatedDocumentId: proforma.Id);
        invoice.Issue("INV-2026-00001", at, at.AddDays(14));
        invoice.Status.Should().Be(DocumentStatus.Issued);
        invoice.DueAt.Should().BeNull("only a proforma is due");
        invoice.RelatedDocumentId.Should().Be(proforma.Id);
    }
}
