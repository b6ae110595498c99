using MediatR;
using Microsoft.EntityFrameworkCore;
using PuqCloud.Core.Common;
using PuqCloud.Core.Domain.Finance;
using PuqCloud.Core.Modules;
using PuqCloud.Core.Persistence;
using PuqCloud.Core.Security;

namespace PuqCloud.Core.Features.Finance;

/// <summary>The payments of a document in the order received; for a final invoice, those of the proforma it was issued for.</summary>
[RequiresPermission(Permissions.InvoicesView)]
public sealed record ListDocumentPayments(Guid DocumentId) : IQuery<IReadOnlyList<PaymentDto>>;

public sealed class ListDocumentPaymentsHandler(IDbContextFactory<AppDbContext> contexts, IModuleCatalog modules) : IRequestHandler<ListDocumentPayments, IReadOnlyList<PaymentDto>>
{
    public async Task<IReadOnlyList<PaymentDto>> Handle(ListDocumentPayments request, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var document = await db.Documents.AsNoTracking().Where(d => d.Id == request.DocumentId).Select(d => new { d.Id, d.Kind, d.RelatedDocumentId })
                           .FirstOrDefaultAsync(cancellationToken)
                       ?? throw new NotFoundException("There is no such document.");
        var paidDocument = document is { Kind: DocumentType.Invoice, RelatedDocumentId: { } proforma } ? proforma : document.Id;
        return await PaymentRules.ListAsync(db, modules, db.Payments.Where(p => p.DocumentId == paidDocument), cancellationToken);
    }
}
