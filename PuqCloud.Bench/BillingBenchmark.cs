using System.Data.Common;
using System.Diagnostics;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PuqCloud.Core.Billing;
using PuqCloud.Core.Common;
using PuqCloud.Core.Domain.Catalog;
using PuqCloud.Core.Domain.Clients;
using PuqCloud.Core.Domain.Finance;
using PuqCloud.Core.Domain.Services;
using PuqCloud.Core.Features.Finance;
using PuqCloud.Core.Persistence;
using PuqCloud.Tests.Support;

namespace PuqCloud.Bench;

/// <summary>
/// Billing at scale: seeds N active hourly services (10 per client) and runs one billing hour, printing service-hours
/// charged per second, wall time and the peak working set of the run, beside the rate at which the same database takes
/// plain ledger rows through raw ADO.NET; then a second run of the same hour (must charge nothing); then the first page
/// of Finance → Transactions (newest first, and one client's) over a ledger of M rows. SQLite, and PostgreSQL when
/// PUQ_TEST_POSTGRES is set.
/// </summary>
public static class BillingBenchmark
{
    private static TextWriter Report = Console.Out;
    private static readonly DateTime Start = new(2026, 12, 1, 0, 0, 0, DateTimeKind.Utc);

    public static async Task RunAsync(string[] args)
    {
        var services = BenchmarkSupport.Int(args, "--services", 100_000);
        var ledgerRows = BenchmarkSupport.Int(args, "--ledger-rows", 1_000_000);
        Report = Console.Out;
        Console.SetOut(TextWriter.Null);
        Report.WriteLine($"Billing benchmark ({Environment.ProcessorCount} cores, {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC): {services:N0} hourly services, ledger of {ledgerRows:N0} rows");
        await BenchmarkSupport.OnEachDatabaseAsync(Report, database => RunOnAsync(database, services, ledgerRows));
    }

    private static async Task RunOnAsync(TestDatabase database, int serviceCount, int ledgerRows)
    {
        Report.WriteLine($"  {database}:");
        await using var app = await PuqAppFactory.StartAsync(database, settings: new Dictionary<string, string?>
        {
            ["Clock:Mode"] = "Manual", ["Clock:Start"] = Start.ToString("O"), ["Node:Name"] = "bench-node",
            ["Jobs:ScheduleSyncSeconds"] = "1",
        });
        // Keep the real-time scheduler from starting billing runs of its own in the middle of the measurement.
        await using (var db = app.CreateDbContext())
            await db.Schedules.ExecuteUpdateAsync(s => s.SetProperty(x => x.Enabled, false));
        await Task.Delay(TimeSpan.FromSeconds(2));
        var clientIds = await SeedAsync(app, serviceCount);

        var billing = app.Services.GetRequiredService<ServiceBilling>();
        // Measure the billing run, not what seeding left: give the seeding's heap back to the system first.
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        var baseMb = Process.GetCurrentProcess().WorkingSet64 / 1024.0 / 1024.0;
        ResetPeakWorkingSet();
        var watch = Stopwatch.StartNew();
        var first = await billing.RunAsync(CancellationToken.None);
        watch.Stop();
        var peakMb = Process.GetCurrentProcess().PeakWorkingSet64 / 1024.0 / 1024.0;
        var billingRate = first.ChargesPosted / watch.Elapsed.TotalSeconds;
        Report.WriteLine($"    one billing hour: {first.ChargesPosted:N0} service-hours in {watch.Elapsed.TotalSeconds:0.00} s = " +
                         $"{billingRate:N0} service-hours/s; peak working set {peakMb:N0} MB " +
                         $"(the process, the app host included, held {baseMb:N0} MB before the run)");

        watch.Restart();
        var second = await billing.RunAsync(CancellationToken.None);
        watch.Stop();
        Report.WriteLine($"    the same hour again: {second.ChargesPosted:N0} charged in {watch.Elapsed.TotalMilliseconds:N0} ms");

        await using (var db = app.CreateDbContext())
        {
            var differences = await BalanceReconciliation.CheckAsync(db, CancellationToken.None);
            Report.WriteLine($"    reconciliation: {(differences.Count == 0 ? "every balance equals its ledger" : $"{differences.Count} differences!")}");
        }

        var rawRate = await RawInsertRateAsync(app, clientIds, serviceCount);
        Report.WriteLine($"    raw ADO.NET inserts of plain ledger rows: {rawRate:N0} rows/s; billing reached {billingRate / rawRate:P0} of it");

        await TransactionsPageAsync(app, clientIds, ledgerRows);
    }

    /// <summary>A product with a monthly price metered by the hour, clients with a funded balance (one adjustment each), and the services.</summary>
    private static async Task<List<Guid>> SeedAsync(PuqAppFactory app, int serviceCount)
    {
        var watch = Stopwatch.StartNew();
        Guid currencyId, productId, priceId;
        await using (var db = app.CreateDbContext())
        {
            currencyId = await db.Currencies.Where(c => c.IsDefault).Select(c => c.Id).FirstAsync();
            var product = new Product { Key = "bench-vps", Name = new() { ["en"] = "Bench VPS" }, IsActive = true, HourlyBilling = true, CreatedAt = Start, UpdatedAt = Start };
            var price = new ProductPrice { ProductId = product.Id, CurrencyId = currencyId, Period = PricePeriod.Monthly, Base = 7.44m };
            db.Products.Add(product);
            db.ProductPrices.Add(price);
            await db.SaveChangesAsync();
            (productId, priceId) = (product.Id, price.Id);
        }
        var clientIds = new List<Guid>();
        const int perClient = 10;
        const int batch = 5_000;
        for (var done = 0; done < serviceCount; done += batch)
        {
            await using var db = app.CreateDbContext();
            db.ChangeTracker.AutoDetectChangesEnabled = false;
            for (var i = done; i < Math.Min(serviceCount, done + batch); i++)
            {
                if (i % perClient == 0)
                {
                    var client = new Client { FirstName = "Bench", LastName = $"Client {i / perClient}", CurrencyId = currencyId, Status = ClientStatus.Active,
                        Balance = 1000m, LedgerSequence = 1 };
                    db.Clients.Add(client);
                    db.LedgerEntries.Add(new LedgerEntry { ClientId = client.Id, Sequence = 1, Type = LedgerEntryType.Adjustment, CurrencyCode = "USD", Amount = 1000m,
                        Net = 1000m, Gross = 1000m, BalanceAfter = 1000m, Description = "Bench funds", CreatedAt = Start });
                    clientIds.Add(client.Id);
                }
                db.Services.Add(new Service { ClientId = clientIds[^1], ProductId = productId, ProductPriceId = priceId, Status = ServiceStatus.Active, OrderedAt = Start,
                    ActivatedAt = Start, BillingAnchor = Start, PaidUntil = Start, NextChargeAt = Start, ProvisionStatus = ProvisionStatus.Provisioned });
            }
            await db.SaveChangesAsync();
        }
        Report.WriteLine($"    seeded {serviceCount:N0} services of {clientIds.Count:N0} clients in {watch.Elapsed.TotalSeconds:0.0} s");
        return clientIds;
    }

    /// <summary>Plain multi-row INSERTs of ledger rows: the database's own pace.</summary>
    private static async Task<double> RawInsertRateAsync(PuqAppFactory app, List<Guid> clientIds, int rows)
    {
        await using var db = app.CreateDbContext();
        var connection = db.Database.GetDbConnection();
        await connection.OpenAsync();
        var sqlite = app.Database == TestDatabase.Sqlite;
        var sequences = await SequencesAsync(connection, sqlite);
        var watch = Stopwatch.StartNew();
        await InsertLedgerRowsAsync(connection, sqlite, clientIds, sequences, rows);
        var rate = rows / watch.Elapsed.TotalSeconds;
        await MoveSequencesAsync(connection);
        return rate;
    }

    /// <summary>
    /// Appends <paramref name="rows"/> rows to the clients' chains, round robin, each continuing its client's sequence
    /// (the caller moves the clients' sequences after; balances are not kept, this only measures the writes).
    /// </summary>
    private static async Task InsertLedgerRowsAsync(DbConnection connection, bool sqlite, List<Guid> clientIds, Dictionary<Guid, long> sequences, int rows, DateTime? at = null)
    {
        // Multi-row INSERTs of 100 rows, 50 statements a transaction: what a hand-written bulk insert does.
        const int perStatement = 100;
        var done = 0;
        while (done < rows)
        {
            await using var transaction = await connection.BeginTransactionAsync();
            for (var statement = 0; statement < 50 && done < rows; statement++)
            {
                await using var command = connection.CreateCommand();
                command.Transaction = transaction;
                var values = new List<string>();
                for (var n = 0; n < perStatement && done < rows; n++, done++)
                {
                    DbParameter Add(object value)
                    {
                        var p = command.CreateParameter();
                        p.ParameterName = $"@p{command.Parameters.Count}";
                        p.Value = value;
                        command.Parameters.Add(p);
                        return p;
                    }
                    var clientId = clientIds[done % clientIds.Count];
                    var time = (at ?? Start).AddTicks(done);
                    var names = new[]
                    {
                        Add(sqlite ? Guid.CreateVersion7().ToString().ToUpperInvariant() : Guid.CreateVersion7()),
                        Add(sqlite ? clientId.ToString().ToUpperInvariant() : clientId),
                        Add(++sequences[clientId]),
                        Add(sqlite ? "-0.01" : -0.01m),
                        Add(sqlite ? "0.01" : 0.01m),
                        Add(sqlite ? "1.0" : 1m),
                        Add(sqlite ? "0.99" : 0.99m),
                        Add(sqlite ? time.ToString("yyyy-MM-dd HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture) : time),
                    }.Select(p => p.ParameterName).ToArray();
                    values.Add($"({names[0]}, {names[1]}, {names[2]}, 'Charge', 'USD', {names[3]}, {names[4]}, {names[4]}, 0, {names[5]}, {names[6]}, 'Bench VPS #000000, an hour', {names[7]})");
                }
                command.CommandText = """INSERT INTO "LedgerEntries" ("Id", "ClientId", "Sequence", "Type", "CurrencyCode", "Amount", "Gross", "Net", "Fees", "BalanceBefore", "BalanceAfter", "Description", "CreatedAt") VALUES """
                    + string.Join(", ", values);
                await command.ExecuteNonQueryAsync();
            }
            await transaction.CommitAsync();
        }
    }

    private static async Task<Dictionary<Guid, long>> SequencesAsync(DbConnection connection, bool sqlite)
    {
        var sequences = new Dictionary<Guid, long>();
        await using var read = connection.CreateCommand();
        read.CommandText = "SELECT \"Id\", \"LedgerSequence\" FROM \"Clients\"";
        await using var reader = await read.ExecuteReaderAsync();
        while (await reader.ReadAsync()) sequences[sqlite ? Guid.Parse(reader.GetString(0)) : reader.GetGuid(0)] = reader.GetInt64(1);
        return sequences;
    }

    /// <summary>Each client's sequence moved to its last row, as the ledger keeps it.</summary>
    private static async Task MoveSequencesAsync(DbConnection connection)
    {
        await using var move = connection.CreateCommand();
        move.CommandText = "UPDATE \"Clients\" SET \"LedgerSequence\" = (SELECT MAX(\"Sequence\") FROM \"LedgerEntries\" e WHERE e.\"ClientId\" = \"Clients\".\"Id\")";
        await move.ExecuteNonQueryAsync();
    }

    /// <summary>Grows the ledger to <paramref name="total"/> rows, then times the first page of Finance → Transactions and of one client's tab.</summary>
    private static async Task TransactionsPageAsync(PuqAppFactory app, List<Guid> clientIds, int total)
    {
        long existing;
        await using (var db = app.CreateDbContext())
        {
            existing = await db.LedgerEntries.LongCountAsync();
            if (existing < total)
            {
                var connection = db.Database.GetDbConnection();
                await connection.OpenAsync();
                var sqlite = app.Database == TestDatabase.Sqlite;
                await InsertLedgerRowsAsync(connection, sqlite, clientIds, await SequencesAsync(connection, sqlite), (int)(total - existing), at: Start.AddDays(-30));
                await MoveSequencesAsync(connection);
            }
            if (app.Database == TestDatabase.Postgres) await db.Database.ExecuteSqlRawAsync("ANALYZE \"LedgerEntries\"");
        }
        var client = clientIds[clientIds.Count / 2];
        var all = await TimeAsync(() => app.SendAsSystemAsync(new ListTransactions(new PageRequest())));
        var one = await TimeAsync(() => app.SendAsSystemAsync(new ListTransactions(new PageRequest(), ClientId: client)));
        Report.WriteLine($"    Finance → Transactions, first page over {Math.Max(existing, total):N0} rows: newest first {all:0.0} ms, one client's {one:0.0} ms (median of 5, after a warm-up)");
    }

    private static async Task<double> TimeAsync(Func<Task> query)
    {
        await query();
        var times = new List<double>();
        for (var i = 0; i < 5; i++)
        {
            var watch = Stopwatch.StartNew();
            await query();
            times.Add(watch.Elapsed.TotalMilliseconds);
        }
        times.Sort();
        return times[2];
    }

    /// <summary>Linux keeps the peak resident set until told to forget it (clear_refs 5), so the figure is the run's own.</summary>
    private static void ResetPeakWorkingSet()
    {
        try { File.WriteAllText("/proc/self/clear_refs", "5"); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
