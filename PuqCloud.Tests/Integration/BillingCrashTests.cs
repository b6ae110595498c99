using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using Microsoft.EntityFrameworkCore;
using PuqCloud.Core.Billing;
using PuqCloud.Core.Domain.Catalog;
using PuqCloud.Core.Domain.Clients;
using PuqCloud.Core.Domain.Finance;
using PuqCloud.Core.Domain.Services;
using PuqCloud.Tests.Support;
using Xunit.Abstractions;

namespace PuqCloud.Tests.Integration;

/// <summary>
/// The console as a real process (PuqCloud.Web.dll) on a PostgreSQL database, billing on its test clock, killed with
/// SIGKILL in the middle of a billing run and started again: every service-period ends up charged exactly once.
/// </summary>
public sealed class BillingCrashTests(ITestOutputHelper output)
{
    private static readonly DateTime Start = new(2026, 12, 1, 0, 0, 0, DateTimeKind.Utc);
    private const int Services = 3000;
    private const int Hours = 5;

    [Fact]
    public async Task A_billing_process_killed_mid_run_and_restarted_charges_each_service_period_exactly_once()
    {
        var connection = await TestPostgres.CreateDatabaseAsync();
        try
        {
            // Seed through an in-process app on the same database (migrated, the admin bootstrapped), then let it go.
            await using (var seeder = await PuqAppFactory.StartAsync(TestDatabase.Postgres, sharedPostgres: connection, settings: Manual()))
                await SeedAsync(seeder);

            var expected = Services * (Hours + 1);
            long chargedAtKill;
            using (var first = ConsoleProcess.Start(connection, output))
            {
                var staff = await first.StaffClientAsync();
                var advance = staff.PostAsJsonAsync("/api/admin/v1/system/clock/advance", new { hours = Hours });
                chargedAtKill = await WaitForChargesAsync(connection, atLeast: Services, advance);
                first.Kill();
                chargedAtKill.Should().BeInRange(1, expected - 1, "the process must die in the middle of the billing, not before or after it");
            }
            output.WriteLine($"Killed with {chargedAtKill} of {expected} charges posted.");

            using (var second = ConsoleProcess.Start(connection, output))
            {
                var staff = await second.StaffClientAsync();
                (await staff.PostAsJsonAsync("/api/admin/v1/system/clock/advance", new { hours = Hours })).StatusCode.Should().Be(HttpStatusCode.OK);
            }

            await using var db = PostgresContext(connection);
            var charges = await db.LedgerEntries.AsNoTracking().Where(e => e.Type == LedgerEntryType.Charge)
                .Select(e => new { e.ServiceId, e.PeriodStart }).ToListAsync();
            charges.Should().HaveCount(expected, "each service owes the hours 0 to 5 of the clock, once each");
            charges.GroupBy(c => c.ServiceId).Should().OnlyContain(g =>
                g.Select(c => c.PeriodStart!.Value).OrderBy(t => t).SequenceEqual(Enumerable.Range(0, Hours + 1).Select(h => Start.AddHours(h))));
            (await BalanceReconciliation.CheckAsync(db, CancellationToken.None)).Should().BeEmpty();
        }
        finally
        {
            await TestPostgres.DropDatabaseAsync(connection);
        }
    }

    private static Dictionary<string, string?> Manual() => new() { ["Clock:Mode"] = "Manual", ["Clock:Start"] = Start.ToString("O") };

    private static Core.Persistence.AppDbContext PostgresContext(string connection) =>
        new Core.Persistence.DatabaseOptions(Core.Persistence.DatabaseProvider.Postgres, connection, Path.GetTempPath()).CreatePlainContext();

    /// <summary>Hourly services paid until the clock's start, 10 per client, each client funded by one adjustment row.</summary>
    private static async Task SeedAsync(PuqAppFactory app)
    {
        await using var db = app.CreateDbContext();
        var currency = await db.Currencies.Where(c => c.IsDefault).Select(c => c.Id).FirstAsync();
        var product = new Product { Key = "crash-vps", Name = new() { ["en"] = "Crash VPS" }, IsActive = true, HourlyBilling = true, CreatedAt = Start, UpdatedAt = Start };
        var price = new ProductPrice { ProductId = product.Id, CurrencyId = currency, Period = PricePeriod.Monthly, Base = 7.44m };
        db.Products.Add(product);
        db.ProductPrices.Add(price);
        Client? client = null;
        for (var i = 0; i < Services; i++)
        {
            if (i % 10 == 0)
            {
                client = new Client { FirstName = "Crash", LastName = $"Client {i / 10}", CurrencyId = currency, Status = ClientStatus.Active, Balance = 100m, LedgerSequence = 1 };
                db.Clients.Add(client);
                db.LedgerEntries.Add(new LedgerEntry { ClientId = client.Id, Sequence = 1, Type = LedgerEntryType.Adjustment, CurrencyCode = "USD", Amount = 100m,
                    Net = 100m, Gross = 100m, BalanceAfter = 100m, Description = "Funds", CreatedAt = Start });
            }
            db.Services.Add(new Service { ClientId = client!.Id, ProductId = product.Id, ProductPriceId = price.Id, Status = ServiceStatus.Active, OrderedAt = Start,
                ActivatedAt = Start, BillingAnchor = Start, PaidUntil = Start, NextChargeAt = Start });
        }
        await db.SaveChangesAsync();
    }

    /// <summary>Polls the ledger until it holds at least <paramref name="atLeast"/> charges (or the advance ended); answers the count.</summary>
    private static async Task<long> WaitForChargesAsync(string connection, int atLeast, Task advance)
    {
        var deadline = DateTime.UtcNow.AddMinutes(2);
        while (true)
        {
            await using var db = PostgresContext(connection);
            var count = await db.LedgerEntries.LongCountAsync(e => e.Type == LedgerEntryType.Charge);
            if (count >= atLeast || advance.IsCompleted || DateTime.UtcNow > deadline) return count;
            await Task.Delay(20);
        }
    }

    /// <summary>PuqCloud.Web.dll from its build output, as a separate process on a loopback port, on the test clock.</summary>
    private sealed class ConsoleProcess : IDisposable
    {
        private readonly Process _process;
        private readonly string _dataPath;
        private readonly int _port;
        private readonly ITestOutputHelper _output;

        private ConsoleProcess(Process process, string dataPath, int port, ITestOutputHelper output) =>
            (_process, _dataPath, _port, _output) = (process, dataPath, port, output);

        public static ConsoleProcess Start(string connection, ITestOutputHelper output)
        {
            var web = Path.Combine(AppContext.BaseDirectory, "PuqCloud.Web.dll");
            var port = FreePort();
            var dataPath = Path.Combine(Path.GetTempPath(), "puqcloud-tests", Guid.NewGuid().ToString("N"));
            Directory.CreateDirectory(dataPath);
            var info = new ProcessStartInfo("dotnet", [web, "--urls", $"http://127.0.0.1:{port}"])
            {
                WorkingDirectory = Path.Combine(RepositoryRoot.Path, "PuqCloud.Web"),
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            info.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
            info.Environment["Database__Provider"] = "Postgres";
            info.Environment["ConnectionStrings__Default"] = connection;
            info.Environment["Storage__DataPath"] = dataPath;
            info.Environment["Clock__Mode"] = "Manual";
            info.Environment["Clock__Start"] = BillingCrashTests.Start.ToString("O");
            info.Environment["Site__PublicUrl"] = $"http://127.0.0.1:{port}";
            info.Environment["Node__Name"] = "crash-node";
            var process = Process.Start(info) ?? throw new InvalidOperationException("The console did not start.");
            process.OutputDataReceived += (_, _) => { };
            process.ErrorDataReceived += (_, e) => { if (e.Data is not null) output.WriteLine("console: " + e.Data); };
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            return new ConsoleProcess(process, dataPath, port, output);
        }

        /// <summary>A bearer-token client of the admin API, once the console answers its health check.</summary>
        public async Task<HttpClient> StaffClientAsync()
        {
            var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{_port}"), Timeout = TimeSpan.FromMinutes(3) };
            var deadline = DateTime.UtcNow.AddSeconds(90);
            while (true)
            {
                try
                {
                    if ((await http.GetAsync("/health")).IsSuccessStatusCode) break;
                }
                catch (HttpRequestException) { }
                if (_process.HasExited) throw new InvalidOperationException($"The console exited with {_process.ExitCode}.");
                if (DateTime.UtcNow > deadline) throw new TimeoutException("The console did not answer within 90 s.");
                await Task.Delay(200);
            }
            return http.WithBearer(await http.GetTokenAsync(PuqAppFactory.AdminEmail, PuqAppFactory.AdminPassword));
        }

        /// <summary>SIGKILL: no shutdown, no finally blocks, an open transaction left to the database to roll back.</summary>
        public void Kill()
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
            _output.WriteLine($"console killed, exit code {_process.ExitCode}");
        }

        public void Dispose()
        {
            if (!_process.HasExited) Kill();
            _process.Dispose();
            try { Directory.Delete(_dataPath, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        }

        private static int FreePort()
        {
            using var probe = new TcpListener(IPAddress.Loopback, 0);
            probe.Start();
            return ((IPEndPoint)probe.LocalEndpoint).Port;
        }
    }
}
