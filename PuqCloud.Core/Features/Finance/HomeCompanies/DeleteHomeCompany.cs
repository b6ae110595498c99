using MediatR;
using Microsoft.EntityFrameworkCore;
using PuqCloud.Core.Common;
using PuqCloud.Core.Features.Clients;
using PuqCloud.Core.Files;
using PuqCloud.Core.Persistence;
using PuqCloud.Core.Security;

namespace PuqCloud.Core.Features.Finance;

/// <summary>Deletes a home company that is not the default, that no tax rule names and that has billed no document (documents are kept for good).</summary>
[RequiresPermission(Permissions.HomeCompaniesDelete)]
public sealed record DeleteHomeCompany(Guid Id) : ICommand<Unit>;

public sealed class DeleteHomeCompanyHandler(IDbContextFactory<AppDbContext> contexts, IImageStore images) : IRequestHandler<DeleteHomeCompany, Unit>
{
    public async Task<Unit> Handle(DeleteHomeCompany request, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var company = await HomeCompanyRules.FindAsync(db, request.Id, cancellationToken);
        if (company.IsDefault) throw new RuleViolationException("The default home company cannot be deleted: make another company the default first.");
        var rules = await db.TaxRules.CountAsync(r => r.HomeCompanyId == company.Id, cancellationToken);
        if (rules > 0) throw new RuleViolationException($"{company.Name} bills through {rules} tax rule(s): change or delete those rules first.");
        var documents = await db.Documents.CountAsync(d => d.HomeCompanyId == company.Id, cancellationToken);
        if (documents > 0) throw new RuleViolationException($"{company.Name} has issued {documents} document(s), which are kept as legal records: it cannot be deleted.");
        db.HomeCompanies.Remove(company);
        await HomeCompanyRules.SaveAsync(db, cancellationToken);
        images.Delete(company.LogoPath);
        images.Delete(company.SignaturePath);
        return Unit.Value;
    }
}
