using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;
using PuqCloud.Core.Common;
using PuqCloud.Core.Domain.Clients;
using PuqCloud.Core.Persistence;
using PuqCloud.Core.Security;

namespace PuqCloud.Core.Features.Clients;

/// <summary>A row of the clients grid: the guide's columns Owner, Client, Status, Located, Created, Balance.</summary>
public sealed record ClientListItem(Guid Id, string Name, string? CompanyName, string OwnerName, string OwnerEmail, ClientStatus Status,
    string? CountryCode, string? City, DateTime CreatedAt, decimal Balance, string CurrencyCode, string BalanceText);

[RequiresPermission(Permissions.ClientsView)]
public sealed record ListClients(PageRequest Page, ClientStatus? Status = null) : IQuery<PagedResult<ClientListItem>>;

public sealed class ListClientsHandler(IDbContextFactory<AppDbContext> contexts) : IRequestHandler<ListClients, PagedResult<ClientListItem>>
{
    private static readonly SortMap<Client> Sorts = new SortMap<Client>("-createdAt")
        .Add("name", c => c.CompanyName ?? c.LastName)
        .Add("ownerName", c => c.Memberships.Where(m => m.IsOwner).Select(m => m.ClientUser!.LastName).FirstOrDefault())
        .Add("status", c => c.Status)
        .Add("countryCode", c => c.Addresses.Where(a => a.Type == AddressType.Billing).Select(a => a.CountryCode).FirstOrDefault())
        .Add("createdAt", c => c.CreatedAt)
        .Add("balance", c => c.Balance);

    public async Task<PagedResult<ClientListItem>> Handle(ListClients request, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var query = db.Clients.AsNoTracking();
        if (request.Status is { } status) query = query.Where(c => c.Status == status);
        if (request.Page.SearchText is { } search)
        {
            var p = PagingExtensions.LikePattern(search);
            query = query.Where(c =>
                EF.Functions.Like((c.FirstName + " " + c.LastName).ToLower(), p, "\\") ||
                EF.Functions.Like((c.CompanyName ?? "").ToLower(), p, "\\") ||
                EF.Functions.Like((c.TaxId ?? "").ToLower(), p, "\\") ||
                c.Memberships.Any(m => EF.Functions.Like(m.ClientUser!.Email, p, "\\") ||
                                       EF.Functions.Like((m.ClientUser.FirstName + " " + m.ClientUser.LastName).ToLower(), p, "\\")));
        }
        var page = await query.ToPageAsync(request.Page, Sorts, c => new
        {
            c.Id, c.FirstName, c.LastName, c.CompanyName, c.Status, c.CreatedAt, c.Balance, Currency = c.Currency!,
            Owner = c.Memberships.Where(m => m.IsOwner).Select(m => new { m.ClientUser!.FirstName, m.ClientUser.LastName, m.ClientUser.Email }).FirstOrDefault(),
            Billing = c.Addresses.Where(a => a.Type == AddressType.Billing).Select(a => new { a.CountryCode, a.City }).FirstOrDefault(),
        }, cancellationToken);
        return new PagedResult<ClientListItem>(page.Items.Select(c => new ClientListItem(
            c.Id, Client.NameOf(c.FirstName, c.LastName, c.CompanyName), c.CompanyName,
            c.Owner is null ? "" : $"{c.Owner.FirstName} {c.Owner.LastName}".Trim(), c.Owner?.Email ?? "", c.Status,
            c.Billing?.CountryCode, c.Billing?.City, c.CreatedAt, c.Balance, c.Currency.Code, c.Currency.FormatAmount(c.Balance))).ToList(), page.Total, page.Page, page.PageSize);
    }
}
