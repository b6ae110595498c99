using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;
using PuqCloud.Core.Common;
using PuqCloud.Core.Domain.Finance;
using PuqCloud.Core.Features.Monitoring;
using PuqCloud.Core.Persistence;
using PuqCloud.Core.Security;

namespace PuqCloud.Core.Features.Finance;

/// <summary>
/// Documents, newest first: with <see cref="ClientId"/> a client's Invoices tab, without it every client's (Finance →
/// Invoices); filter by kind, status, billing company and issue dates (<see cref="Issued"/>: from inclusive, to
/// exclusive, UTC; drafts have no issue date and drop out of a dated list); search in numbers and clients' names.
/// </summary>
[RequiresPermission(Permissions.InvoicesView)]
public sealed record ListDocuments(PageRequest Page, Guid? ClientId = null, DocumentType? Kind = null, DocumentStatus? Status = null, Guid? HomeCompanyId = null,
    LogPeriod? Issued = null)
    : IQuery<PagedResult<DocumentListItem>>;

public sealed class ListDocumentsValidator : AbstractValidator<ListDocuments>
{
    public ListDocumentsValidator()
    {
        RuleFor(x => x.Page.Sort).Must(s => string.IsNullOrWhiteSpace(s) || DocumentRules.Sorts.Contains(s))
            .WithName("Sort").WithMessage("Sort by createdAt, number, issuedAt or dueAt (a '-' before it sorts descending; newest first is the default).");
        RuleFor(x => x.Kind).IsInEnum();
        RuleFor(x => x.Status).IsInEnum();
        RuleFor(x => x.Issued).Must(p => p?.FromUtc is null || p.ToUtc is null || p.FromUtc < p.ToUtc)
            .OverridePropertyName("IssuedTo").WithMessage("The end of the issue dates comes after their start.");
    }
}

public sealed class ListDocumentsHandler(IDbContextFactory<AppDbContext> contexts) : IRequestHandler<ListDocuments, PagedResult<DocumentListItem>>
{
    public async Task<PagedResult<DocumentListItem>> Handle(ListDocuments request, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var query = db.Documents.AsNoTracking();
        if (request.ClientId is { } clientId)
        {
            if (!await db.Clients.AnyAsync(c => c.Id == clientId, cancellationToken)) throw new NotFoundException("The client does not exist.");
            query = query.Where(d => d.ClientId == clientId);
        }
        if (request.Kind is { } kind) query = query.Where(d => d.Kind == kind);
        if (request.Status is { } status) query = query.Where(d => d.Status == status);
        if (request.HomeCompanyId is { } companyId) query = query.Where(d => d.HomeCompanyId == companyId);
        if (request.Issued?.FromUtc is { } from) query = query.Where(d => d.IssuedAt >= from);
        if (request.Issued?.ToUtc is { } to) query = query.Where(d => d.IssuedAt < to);
        if (request.Page.SearchText is { } search)
        {
            var p = PagingExtensions.LikePattern(search);
            query = query.Where(d => (d.Number != null && EF.Functions.Like(d.Number.ToLower(), p, "\\"))
                || db.Clients.Any(c => c.Id == d.ClientId && (EF.Functions.Like((c.FirstName + " " + c.LastName).ToLower(), p, "\\")
                                                              || EF.Functions.Like((c.CompanyName ?? "").ToLower(), p, "\\"))));
        }
        var total = await query.CountAsync(cancellationToken);
        var page = DocumentRules.Ordered(query, request.Page.Sort)
            .Skip(request.Page.Offset).Take(request.Page.SafePageSize);
        return new PagedResult<DocumentListItem>(await DocumentRules.ListAsync(db, page, cancellationToken), total, request.Page.SafePage, request.Page.SafePageSize);
    }
}
