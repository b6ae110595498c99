using MediatR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PuqCloud.Core.Common;
using PuqCloud.Core.Domain.Catalog;
using PuqCloud.Core.Features.Catalog;
using PuqCloud.Core.Persistence;
using PuqCloud.Core.Security;
using PuqCloud.Tests.Support;

namespace PuqCloud.Tests.Integration;

/// <summary>
/// The activity audit row belongs to its command alone and to the transaction of the command's change: overlapping
/// commands in one scope (as in one circuit) never record each other's changes, and a command that fails after it
/// saved still shows what it committed.
/// </summary>
public sealed class ActivityAuditTests : IAsyncLifetime
{
    private PuqAppFactory _app = default!;

    public async Task InitializeAsync() => _app = await PuqAppFactory.StartAsync(TestDatabase.Sqlite, services: services =>
    {
        services.AddTransient<IRequestHandler<SaveThenFail, MediatR.Unit>, SaveThenFailHandler>();
        services.AddTransient<IRequestHandler<SaveAfterAFailedSave, MediatR.Unit>, SaveAfterAFailedSaveHandler>();
    });

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task Overlapping_commands_in_one_scope_each_record_only_their_own_change()
    {
        var prefix = "overlap-" + Guid.NewGuid().ToString("N")[..8];
        await using var scope = _app.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<ActorContext>().RunAsSystem("audit test");
        var mediator = scope.ServiceProvider.GetRequiredService<IMediator>();

        await Task.WhenAll(Enumerable.Range(0, 12).Select(i => Task.Run(() => mediator.Send(new CreateProductGroup($"{prefix}-{i:00}")))));

        await using var db = _app.CreateDbContext();
        var rows = (await db.ActivityLog.AsNoTracking().Where(a => a.Action == nameof(CreateProductGroup)).ToListAsync())
            .Where(a => a.Changes is not null && a.Changes.Contains(prefix)).ToList();
        rows.Should().HaveCount(12);
        foreach (var row in rows)
        {
            row.Succeeded.Should().BeTrue();
            var keys = Enumerable.Range(0, 12).Select(i => $"{prefix}-{i:00}").Where(key => row.Changes!.Contains($"\"{key}\"")).ToList();
            keys.Should().ContainSingle("a row holds the change of its own command only: {0}", row.Changes);
        }
    }

    [Fact]
    public async Task A_command_that_fails_after_saving_records_what_it_committed_as_failed()
    {
        var key = "saved-then-failed-" + Guid.NewGuid().ToString("N")[..8];

        await FluentActions.Invoking(() => SendAsSystemAsync(new SaveThenFail(key))).Should().ThrowAsync<InvalidOperationException>();

        await using var db = _app.CreateDbContext();
        (await db.ProductGroups.AnyAsync(g => g.Key == key)).Should().BeTrue("the first save committed");
        var row = (await db.ActivityLog.AsNoTracking().Where(a => a.Action == nameof(SaveThenFail)).ToListAsync()).Single(a => a.Changes!.Contains(key));
        row.Succeeded.Should().BeFalse();
        row.Error.Should().Be(SaveThenFailHandler.Failure);
    }

    [Fact]
    public async Task A_save_that_failed_leaves_nothing_in_the_row_and_the_next_save_is_recorded()
    {
        var taken = "taken-" + Guid.NewGuid().ToString("N")[..8];
        await SendAsSystemAsync(new CreateProductGroup(taken));
        var fresh = "fresh-" + Guid.NewGuid().ToString("N")[..8];

        await SendAsSystemAsync(new SaveAfterAFailedSave(taken, fresh));

        await using var db = _app.CreateDbContext();
        var row = (await db.ActivityLog.AsNoTracking().Where(a => a.Action == nameof(SaveAfterAFailedSave)).ToListAsync()).Single(a => a.Changes!.Contains(fresh));
        row.Succeeded.Should().BeTrue();
        row.Changes.Should().NotContain(taken, "the refused insert was never committed");
    }

    private async Task SendAsSystemAsync<T>(IRequest<T> request)
    {
        await using var scope = _app.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<ActorContext>().RunAsSystem("audit test");
        await scope.ServiceProvider.GetRequiredService<IMediator>().Send(request);
    }

    /// <summary>Saves a product group, then fails.</summary>
    [SystemOnly]
    public sealed record SaveThenFail(string Key) : ICommand<MediatR.Unit>;

    public sealed class SaveThenFailHandler(IDbContextFactory<AppDbContext> contexts) : IRequestHandler<SaveThenFail, MediatR.Unit>
    {
        public const string Failure = "The work after the save failed.";

        public async Task<MediatR.Unit> Handle(SaveThenFail request, CancellationToken cancellationToken)
        {
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            db.ProductGroups.Add(new ProductGroup { Key = request.Key });
            await db.SaveChangesAsync(cancellationToken);
            throw new InvalidOperationException(Failure);
        }
    }

    /// <summary>Tries to add a group with a key that is taken (the unique index refuses it), then adds one with a fresh key.</summary>
    [SystemOnly]
    public sealed record SaveAfterAFailedSave(string TakenKey, string FreshKey) : ICommand<MediatR.Unit>;

    public sealed class SaveAfterAFailedSaveHandler(IDbContextFactory<AppDbContext> contexts) : IRequestHandler<SaveAfterAFailedSave, MediatR.Unit>
    {
        public async Task<MediatR.Unit> Handle(SaveAfterAFailedSave request, CancellationToken cancellationToken)
        {
            await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
            {
                db.ProductGroups.Add(new ProductGroup { Key = request.TakenKey });
                await FluentActions.Invoking(() => db.SaveChangesAsync(cancellationToken)).Should().ThrowAsync<DbUpdateException>();
            }
            await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
            {
                db.ProductGroups.Add(new ProductGroup { Key = request.FreshKey });
                await db.SaveChangesAsync(cancellationToken);
            }
            return MediatR.Unit.Value;
        }
    }
}
