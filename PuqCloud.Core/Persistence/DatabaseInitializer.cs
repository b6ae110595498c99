using MediatR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using PuqCloud.Core.Common;
using PuqCloud.Core.Features.Setup;
using PuqCloud.Core.Security;

namespace PuqCloud.Core.Persistence;

/// <summary>
/// Start-up work of a node: migrate the database, then create the first admin from configuration if
/// asked. It runs in the "starting" phase, before any hosted service starts (the Data Protection key
/// ring and the scheduler both read tables it makes); until it is done the host answers 503.
/// </summary>
public sealed class DatabaseInitializerService(IServiceProvider services) : IHostedLifecycleService
{
    public Task StartingAsync(CancellationToken cancellationToken) => DatabaseInitializer.InitializeAsync(services, cancellationToken);

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}

public static class DatabaseInitializer
{
    public static async Task InitializeAsync(IServiceProvider services, CancellationToken cancellationToken = default)
    {
        var database = services.GetRequiredService<DatabaseOptions>();
        var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(DatabaseInitializer));
        await using (var db = database.CreatePlainContext())
        {
            if (database.Provider == DatabaseProvider.Sqlite)
            {
                // WAL lets readers work while the scheduler or a request writes; the setting stays with the file.
                await db.Database.OpenConnectionAsync(cancellationToken);
                await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
                await db.Database.CloseConnectionAsync();
            }
            var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
            // With nothing to apply, MigrateAsync would only compare the model with the migrations' snapshot (a tenth of
            // a second at every start); MigrationTests make that comparison for every provider instead.
            if (pending.Count > 0)
            {
                logger.LogInformation("Applying migrations: {Migrations}", string.Join(", ", pending));
                await db.Database.MigrateAsync(cancellationToken);
            }
            await ReferenceData.SeedAsync(db, services.GetRequiredService<TimeProvider>(), cancellationToken);
        }
        services.GetRequiredService<AppReadiness>().MarkDatabaseReady();
        // While no staff account exists, the setup page asks for a code that only the log shows (an installed console asks once).
        if (await SetupCodeWhileOpenAsync(services, cancellationToken) is not { } code) return;
        if (await BootstrapAdminAsync(services, code, logger, cancellationToken)) return;
        var site = ConfiguredPublicAddress.Configured(services.GetRequiredService<IConfiguration>());
        logger.LogWarning("No staff account exists yet. Open {SetupPage} and enter the setup code {SetupCode} to create the first administrator",
            site is null ? "/admin/setup" : new Uri(site, "admin/setup").ToString(), code);
    }

    private static async Task<string?> SetupCodeWhileOpenAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        await using var db = services.GetRequiredService<DatabaseOptions>().CreatePlainContext();
        if (await db.StaffAccounts.AnyAsync(cancellationToken)) return null;
        return await SetupCode.EnsureAsync(db, services.GetRequiredService<IConfiguration>()[SetupCode.Configuration],
            services.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime, cancellationToken);
    }

    /// <summary>Creates the first super admin from `Bootstrap:*` configuration, when it is set (true then).</summary>
    private static async Task<bool> BootstrapAdminAsync(IServiceProvider services, string code, ILogger logger, CancellationToken cancellationToken)
    {
        var configuration = services.GetRequiredService<IConfiguration>();
        var email = configuration["Bootstrap:AdminEmail"];
        var password = configuration["Bootstrap:AdminPassword"];
        if (string.IsNullOrWhiteSpace(email) || string.IsNullOrWhiteSpace(password)) return false;

        await using var scope = services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<ActorContext>().RunAsSystem("Bootstrap");
        var mediator = scope.ServiceProvider.GetRequiredService<IMediator>();
        try
        {
            await mediator.Send(new CreateFirstAdmin(email, configuration["Bootstrap:AdminFirstName"] ?? "Super", configuration["Bootstrap:AdminLastName"] ?? "Admin", password, password, code), cancellationToken);
            logger.LogInformation("Created the first super admin {Email} from Bootstrap configuration", email);
            return true;
        }
        catch (RequestValidationException ex)
        {
            // Refuse to start with a weak bootstrap password rather than run without the expected admin.
            throw new InvalidOperationException("Bootstrap:AdminEmail/AdminPassword were refused: " +
                string.Join(" ", ex.Errors.SelectMany(e => e.Value.Select(m => $"{e.Key}: {m}"))));
        }
    }
}
