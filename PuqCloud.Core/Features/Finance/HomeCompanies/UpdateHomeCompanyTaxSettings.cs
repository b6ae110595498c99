using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;
using PuqCloud.Core.Common;
using PuqCloud.Core.Features.Clients;
using PuqCloud.Core.Files;
using PuqCloud.Core.Persistence;
using PuqCloud.Core.Security;

namespace PuqCloud.Core.Features.Finance;

/// <summary>The Tax settings tab: tax identifiers and the tax texts documents print.</summary>
[RequiresPermission(Permissions.HomeCompaniesEdit)]
public sealed record UpdateHomeCompanyTaxSettings(Guid Id, string? EuVatId, string? TaxNumber, string? RegistrationNumber, string? EuTaxNote, string? CountryTaxNote)
    : ICommand<HomeCompanyDetails>;

public sealed class UpdateHomeCompanyTaxSettingsValidator : AbstractValidator<UpdateHomeCompanyTaxSettings>
{
    public UpdateHomeCompanyTaxSettingsValidator()
    {
        // An EU VAT ID is the country prefix and up to 12 letters or digits (EL for Greece, XI for Northern Ireland).
        RuleFor(x => x.EuVatId).MaximumLength(30).Matches(@"^[A-Za-z]{2}[0-9A-Za-z+*. -]{2,14}$").When(x => !string.IsNullOrWhiteSpace(x.EuVatId))
            .WithMessage("Write the VAT ID with its country prefix, for example PL1234567890.");
        RuleFor(x => x.TaxNumber).MaximumLength(50);
        RuleFor(x => x.RegistrationNumber).MaximumLength(50);
        RuleFor(x => x.EuTaxNote).MaximumLength(1000);
        RuleFor(x => x.CountryTaxNote).MaximumLength(1000);
    }
}

public sealed class UpdateHomeCompanyTaxSettingsHandler(IDbContextFactory<AppDbContext> contexts, TimeProvider clock) : IRequestHandler<UpdateHomeCompanyTaxSettings, HomeCompanyDetails>
{
    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    public async Task<HomeCompanyDetails> Handle(UpdateHomeCompanyTaxSettings request, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var company = await HomeCompanyRules.FindAsync(db, request.Id, cancellationToken);
        company.EuVatId = HomeCompanyRules.Clean(request.EuVatId)?.Replace(" ", "").ToUpperInvariant();
        company.TaxNumber = HomeCompanyRules.Clean(request.TaxNumber);
        company.RegistrationNumber = HomeCompanyRules.Clean(request.RegistrationNumber);
        company.EuTaxNote = HomeCompanyRules.Clean(request.EuTaxNote);
        company.CountryTaxNote = HomeCompanyRules.Clean(request.CountryTaxNote);
        await HomeCompanyRules.SaveAsync(db, cancellationToken);
        return await HomeCompanyRules.DetailsAsync(db, company.Id, Now, cancellationToken);
    }
}
