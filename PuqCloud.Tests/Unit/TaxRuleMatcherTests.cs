using PuqCloud.Core.Domain.Finance;
using PuqCloud.Core.Finance;

namespace PuqCloud.Tests.Unit;

public sealed class TaxRuleMatcherTests
{
    private static readonly Guid Warsaw = Guid.NewGuid();
    private static readonly Guid Toronto = Guid.NewGuid();

    private static TaxRule Rule(string country, string? region = null, bool p = true, bool noId = true, bool withId = true, decimal? rate = 23m, bool individual = true, Guid? company = null)
    {
        var rule = new TaxRule
        {
            CountryCode = country, Region = region, AppliesToPrivate = p, AppliesToCompanyWithoutTaxId = noId, AppliesToCompanyWithTaxId = withId,
            IndividualTaxRate = individual, HomeCompanyId = company ?? Warsaw,
        };
        if (rate is { } r) rule.SetTaxes([new TaxLine("VAT", r)]);
        return rule;
    }

    [Fact]
    public void The_first_matching_rule_wins_in_list_order()
    {
        var first = Rule("PL", rate: 23m);
        var second = Rule("PL", rate: 8m);

        TaxRuleMatcher.Match([first, second], "PL", null, ClientTaxType.Private).Rule.Should().BeSameAs(first);
        TaxRuleMatcher.Match([second, first], "PL", null, ClientTaxType.Private).Rule.Should().BeSameAs(second);
    }

    [Fact]
    public void A_region_rule_matches_only_its_region_and_a_country_rule_the_whole_country()
    {
        var ontario = Rule("CA", "CA-ON", rate: 13m, company: Toronto);
        var canada = Rule("CA", rate: 5m, company: Toronto);
        var rules = new[] { ontario, canada };

        TaxRuleMatcher.Match(rules, "CA", "CA-ON", ClientTaxType.Private).Rule.Should().BeSameAs(ontario);
        TaxRuleMatcher.Match(rules, "ca", "ca-on", ClientTaxType.Private).Rule.Should().BeSameAs(ontario, "codes compare without case");
        TaxRuleMatcher.Match(rules, "CA", "CA-QC", ClientTaxType.Private).Rule.Should().BeSameAs(canada);
        TaxRuleMatcher.Match(rules, "CA", null, ClientTaxType.Private).Rule.Should().BeSameAs(canada, "a client without region is matched by the country-wide rule only");
        TaxRuleMatcher.Match(rules, "US", "US-NY", ClientTaxType.Private).Rule.Should().BeNull();
    }

    [Fact]
    public void Client_type_toggles_decide_who_a_rule_applies_to()
    {
        var consumers = Rule("DE", p: true, noId: true, withId: false, rate: 19m);
        var reverseCharge = Rule("DE", p: false, noId: false, withId: true, rate: null);
        var rules = new[] { consumers, reverseCharge };

        TaxRuleMatcher.Match(rules, "DE", null, ClientTaxType.Private).Taxes.Should().Equal(new TaxLine("VAT", 19m));
        TaxRuleMatcher.Match(rules, "DE", null, ClientTaxType.CompanyWithoutTaxId).Rule.Should().BeSameAs(consumers);
        var business = TaxRuleMatcher.Match(rules, "DE", null, ClientTaxType.CompanyWithTaxId);
        business.Rule.Should().BeSameAs(reverseCharge);
        business.Taxes.Should().BeEmpty();
    }

    [Fact]
    public void Without_individual_tax_rate_a_private_client_is_matched_but_pays_no_tax()
    {
        var rule = Rule("PL", individual: false);

        var person = TaxRuleMatcher.Match([rule], "PL", null, ClientTaxType.Private);
        person.Rule.Should().BeSameAs(rule, "the rule still decides which home company bills");
        person.Taxes.Should().BeEmpty();
        TaxRuleMatcher.Match([rule], "PL", null, ClientTaxType.CompanyWithTaxId).Taxes.Should().ContainSingle();
    }

    [Fact]
    public void No_rule_means_no_taxes()
    {
        var match = TaxRuleMatcher.Match([Rule("PL")], "FR", null, ClientTaxType.Private);

        match.Rule.Should().BeNull("the handler then bills through the default home company");
        match.Taxes.Should().BeEmpty();
        TaxRuleMatcher.Match([], "PL", null, ClientTaxType.Private).Rule.Should().BeNull();
    }

    [Theory]
    [InlineData(null, null, ClientTaxType.Private)]
    [InlineData(" ", "123", ClientTaxType.Private)]
    [InlineData("ACME", null, ClientTaxType.CompanyWithoutTaxId)]
    [InlineData("ACME", " ", ClientTaxType.CompanyWithoutTaxId)]
    [InlineData("ACME", "PL123", ClientTaxType.CompanyWithTaxId)]
    public void A_clients_type_follows_its_company_name_and_tax_id(string? company, string? taxId, ClientTaxType expected) =>
        TaxRuleMatcher.TypeOf(company, taxId).Should().Be(expected);

    [Fact]
    public void A_broader_rule_above_shadows_a_narrower_one_below_but_not_the_other_way()
    {
        var country = Rule("CA");
        var ontario = Rule("CA", "CA-ON");
        var onlyCompanies = Rule("CA", p: false, noId: true, withId: true);

        TaxRuleMatcher.Shadows(country, ontario).Should().BeTrue();
        TaxRuleMatcher.Shadows(ontario, country).Should().BeFalse();
        TaxRuleMatcher.Shadows(onlyCompanies, Rule("CA", "CA-ON", p: true)).Should().BeFalse("private clients of Ontario still reach the lower rule");
        TaxRuleMatcher.Shadows(country, Rule("US")).Should().BeFalse();

        TaxRuleMatcher.ShadowingRules([country, ontario]).Should().Equal(null, country);
        TaxRuleMatcher.ShadowingRules([ontario, country]).Should().OnlyContain(r => r == null);
    }

    [Fact]
    public void The_eu_preset_taxes_consumers_everywhere_and_companies_with_a_tax_id_only_at_home()
    {
        var rules = TaxPresets.Rules(TaxPreset.Eu, "PL");

        rules.Select(r => r.CountryCode).Distinct().Should().HaveCount(27);
        TaxPresets.Eu.AsOf.Should().NotBeNullOrEmpty();
        TaxRuleMatcher.Match(rules, "PL", null, ClientTaxType.CompanyWithTaxId).Taxes.Should().Equal(new TaxLine("VAT", 23m));
        TaxRuleMatcher.Match(rules, "DE", null, ClientTaxType.CompanyWithTaxId).Taxes.Should().BeEmpty("reverse charge");
        TaxRuleMatcher.Match(rules, "DE", null, ClientTaxType.CompanyWithTaxId).Rule.Should().NotBeNull("the chosen company still bills");
        TaxRuleMatcher.Match(rules, "FI", null, ClientTaxType.Private).Taxes.Should().Equal(new TaxLine("VAT", 25.5m));
        TaxRuleMatcher.Match(rules, "DE", null, ClientTaxType.CompanyWithoutTaxId).Taxes.Should().Equal(new TaxLine("VAT", 19m));
        TaxRuleMatcher.ShadowingRules(rules).Should().AllSatisfy(r => r.Should().BeNull());
    }

    [Fact]
    public void The_canada_preset_has_a_rule_per_province_with_its_sales_taxes()
    {
        var rules = TaxPresets.Rules(TaxPreset.Canada, "CA");

        rules.Should().HaveCount(13).And.OnlyContain(r => r.CountryCode == "CA" && r.Region != null);
        TaxRuleMatcher.Match(rules, "CA", "CA-QC", ClientTaxType.CompanyWithTaxId).Taxes.Should().Equal(new TaxLine("GST", 5m), new TaxLine("QST", 9.975m));
        TaxRuleMatcher.Match(rules, "CA", "CA-ON", ClientTaxType.Private).Taxes.Should().Equal(new TaxLine("HST", 13m));
        TaxRuleMatcher.Match(rules, "CA", "CA-NS", ClientTaxType.Private).Taxes.Should().Equal(new TaxLine("HST", 14m));
    }
}
