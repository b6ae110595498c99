using MediatR;
using Microsoft.EntityFrameworkCore;
using PuqCloud.Core.Common;
using PuqCloud.Core.Domain.Finance;
using PuqCloud.Core.Finance.Vies;
using PuqCloud.Core.Persistence;
using PuqCloud.Core.Security;
using PuqCloud.Modules.Abstractions;

namespace PuqCloud.Core.Features.Clients;

/// <summary>
/// "Check now": queues a VIES check of the client's EU VAT ID (its tax ID read against its billing country). A check
/// already waiting for the client is not queued twice. Refused when the tax ID cannot be an EU VAT ID.
/// </summary>
[RequiresPermission(Permissions.ClientsEdit)]
public sealed record CheckClientVatId(Guid ClientId) : ICommand<VatCheckQueued>;

public sealed class CheckClientVatIdHandler(IDbContextFactory<AppDbContext> contexts, ITaskQueue tasks) : IRequestHandler<CheckClientVatId, VatCheckQueued>
{
    public async Task<VatCheckQueued> Handle(CheckClientVatId request, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var taxId = await db.Clients.Where(c => c.Id == request.ClientId).Select(c => new { c.TaxId }).FirstOrDefaultAsync(cancellationToken)
                    ?? throw new NotFoundException("There is no such client.");
        var vatId = EuVat.Normalize(taxId.TaxId, await VatIdChecks.BillingCountryAsync(db, request.ClientId, cancellationToken))
                    ?? throw new RuleViolationException("The client's tax ID is not an EU VAT ID of its billing country, so VIES cannot check it.");
        var taskId = await tasks.EnqueueAsync(VatIdChecks.Request(request.ClientId, $"vat-check:{request.ClientId}"), cancellationToken);
        return new VatCheckQueued(taskId, vatId);
    }
}
