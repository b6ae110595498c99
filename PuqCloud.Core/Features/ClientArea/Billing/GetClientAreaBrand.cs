using MediatR;
using Microsoft.EntityFrameworkCore;
using PuqCloud.Core.Common;
using PuqCloud.Core.Files;
using PuqCloud.Core.Persistence;
using PuqCloud.Core.Security;

namespace PuqCloud.Core.Features.ClientArea;

/// <summary>The name and logo the client area carries: the default home company's (its legal name, else its name); "PuqCloud" before any company exists.</summary>
public sealed record ClientAreaBrand(string Name, string? LogoUrl)
{
    public const string Fallback = "PuqCloud";
}

/// <summary>The client area's brand. Public: the same name and logo every document and sign-in page may show.</summary>
[Anonymous]
public sealed record GetClientAreaBrand : IQuery<ClientAreaBrand>;

public sealed class GetClientAreaBrandHandler(IDbContextFactory<AppDbContext> contexts) : IRequestHandler<GetClientAreaBrand, ClientAreaBrand>
{
    public async Task<ClientAreaBrand> Handle(GetClientAreaBrand request, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var company = await db.HomeCompanies.AsNoTracking().OrderByDescending(c => c.IsDefault).ThenBy(c => c.CreatedAt)
            .Select(c => new { c.Name, c.LegalName, c.LogoPath }).FirstOrDefaultAsync(cancellationToken);
        return company is null
            ? new ClientAreaBrand(ClientAreaBrand.Fallback, null)
            : new ClientAreaBrand(string.IsNullOrWhiteSpace(company.LegalName) ? company.Name : company.LegalName.Trim(), ImageRules.Url(company.LogoPath));
    }
}
