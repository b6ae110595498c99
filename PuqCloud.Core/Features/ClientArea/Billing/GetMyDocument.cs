using MediatR;
using Microsoft.EntityFrameworkCore;
using PuqCloud.Core.Common;
using PuqCloud.Core.Domain.Finance;
using PuqCloud.Core.Features.Finance;
using PuqCloud.Core.Persistence;
using PuqCloud.Core.Security;

namespace PuqCloud.Core.Features.ClientArea;

/// <summary>One of the client's documents with its lines, taxes, totals and the frozen seller and buyer; another client's id is not found.</summary>
[ClientMember(ClientPermissions.ManageInvoices)]
public sealed record GetMyDocument(Guid ClientId, Guid DocumentId) : IQuery<DocumentDetails>, IClientScoped;

public sealed class GetMyDocumentHandler(IDbContextFactory<AppDbContext> contexts) : IRequestHandler<GetMyDocument, DocumentDetails>
{
    public async Task<DocumentDetails> Handle(GetMyDocument request, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        if (!await db.Documents.AnyAsync(d => d.Id == request.DocumentId && d.ClientId == request.ClientId && d.Status != DocumentStatus.Draft, cancellationToken))
            throw new NotFoundException(MyBillingRules.NoSuchDocument);
        return await DocumentRules.DetailsAsync(db, request.DocumentId, cancellationToken);
    }
}
