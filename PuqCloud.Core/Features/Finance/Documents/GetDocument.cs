using MediatR;
using Microsoft.EntityFrameworkCore;
using PuqCloud.Core.Common;
using PuqCloud.Core.Persistence;
using PuqCloud.Core.Security;

namespace PuqCloud.Core.Features.Finance;

/// <summary>A proforma, invoice or credit note with its lines, taxes, totals and the frozen client and company data.</summary>
[RequiresPermission(Permissions.InvoicesView)]
public sealed record GetDocument(Guid Id) : IQuery<DocumentDetails>;

public sealed class GetDocumentHandler(IDbContextFactory<AppDbContext> contexts) : IRequestHandler<GetDocument, DocumentDetails>
{
    public async Task<DocumentDetails> Handle(GetDocument request, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await DocumentRules.DetailsAsync(db, request.Id, cancellationToken);
    }
}
