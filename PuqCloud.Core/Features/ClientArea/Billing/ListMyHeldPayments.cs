using MediatR;
using Microsoft.EntityFrameworkCore;
using PuqCloud.Core.Common;
using PuqCloud.Core.Domain.Finance;
using PuqCloud.Core.Features.Finance;
using PuqCloud.Core.Modules;
using PuqCloud.Core.Persistence;
using PuqCloud.Core.Security;

namespace PuqCloud.Core.Features.ClientArea;

/// <summary>
/// Money the client paid that its proforma could not take and that staff have not applied or given back yet (see
/// <see cref="HeldPayment"/>), newest first: the client sees that it arrived, how much, through which gateway and for
/// which proforma, so that nobody pays a third time; why it is held and staff's notes stay in the console.
/// </summary>
[ClientMember(ClientPermissions.ManageInvoices)]
public sealed record ListMyHeldPayments(Guid ClientId) : IQuery<IReadOnlyList<MyHeldPayment>>, IClientScoped;

/// <summary>
/// A payment of the client's that is held: what came (<see cref="ReceivedText"/>), when, through which gateway, for which
/// document; what the gateway gave back of it already (<see cref="GivenBackText"/>, null while nothing was) and what is
/// still held (<see cref="AmountText"/>).
/// </summary>
public sealed record MyHeldPayment(Guid Id, string AmountText, DateTime ReceivedAt, string GatewayName, Guid DocumentId, string? DocumentNumber,
    string ReceivedText, string? GivenBackText = null);

public sealed class ListMyHeldPaymentsHandler(IDbContextFactory<AppDbContext> contexts, IModuleCatalog modules) : IRequestHandler<ListMyHeldPayments, IReadOnlyList<MyHeldPayment>>
{
    public async Task<IReadOnlyList<MyHeldPayment>> Handle(ListMyHeldPayments request, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var held = await HeldPaymentRules.ListAsync(db, modules, db.HeldPayments.Where(h => h.ClientId == request.ClientId && h.Status == HeldPaymentStatus.Held),
            cancellationToken);
        return held.Select(h => new MyHeldPayment(h.Id, h.AmountText, h.ReceivedAt, h.GatewayName, h.DocumentId, h.DocumentNumber, h.ReceivedText, h.GivenBackText)).ToList();
    }
}
