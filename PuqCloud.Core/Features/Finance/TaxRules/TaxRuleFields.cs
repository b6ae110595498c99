using FluentValidation;
using Microsoft.EntityFrameworkCore;
using PuqCloud.Core.Domain.Clients;
using PuqCloud.Core.Domain.Finance;
using PuqCloud.Core.Features.Reference;
using PuqCloud.Core.Persistence;

namespace PuqCloud.Core.Features.Finance;

/// <summary>The fields of a tax rule form (create and update share them and their rules).</summary>
public interface ITaxRuleFields
{
    string CountryCode { get; }
    string? Region { get; }
    bool AppliesToPrivate { get; }
    bool AppliesToCompanyWithoutTaxId { get; }
    bool AppliesToCompanyWithTaxId { get; }
    bool IndividualTaxRate { get; }
    string? Tax1Name { get; }
    decimal? Tax1Rate { get; }
    string? Tax2Name { get; }
    decimal? Tax2Rate { get; }
    string? Tax3Name { get; }
    decimal? Tax3Rate { get; }
    Guid HomeCompanyId { get; }
}

public abstract class TaxRuleFieldsValidator<T> : AbstractValidator<T> where T : ITaxRuleFields
{
    protected TaxRuleFieldsValidator(IDbContextFactory<AppDbContext> contexts)
    {
        RuleFor(x => x.CountryCode).Cascade(CascadeMode.Stop).NotEmpty().WithMessage("Choose a country.").KnownCountry(contexts);
        RuleFor(x => x.Region).MaximumLength(100).RegionOf(x => x.CountryCode, contexts);
        RuleFor(x => x.AppliesToPrivate).Must((rule, _) => rule.AppliesToPrivate || rule.AppliesToCompanyWithoutTaxId || rule.AppliesToCompanyWithTaxId)
            .WithMessage("Turn on at least one client type.");
        Tax(x => x.Tax1Name, x => x.Tax1Rate);
        Tax(x => x.Tax2Name, x => x.Tax2Rate);
        Tax(x => x.Tax3Name, x => x.Tax3Rate);
        RuleFor(x => x.HomeCompanyId).NotEmpty().WithMessage("Choose a home company.")
            .MustAsync(async (id, ct) =>
            {
                await using var db = await contexts.CreateDbContextAsync(ct);
                return await db.HomeCompanies.AnyAsync(c => c.Id == id, ct);
            }).When(x => x.HomeCompanyId != Guid.Empty).WithMessage("Choose a home company from the list.");
    }

    private void Tax(System.Linq.Expressions.Expression<Func<T, string?>> name, System.Linq.Expressions.Expression<Func<T, decimal?>> rate)
    {
        var nameOf = name.Compile();
        var rateOf = rate.Compile();
        RuleFor(name).MaximumLength(50)
            .Must((rule, n) => !string.IsNullOrWhiteSpace(n) || rateOf(rule) is null).WithMessage("Name the tax of this rate, for example VAT.");
        RuleFor(rate)
            .NotNull().When(rule => !string.IsNullOrWhiteSpace(nameOf(rule))).WithMessage("Enter the rate of this tax.")
            .InclusiveBetween(0m, 100m).WithMessage("A rate is a percentage from 0 to 100.")
            .Must(r => r is null || decimal.Round(r.Value, 3) == r.Value).WithMessage("Use at most 3 decimal places.");
    }
}
