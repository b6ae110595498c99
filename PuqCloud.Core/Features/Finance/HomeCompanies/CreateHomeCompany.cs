using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;
using PuqCloud.Core.Common;
using PuqCloud.Core.Domain.Finance;
using PuqCloud.Core.Files;
using PuqCloud.Core.Persistence;
using PuqCloud.Core.Security;

namespace PuqCloud.Core.Features.Finance;

/// <summary>Creates a home company by its name; the first one becomes the default. Numbering starts with default formats.</summary>
[RequiresPermission(Permissions.HomeCompaniesCreate)]
public sealed record CreateHomeCompany(string Name) : ICommand<HomeCompanyDetails>;

public sealed class CreateHomeCompanyValidator : AbstractValidator<CreateHomeCompany>
{
    public CreateHomeCompanyValidator() =>
        RuleFor(x => x.Name).NotEmpty().WithMessage("Enter a name, for example North America.").MaximumLength(200);
}

public sealed class CreateHomeCompanyHandler(IDbContextFactory<AppDbContext> contexts, TimeProvider clock) : IRequestHandler<CreateHomeCompany, HomeCompanyDetails>
{
    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    public async Task<HomeCompanyDetails> Handle(CreateHomeCompany request, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var name = request.Name.Trim();
        await HomeCompanyRules.EnsureNameFreeAsync(db, name, null, cancellationToken);
        var company = new HomeCompany { Name = name, IsDefault = !await db.HomeCompanies.AnyAsync(cancellationToken) };
        foreach (var type in Enum.GetValues<DocumentType>())
            company.NumberSeries.Add(new DocumentNumberSeries { DocumentType = type, Format = DocumentNumbering.DefaultFormat(type), ResetPolicy = NumberResetPolicy.Yearly });
        db.HomeCompanies.Add(company);
        await HomeCompanyRules.SaveAsync(db, cancellationToken);
        return await HomeCompanyRules.DetailsAsync(db, company.Id, Now, cancellationToken);
    }
}
