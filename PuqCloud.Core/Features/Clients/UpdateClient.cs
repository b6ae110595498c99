using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;
using PuqCloud.Core.Common;
using PuqCloud.Core.Domain.Clients;
using PuqCloud.Core.Engine.Tasks;
using PuqCloud.Core.Finance;
using PuqCloud.Core.Finance.Vies;
using PuqCloud.Core.Persistence;
using PuqCloud.Core.Security;

namespace PuqCloud.Core.Features.Clients;

[RequiresPermission(Permissions.ClientsEdit)]
public sealed record UpdateClient(Guid Id, string FirstName, string LastName, string? CompanyName, string? TaxId, string? Phone, string Language, Guid CurrencyId,
    ClientStatus Status, string? AdminNotes) : ICommand<ClientDetails>, IClientFields;

public sealed class UpdateClientValidator : AbstractValidator<UpdateClient>
{
    public UpdateClientValidator(IDbContextFactory<AppDbContext> contexts)
    {
        Include(new ClientFieldsValidator<UpdateClient>());
        RuleFor(x => x.Status).IsInEnum();
        RuleFor(x => x.AdminNotes).MaximumLength(4000);
        RuleFor(x => x.CurrencyId).MustAsync(async (id, ct) =>
        {
            await using var db = await contexts.CreateDbContextAsync(ct);
            return await db.Currencies.AnyAsync(c => c.Id == id, ct);
        }).WithMessage("Choose a currency.");
    }
}

public sealed class UpdateClientHandler(IDbContextFactory<AppDbContext> contexts, TaskSignal signal) : IRequestHandler<UpdateClient, ClientDetails>
{
    public async Task<ClientDetails> Handle(UpdateClient request, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        // An order, an adjustment or an add-funds request at the same moment either comes before the check below, and is
        // seen by it, or after the change, in the new currency.
        await ClientQueue.JoinAsync(db, request.Id, cancellationToken);
        var client = await db.Clients.FirstOrDefaultAsync(c => c.Id == request.Id, cancellationToken) ?? throw new NotFoundException("There is no such client.");
        if (client.CurrencyId != request.CurrencyId && await HasMoneyHistoryAsync(db, client.Id, cancellationToken))
            throw RequestValidationException.For(nameof(UpdateClient.CurrencyId),
                "The currency can change only until the client has documents, transactions or services: they are in its currency.");
        client.FirstName = request.FirstName.Trim();
        client.LastName = request.LastName.Trim();
        client.CompanyName = ClientRules.Blank(request.CompanyName);
        client.TaxId = ClientRules.Blank(request.TaxId);
        client.Phone = ClientRules.Blank(request.Phone);
        client.Language = request.Language;
        client.CurrencyId = request.CurrencyId;
        client.Status = request.Status;
        client.AdminNotes = ClientRules.Blank(request.AdminNotes);
        // A new tax ID is checked by VIES; the task row is saved with the change.
        var queued = await VatIdChecks.QueueIfChangedAsync(db, client, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        if (queued) signal.Notify();
        return await ClientRules.LoadDetailsAsync(db, client.Id, cancellationToken);
    }

    /// <summary>
    /// Whether anything of the client is in its currency: the balance's ledger rows, its documents (a proforma not yet paid
    /// would credit the balance in the old currency) or its services (billed at prices in that currency). A balance of zero
    /// is not enough: a service charged just now leaves zero and goes on billing.
    /// </summary>
    private static async Task<bool> HasMoneyHistoryAsync(AppDbContext db, Guid clientId, CancellationToken cancellationToken) =>
        await db.LedgerEntries.AnyAsync(e => e.ClientId == clientId, cancellationToken)
        || await db.Documents.AnyAsync(d => d.ClientId == clientId, cancellationToken)
        || await db.Services.AnyAsync(s => s.ClientId == clientId, cancellationToken);
}
