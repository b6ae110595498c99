using MediatR;
using Microsoft.EntityFrameworkCore;
using PuqCloud.Core.Billing;
using PuqCloud.Core.Common;
using PuqCloud.Core.Domain.Finance;
using PuqCloud.Core.Modules;
using PuqCloud.Core.Persistence;
using PuqCloud.Core.Security;

namespace PuqCloud.Core.Features.Finance;

/// <summary>What a document still asks for and the gateways it can be paid through (the Record payment dialog, a Pay button).</summary>
[RequiresPermission(Permissions.InvoicesView)]
public sealed record GetDocumentPaymentOptions(Guid DocumentId) : IQuery<DocumentPaymentOptions>;

public sealed class GetDocumentPaymentOptionsHandler(IDbContextFactory<AppDbContext> contexts, IModuleCatalog modules, BillingClock clock) : IRequestHandler<GetDocumentPaymentOptions, DocumentPaymentOptions>
{
    public async Task<DocumentPaymentOptions> Handle(GetDocumentPaymentOptions request, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var d = await db.Documents.AsNoTracking().FirstOrDefaultAsync(x => x.Id == request.DocumentId, cancellationToken)
                ?? throw new NotFoundException("There is no such document.");
        return await PaymentStarts.OptionsAsync(db, modules, d, clock.UtcNow, cancellationToken);
    }
}
