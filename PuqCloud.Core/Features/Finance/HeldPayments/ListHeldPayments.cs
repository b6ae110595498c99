using MediatR;
using Microsoft.EntityFrameworkCore;
using PuqCloud.Core.Common;
using PuqCloud.Core.Domain.Finance;
using PuqCloud.Core.Modules;
using PuqCloud.Core.Persistence;
using PuqCloud.Core.Security;

namespace PuqCloud.Core.Features.Finance;

/// <summary>
/// Held payments, newest first: with <see cref="ClientId"/> a client's, without it every client's (Finance → Invoices);
/// <see cref="OpenOnly"/> keeps those still waiting for staff. At most <see cref="Limit"/> rows: held money is rare, and
/// the open ones are what staff work through.
/// </summary>
[RequiresPermission(Permissions.InvoicesView)]
public sealed record ListHeldPayments(Guid? ClientId = null, bool OpenOnly = true) : IQuery<IReadOnlyList<HeldPaymentDto>>
{
    public const int Limit = 200;
}

public sealed class ListHeldPaymentsHandler(IDbContextFactory<AppDbContext> contexts, IModuleCatalog modules) : IRequestHandler<ListHeldPayments, IReadOnlyList<HeldPaymentDto>>
{
    public async Task<IReadOnlyList<HeldPaymentDto>> Handle(ListHeldPayments request, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var query = db.HeldPayments.AsNoTracking();
        if (request.ClientId is { } clientId) query = query.Where(h => h.ClientId == clientId);
        if (request.OpenOnly) query = query.Where(h => h.Status == HeldPaymentStatus.Held);
        return await HeldPaymentRules.ListAsync(db, modules, query, cancellationToken);
    }
}
