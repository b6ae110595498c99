using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;
using PuqCloud.Core.Common;
using PuqCloud.Core.Domain.Finance;
using PuqCloud.Core.Features.Reference;
using PuqCloud.Core.Finance;
using PuqCloud.Core.Persistence;
using PuqCloud.Core.Security;

namespace PuqCloud.Core.Features.Finance;

public sealed record TaxPresetResult(int Created, int Skipped, string AsOf, string Source);

/// <summary>Appends the rules of a preset for a home company, skipping those an identical rule already covers.</summary>
[RequiresPermission(Permissions.TaxRulesCreate)]
public sealed record CreateTaxPresetRules(TaxPreset Preset, Guid HomeCompanyId) : ICommand<TaxPresetResult>;

public sealed class CreateTaxPresetRulesValidator : AbstractValidator<CreateTaxPresetRules>
{
    public CreateTaxPresetRulesValidator()
    {
        RuleFor(x => x.Preset).IsInEnum();
        RuleFor(x => x.HomeCompanyId).NotEmpty().WithMessage("Choose a home company.");
    }
}

public sealed class CreateTaxPresetRulesHandler(IDbContextFactory<AppDbContext> contexts) : IRequestHandler<CreateTaxPresetRules, TaxPresetResult>
{
    public async Task<TaxPresetResult> Handle(CreateTaxPresetRules request, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var company = await db.HomeCompanies.AsNoTracking().FirstOrDefaultAsync(c => c.Id == request.HomeCompanyId, cancellationToken)
                      ?? throw RequestValidationException.For(nameof(request.HomeCompanyId), "Choose a home company from the list.");
        // The EU rules tax the company's own country's businesses with VAT and other states' with the reverse charge:
        // without the country, every state would be "another", and businesses at home would be billed without VAT.
        if (request.Preset == TaxPreset.Eu && string.IsNullOrWhiteSpace(company.CountryCode))
            throw RequestValidationException.For(nameof(request.HomeCompanyId), "Set the company's country on its General tab first: the EU rules depend on it.");
        var existing = await db.TaxRules.AsNoTracking().ToListAsync(cancellationToken);
        var position = existing.Count == 0 ? 1 : existing.Max(r => r.Position) + 1;
        var (created, skipped) = (0, 0);
        foreach (var rule in TaxPresets.Rules(request.Preset, company.CountryCode))
        {
            rule.HomeCompanyId = company.Id;
            if (existing.Any(e => TaxPresets.SameRule(e, rule)))
            {
                skipped++;
                continue;
            }
            rule.Position = position++;
            db.TaxRules.Add(rule);
            created++;
        }
        await TaxRuleSteps.SaveAsync(db, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        var (asOf, source) = TaxPresets.About(request.Preset);
        return new TaxPresetResult(created, skipped, asOf, source);
    }
}
