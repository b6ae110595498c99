using MediatR;
using Microsoft.EntityFrameworkCore;
using PuqCloud.Core.Billing;
using PuqCloud.Core.Common;
using PuqCloud.Core.Domain.Finance;
using PuqCloud.Core.Features.Finance;
using PuqCloud.Core.Modules;
using PuqCloud.Core.Persistence;
using PuqCloud.Core.Security;

namespace PuqCloud.Core.Features.ClientArea;

/// <summary>What one of the client's documents still asks for and the gateways it can be paid through (the Pay panel); another client's id is not found.</summary>
[ClientMember(ClientPermissions.ManageInvoices)]
public sealed record GetMyPaymentOptions(Guid ClientId, Guid DocumentId) : IQuery<DocumentPaymentOptions>, IClientScoped;

public sealed class GetMyPaymentOptionsHandler(IDbContextFactory<AppDbContext> contexts, IModuleCatalog modules, BillingClock clock)
    : IRequestHandler<GetMyPaymentOptions, DocumentPaymentOptions>
{
    public async Task<DocumentPaymentOptions> Handle(GetMyPaymentOptions request, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var d = await MyBillingRules.DocumentOfAsync(db, request.ClientId, request.DocumentId, cancellationToken);
        // The Pay panel says at once, not only on "How to pay", that such a client pays no way online.
        await MyBillingRules.EnsureMaySendMoneyAsync(db, request.ClientId, topUp: false, cancellationToken);
        return await PaymentStarts.OptionsAsync(db, modules, d, clock.UtcNow, cancellationToken);
    }
}
