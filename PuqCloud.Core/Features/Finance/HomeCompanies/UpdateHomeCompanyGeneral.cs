using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;
using PuqCloud.Core.Common;
using PuqCloud.Core.Features.Clients;
using PuqCloud.Core.Persistence;
using PuqCloud.Core.Security;

namespace PuqCloud.Core.Features.Finance;

/// <summary>
/// The General tab: names, address, contact and the Default switch (exactly one default). <see cref="IsDefault"/> null
/// keeps it as it is now: true makes this company the default, false is refused for the default.
/// </summary>
[RequiresPermission(Permissions.HomeCompaniesEdit)]
public sealed record UpdateHomeCompanyGeneral(Guid Id, string Name, string? LegalName, string Address1, string? Address2, string City, string? Postcode,
    string CountryCode, string? Region, string? Email, string? Phone, string? Website, bool? IsDefault) : ICommand<HomeCompanyDetails>, IAddressFields;

public sealed class UpdateHomeCompanyGeneralValidator : AbstractValidator<UpdateHomeCompanyGeneral>
{
    public UpdateHomeCompanyGeneralValidator(IDbContextFactory<AppDbContext> contexts)
    {
        Include(new AddressFieldsValidator<UpdateHomeCompanyGeneral>(contexts));
        RuleFor(x => x.Name).NotEmpty().WithMessage("Enter a name, for example North America.").MaximumLength(200);
        RuleFor(x => x.LegalName).MaximumLength(200);
        RuleFor(x => x.Email).MaximumLength(254).EmailAddress().When(x => !string.IsNullOrWhiteSpace(x.Email)).WithMessage("Enter a valid e-mail address.");
        RuleFor(x => x.Phone).MaximumLength(40);
        RuleFor(x => x.Website).MaximumLength(200)
            .Must(w => Uri.TryCreate(w, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp))
            .When(x => !string.IsNullOrWhiteSpace(x.Website)).WithMessage("Enter the full address, for example https://example.com.");
    }
}

public sealed class UpdateHomeCompanyGeneralHandler(IDbContextFactory<AppDbContext> contexts, TimeProvider clock) : IRequestHandler<UpdateHomeCompanyGeneral, HomeCompanyDetails>
{
    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    public async Task<HomeCompanyDetails> Handle(UpdateHomeCompanyGeneral request, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var company = await HomeCompanyRules.FindAsync(db, request.Id, cancellationToken);
        if (company.IsDefault && request.IsDefault == false)
            throw RequestValidationException.For(nameof(request.IsDefault), "There must be a default home company: make another company the default instead.");
        var name = request.Name.Trim();
        await HomeCompanyRules.EnsureNameFreeAsync(db, name, company.Id, cancellationToken);
        if (request.IsDefault == true && !company.IsDefault)
        {
            // Exactly one default: the old one steps down in the same transaction (and first, for the unique index).
            await db.HomeCompanies.Where(c => c.IsDefault).ExecuteUpdateAsync(s => s.SetProperty(c => c.IsDefault, false), cancellationToken);
        }
        company.Name = name;
        company.IsDefault = request.IsDefault ?? company.IsDefault;
        company.LegalName = HomeCompanyRules.Clean(request.LegalName);
        company.Address1 = request.Address1.Trim();
        company.Address2 = HomeCompanyRules.Clean(request.Address2);
        company.City = request.City.Trim();
        company.Postcode = HomeCompanyRules.Clean(request.Postcode);
        company.CountryCode = request.CountryCode.Trim().ToUpperInvariant();
        company.Region = HomeCompanyRules.Clean(request.Region);
        company.Email = HomeCompanyRules.Clean(request.Email);
        company.Phone = HomeCompanyRules.Clean(request.Phone);
        company.Website = HomeCompanyRules.Clean(request.Website);
        await HomeCompanyRules.SaveAsync(db, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return await HomeCompanyRules.DetailsAsync(db, company.Id, Now, cancellationToken);
    }
}
