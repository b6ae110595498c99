using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;
using PuqCloud.Core.Common;
using PuqCloud.Core.Domain.Finance;
using PuqCloud.Core.Features.Finance;
using PuqCloud.Core.Persistence;
using PuqCloud.Core.Security;

namespace PuqCloud.Core.Features.ClientArea;

/// <summary>The client's proformas, invoices and credit notes, newest first (drafts are not shown: they are not documents yet); filter by kind and status.</summary>
[ClientMember(ClientPermissions.ManageInvoices)]
public sealed record ListMyDocuments(Guid ClientId, PageRequest Page, DocumentType? Kind = null, DocumentStatus? Status = null)
    : IQuery<PagedResult<DocumentListItem>>, IClientScoped;

public sealed class ListMyDocumentsValidator : AbstractValidator<ListMyDocuments>
{
    public ListMyDocumentsValidator()
    {
        RuleFor(x => x.Page.Sort).Must(s => string.IsNullOrWhiteSpace(s) || DocumentRules.Sorts.Contains(s))
            .WithName("Sort").WithMessage("Sort by createdAt or number (a '-' before it sorts descending; newest first is the default).");
        RuleFor(x => x.Kind).IsInEnum();
        RuleFor(x => x.Status).IsInEnum();
    }
}

public sealed class ListMyDocumentsHandler(IDbContextFactory<AppDbContext> contexts) : IRequestHandler<ListMyDocuments, PagedResult<DocumentListItem>>
{
    public async Task<PagedResult<DocumentListItem>> Handle(ListMyDocuments request, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var query = db.Documents.AsNoTracking().Where(d => d.ClientId == request.ClientId && d.Status != DocumentStatus.Draft);
        if (request.Kind is { } kind) query = query.Where(d => d.Kind == kind);
        if (request.Status is { } status) query = query.Where(d => d.Status == status);
        var total = await query.CountAsync(cancellationToken);
        var page = DocumentRules.Ordered(query, request.Page.Sort)
            .Skip(request.Page.Offset).Take(request.Page.SafePageSize);
        return new PagedResult<DocumentListItem>(await DocumentRules.ListAsync(db, page, cancellationToken), total, request.Page.SafePage, request.Page.SafePageSize);
    }
}
