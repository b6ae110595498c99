using MediatR;
using Microsoft.EntityFrameworkCore;
using PuqCloud.Core.Common;
using PuqCloud.Core.Domain.Clients;
using PuqCloud.Core.Persistence;
using PuqCloud.Core.Security;

namespace PuqCloud.Core.Features.Clients;

/// <summary>Deletes a shipping or service address; the billing address can be changed, never removed.</summary>
[RequiresPermission(Permissions.ClientsEdit)]
public sealed record DeleteClientAddress(Guid ClientId, Guid AddressId) : ICommand<Unit>;

public sealed class DeleteClientAddressHandler(IDbContextFactory<AppDbContext> contexts) : IRequestHandler<DeleteClientAddress, Unit>
{
    public async Task<Unit> Handle(DeleteClientAddress request, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var address = await db.ClientAddresses.FirstOrDefaultAsync(a => a.Id == request.AddressId && a.ClientId == request.ClientId, cancellationToken)
            ?? throw new NotFoundException("There is no such address.");
        if (address.Type == AddressType.Billing) throw new RuleViolationException("The billing address can be changed but not deleted.");
        db.ClientAddresses.Remove(address);
        await db.SaveChangesAsync(cancellationToken);
        return Unit.Value;
    }
}
