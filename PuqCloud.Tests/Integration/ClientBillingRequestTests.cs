using Microsoft.EntityFrameworkCore;
using PuqCloud.Core.Common;
using PuqCloud.Core.Domain.Catalog;
using PuqCloud.Core.Domain.Clients;
using PuqCloud.Core.Domain.Finance;
using PuqCloud.Core.Domain.Services;
using PuqCloud.Core.Features.ClientArea;
using PuqCloud.Core.Features.Finance;
using PuqCloud.Core.Features.Services;
using PuqCloud.Core.Security;
using PuqCloud.Tests.Support;

namespace PuqCloud.Tests.Integration;

/// <summary>
/// The client area's money and service requests through the real pipeline, as client users, without the API: a member
/// sees and changes only the documents, services and ledger rows of a client they belong to, whatever ids they send,
/// and only with the permission each request names.
/// </summary>
public abstract class ClientBillingRequestTests(PuqAppFactory app)
{
    [Fact]
    public async Task A_user_of_client_A_reads_or_changes_no_document_service_or_transaction_of_client_B()
    {
        var a = await app.SignUpAsync(company: "Isolation A");
        var b = await app.SignUpAsync(company: "Isolation B");
        var (bDocument, bService) = await SeedAsync(b.ClientId);
        await app.SendAsSystemAsync(new AddClientAdjustment(b.ClientId, 25m, "Isolation test credit"));

        // B's owner sees them (the requests do find what exists)…
        (await app.SendAsClientAsync(b.UserId, new GetMyDocument(b.ClientId, bDocument))).Id.Should().Be(bDocument);
        (await app.SendAsClientAsync(b.UserId, new GetMyService(b.ClientId, bService))).Id.Should().Be(bService);
        (await app.SendAsClientAsync(b.UserId, new ListMyDocuments(b.ClientId, new PageRequest()))).Items.Should().ContainSingle(d => d.Id == bDocument);
        (await app.SendAsClientAsync(b.UserId, new ListMyServices(b.ClientId, new PageRequest()))).Items.Should().ContainSingle(s => s.Id == bService);
        (await app.SendAsClientAsync(b.UserId, new ListMyTransactions(b.ClientId, new PageRequest()))).Items.Should().ContainSingle();
        (await app.SendAsClientAsync(b.UserId, new GetMyDashboard(b.ClientId))).ActiveServices.Should().Be(1);

        // …A's owner, naming client B, is refused by every one of them.
        object[] namingB =
        [
            new GetMyDashboard(b.ClientId), new ListMyDocuments(b.ClientId, new PageRequest()), new GetMyDocument(b.ClientId, bDocument),
            new ListMyTransactions(b.ClientId, new PageRequest()), new ListMyServices(b.ClientId, new PageRequest()), new GetMyService(b.ClientId, bService),
            new SetMyServiceLabel(b.ClientId, bService, "Taken over"), new SetMyServiceTermination(b.ClientId, bService, true),
            new PreviewMyAddFunds(b.ClientId, 10m), new AddMyFunds(b.ClientId, 10m),
        ];
        foreach (var request in namingB)
            await app.Invoking(x => x.SendAsClientAsync(a.UserId, request)).Should().ThrowAsync<NotFoundException>($"{request.GetType().Name} names another client");

        // Naming its own client with B's document or service id finds nothing either, and changes nothing.
        await app.Invoking(x => x.SendAsClientAsync(a.UserId, new GetMyDocument(a.ClientId, bDocument))).Should().ThrowAsync<NotFoundException>();
        await app.Invoking(x => x.SendAsClientAsync(a.UserId, new GetMyService(a.ClientId, bService))).Should().ThrowAsync<NotFoundException>();
        // … and answers exactly as for an id that names no service at all: an id tells a client nothing.
        foreach (var serviceId in new[] { bService, Guid.CreateVersion7() })
        {
            (await app.Invoking(x => x.SendAsClientAsync(a.UserId, new GetMyService(a.ClientId, serviceId))).Should().ThrowAsync<NotFoundException>())
                .Which.Message.Should().Be(MyBillingRules.NoSuchService);
            (await app.Invoking(x => x.SendAsClientAsync(a.UserId, new SetMyServiceLabel(a.ClientId, serviceId, "Taken over"))).Should().ThrowAsync<NotFoundException>())
                .Which.Message.Should().Be(MyBillingRules.NoSuchService);
            (await app.Invoking(x => x.SendAsClientAsync(a.UserId, new SetMyServiceTermination(a.ClientId, serviceId, true))).Should().ThrowAsync<NotFoundException>())
                .Which.Message.Should().Be(MyBillingRules.NoSuchService);
        }
        (await app.SendAsClientAsync(a.UserId, new ListMyDocuments(a.ClientId, new PageRequest()))).Items.Should().BeEmpty();
        (await app.SendAsClientAsync(a.UserId, new ListMyServices(a.ClientId, new PageRequest()))).Items.Should().BeEmpty();
        (await app.SendAsClientAsync(a.UserId, new ListMyTransactions(a.ClientId, new PageRequest()))).Items.Should().BeEmpty();
        var dashboard = await app.SendAsClientAsync(a.UserId, new GetMyDashboard(a.ClientId));
        (dashboard.ServiceCount, dashboard.UnpaidProformas, dashboard.Balance).Should().Be((0, 0, 0m));

        await using var db = app.CreateDbContext();
        var service = await db.Services.AsNoTracking().SingleAsync(s => s.Id == bService);
        (service.Label, service.TerminationRequestedAt).Should().Be((null, null));
    }

    [Fact]
    public async Task Each_request_asks_for_its_client_permission()
    {
        var owner = await app.SignUpAsync(company: "Permissions Co");
        var (document, service) = await SeedAsync(owner.ClientId);
        var viewer = await app.InviteMemberAsync(owner, $"viewer-{Guid.NewGuid():N}@example.test", ClientPermissions.ViewTransactions);

        (await app.SendAsClientAsync(viewer, new ListMyTransactions(owner.ClientId, new PageRequest()))).Should().NotBeNull();
        (await app.SendAsClientAsync(viewer, new GetMyDashboard(owner.ClientId))).ActiveServices.Should().Be(1, "any member sees the home page");
        object[] refused =
        [
            new ListMyDocuments(owner.ClientId, new PageRequest()), new GetMyDocument(owner.ClientId, document), new PreviewMyAddFunds(owner.ClientId, 10m),
            new AddMyFunds(owner.ClientId, 10m), new ListMyServices(owner.ClientId, new PageRequest()), new GetMyService(owner.ClientId, service),
            new SetMyServiceLabel(owner.ClientId, service, "No"), new SetMyServiceTermination(owner.ClientId, service, true),
        ];
        foreach (var request in refused)
            await app.Invoking(x => x.SendAsClientAsync(viewer, request)).Should().ThrowAsync<AccessDeniedException>($"{request.GetType().Name} needs a permission the viewer lacks");
    }

    [Fact]
    public async Task The_owner_adds_funds_labels_a_service_and_asks_for_its_termination()
    {
        var owner = await app.SignUpAsync(company: "Self Service Co");
        var (_, service) = await SeedAsync(owner.ClientId);

        var proforma = await app.SendAsClientAsync(owner.UserId, new AddMyFunds(owner.ClientId, 50m));
        (proforma.Kind, proforma.Status, proforma.ClientId, proforma.Subtotal).Should().Be((DocumentType.Proforma, DocumentStatus.Unpaid, owner.ClientId, 50m));
        (await app.SendAsClientAsync(owner.UserId, new GetMyDocument(owner.ClientId, proforma.Id))).Number.Should().Be(proforma.Number);
        var missing = await app.Invoking(x => x.SendAsClientAsync(owner.UserId, new AddMyFunds(owner.ClientId, null))).Should().ThrowAsync<RequestValidationException>();
        missing.Which.Errors.Keys.Should().Equal("Amount");

        var labelled = await app.SendAsClientAsync(owner.UserId, new SetMyServiceLabel(owner.ClientId, service, "  web-1 "));
        labelled.Label.Should().Be("web-1");
        (await app.SendAsClientAsync(owner.UserId, new SetMyServiceTermination(owner.ClientId, service, true))).TerminationRequestedAt.Should().NotBeNull();
        await app.Invoking(x => x.SendAsClientAsync(owner.UserId, new SetMyServiceTermination(owner.ClientId, service, true))).Should().ThrowAsync<RuleViolationException>();
        (await app.SendAsClientAsync(owner.UserId, new SetMyServiceTermination(owner.ClientId, service, false))).TerminationRequestedAt.Should().BeNull();

        var dashboard = await app.SendAsClientAsync(owner.UserId, new GetMyDashboard(owner.ClientId));
        dashboard.UnpaidProformas.Should().Be(2, "the seeded proforma and the new one");
        dashboard.FirstUnpaidProformaId.Should().NotBeNull();
        dashboard.CostPerHour.Should().BeGreaterThan(0m);
        dashboard.LowBalance.Should().BeTrue("a zero balance covers no day of an active service");
        dashboard.SuggestedTopUp.Should().BeGreaterThan(0m);

        // A service whose termination is requested is not charged again: it costs nothing ahead, asks for no top-up.
        await app.SendAsClientAsync(owner.UserId, new SetMyServiceTermination(owner.ClientId, service, true));
        var ending = await app.SendAsClientAsync(owner.UserId, new GetMyDashboard(owner.ClientId));
        (ending.CostPerHour, ending.SuggestedTopUp, ending.LowBalance).Should().Be((0m, 0m, false));
    }

    /// <summary>
    /// A client flagged as fraud starts no online payment and issues no proforma of its own (a stolen card's payment comes
    /// back as a chargeback); a closed one pays what it owes but tops up nothing. Staff's add funds is not theirs to refuse.
    /// </summary>
    [Fact]
    public async Task A_fraud_flagged_client_starts_no_payment_and_a_closed_one_adds_no_funds()
    {
        var owner = await app.SignUpAsync(company: "Flagged Money Co");
        var (proforma, _) = await SeedAsync(owner.ClientId);
        async Task SetStatusAsync(ClientStatus status)
        {
            await using var db = app.CreateDbContext();
            await db.Clients.Where(c => c.Id == owner.ClientId).ExecuteUpdateAsync(u => u.SetProperty(c => c.Status, status));
        }
        Task<PaymentInstructions> PayAsync() => app.SendAsClientAsync(owner.UserId, new StartMyPayment(owner.ClientId, proforma, Guid.NewGuid()));
        Task<DocumentDetails> TopUpAsync() => app.SendAsClientAsync(owner.UserId, new AddMyFunds(owner.ClientId, 10m));

        await SetStatusAsync(ClientStatus.Fraud);
        (await FluentActions.Awaiting(PayAsync).Should().ThrowAsync<RuleViolationException>()).Which.Message.Should().Be(MyBillingRules.NoOnlinePayments);
        (await FluentActions.Awaiting(() => app.SendAsClientAsync(owner.UserId, new GetMyPaymentOptions(owner.ClientId, proforma))).Should().ThrowAsync<RuleViolationException>())
            .Which.Message.Should().Be(MyBillingRules.NoOnlinePayments, "the Pay panel says so as it opens");
        (await FluentActions.Awaiting(TopUpAsync).Should().ThrowAsync<RuleViolationException>()).Which.Message.Should().Be(MyBillingRules.NoOnlinePayments);
        (await app.SendAsSystemAsync(new AddFunds(owner.ClientId, 10m))).ClientId.Should().Be(owner.ClientId, "staff decide for such a client");

        await SetStatusAsync(ClientStatus.Closed);
        (await FluentActions.Awaiting(TopUpAsync).Should().ThrowAsync<RuleViolationException>()).Which.Message.Should().Be(MyBillingRules.ClosedNoTopUp);
        (await FluentActions.Awaiting(() => app.SendAsClientAsync(owner.UserId, new PreviewMyAddFunds(owner.ClientId, null))).Should().ThrowAsync<RuleViolationException>())
            .Which.Message.Should().Be(MyBillingRules.ClosedNoTopUp, "the Add funds page says so as it opens");
        (await app.SendAsClientAsync(owner.UserId, new GetMyPaymentOptions(owner.ClientId, proforma))).DocumentId.Should().Be(proforma, "a closed client pays what it owes");
        (await FluentActions.Awaiting(PayAsync).Should().ThrowAsync<Exception>()).Which.Message.Should().NotBe(MyBillingRules.NoOnlinePayments,
            "a closed client may pay what it owes (here the made-up gateway is what stops it)");

        await SetStatusAsync(ClientStatus.Active);
        (await TopUpAsync()).Status.Should().Be(DocumentStatus.Unpaid);
    }

    /// <summary>A termination staff asked for (an abuse decision, say) is not the client's to withdraw; staff can, and the client's own stays theirs.</summary>
    [Fact]
    public async Task A_termination_staff_asked_for_is_withdrawn_only_by_staff()
    {
        var owner = await app.SignUpAsync(company: "Terminated Co");
        var (_, service) = await SeedAsync(owner.ClientId);
        (await app.SendAsSystemAsync(new RequestServiceTermination(service, true))).TerminationRequestedByStaff.Should().BeTrue();

        var refused = await app.Invoking(x => x.SendAsClientAsync(owner.UserId, new SetMyServiceTermination(owner.ClientId, service, false))).Should().ThrowAsync<RuleViolationException>();
        refused.Which.Message.Should().Be("We asked for this service to end. Contact us if you want to keep it.");
        (await app.SendAsClientAsync(owner.UserId, new GetMyService(owner.ClientId, service))).TerminationRequestedAt.Should().NotBeNull("nothing was written");

        (await app.SendAsSystemAsync(new RequestServiceTermination(service, false))).TerminationRequestedAt.Should().BeNull();
        var mine = await app.SendAsClientAsync(owner.UserId, new SetMyServiceTermination(owner.ClientId, service, true));
        mine.TerminationRequestedByStaff.Should().BeFalse();
        (await app.SendAsClientAsync(owner.UserId, new SetMyServiceTermination(owner.ClientId, service, false))).TerminationRequestedAt.Should().BeNull();
    }

    /// <summary>A numbered proforma and an active monthly service of <paramref name="clientId"/>, written straight to the database (the billing company is the default one).</summary>
    private async Task<(Guid Document, Guid Service)> SeedAsync(Guid clientId)
    {
        await using (var check = app.CreateDbContext())
        {
            // The first home company is the default one, with its numbering series.
            if (!await check.HomeCompanies.AnyAsync()) await app.SendAsSystemAsync(new CreateHomeCompany("Isolation Home"));
        }
        await using var db = app.CreateDbContext();
        var client = await db.Clients.Include(c => c.Currency).SingleAsync(c => c.Id == clientId);
        var company = await db.HomeCompanies.OrderByDescending(c => c.IsDefault).FirstAsync();
        var document = Document.Draft(DocumentType.Proforma, company.Id, clientId, client.Currency!.Code, client.Currency.Decimals,
            [new DocumentLineInput("Add funds", 1m, 20m)], [], new DocumentParty("Client"), new DocumentParty("Isolation Home Ltd"));
        document.Issue($"ISO/{Guid.NewGuid():N}", DateTime.UtcNow, DateTime.UtcNow.AddDays(7));
        db.Documents.Add(document);
        var product = new Product { Key = $"iso-{Guid.NewGuid():N}"[..20], Name = new() { ["en"] = "Isolation VPS" }, IsActive = true, IsVisible = true };
        var price = new ProductPrice { ProductId = product.Id, CurrencyId = client.CurrencyId, Period = PricePeriod.Monthly, Base = 30m };
        var now = DateTime.UtcNow;
        var service = new Service
        {
            ClientId = clientId, ProductId = product.Id, ProductPriceId = price.Id, Status = ServiceStatus.Active, OrderedAt = now, ActivatedAt = now,
            BillingAnchor = now, PaidUntil = now.AddHours(1), NextChargeAt = now.AddHours(1),
        };
        db.AddRange(product, price, service);
        await db.SaveChangesAsync();
        return (document.Id, service.Id);
    }
}

public sealed class SqliteClientBillingRequestTests(SqliteAppFixture fixture) : ClientBillingRequestTests(fixture.App), IClassFixture<SqliteAppFixture>;

public sealed class PostgresClientBillingRequestTests(PostgresAppFixture fixture) : ClientBillingRequestTests(fixture.App), IClassFixture<PostgresAppFixture>;
