using MediatR;
using Microsoft.EntityFrameworkCore;
using PuqCloud.Core.Common;
using PuqCloud.Core.Features.Clients;
using PuqCloud.Core.Files;
using PuqCloud.Core.Persistence;
using PuqCloud.Core.Security;

namespace PuqCloud.Core.Features.Finance;

[RequiresPermission(Permissions.HomeCompaniesView)]
public sealed record GetHomeCompany(Guid Id) : IQuery<HomeCompanyDetails>;

public sealed class GetHomeCompanyHandler(IDbContextFactory<AppDbContext> contexts, TimeProvider clock) : IRequestHandler<GetHomeCompany, HomeCompanyDetails>
{
    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    public async Task<HomeCompanyDetails> Handle(GetHomeCompany request, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await HomeCompanyRules.DetailsAsync(db, request.Id, Now, cancellationToken);
    }
}
