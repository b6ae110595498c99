using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PuqCloud.Core.Domain.Clients;
using PuqCloud.Core.Domain.Staff;
using PuqCloud.Core.Finance.Vies;
using PuqCloud.Core.Persistence;
using PuqCloud.Core.Security;

namespace PuqCloud.Tests.Support;

public enum TestDatabase
{
    Sqlite,
    Postgres,
}

/// <summary>
/// The real application in-process, on a fresh database of the chosen kind and a data folder of its own.
/// With <see cref="Kestrel"/> it listens on a loopback port so that a browser can reach it.
/// </summary>
public sealed class PuqAppFactory : WebApplicationFactory<Program>
{
    public const string AdminEmail = "admin@example.test";
    public const string AdminPassword = "Correct-horse-42";

    private readonly Dictionary<string, string?> _settings;
    private readonly bool _kestrel;
    private readonly Action<IServiceCollection>? _services;
    private readonly bool _ownsDatabase;
    private readonly string _environment;

    /// <summary>The key-encryption key of the apps started outside Development (32 fixed bytes: tests only).</summary>
    public static readonly string TestKeyEncryptionKey = Convert.ToBase64String(Enumerable.Range(1, 32).Select(i => (byte)i).ToArray());

    private PuqAppFactory(TestDatabase database, string dataPath, string? postgres, bool kestrel, bool bootstrapAdmin, IDictionary<string, string?>? settings,
        Action<IServiceCollection>? services, bool ownsDatabase, int port = 0, string environment = "Development")
    {
        _environment = environment;
        _services = services;
        _ownsDatabase = ownsDatabase;
        Database = database;
        DataPath = dataPath;
        PostgresConnectionString = postgres;
        _kestrel = kestrel;
        _settings = new()
        {
            ["Storage:DataPath"] = dataPath,
            ["Database:Provider"] = database.ToString(),
            ["ConnectionStrings:Default"] = postgres ?? "",
            ["Jobs:HeartbeatSeconds"] = "1",
            ["Node:Name"] = "test-node",
            // The framework's 100,000 PBKDF2 rounds cost tens of milliseconds a hash, and the tests hash passwords thousands of times.
            ["SignIn:PasswordHashIterations"] = "1000",
        };
        if (bootstrapAdmin)
        {
            _settings["Bootstrap:AdminEmail"] = AdminEmail;
            _settings["Bootstrap:AdminPassword"] = AdminPassword;
        }
        if (kestrel && port == 0) port = FreeLoopbackPort();
        // E-mail links come from Site:PublicUrl alone: the address this app listens on (TestServer's own host otherwise).
        _settings["Site:PublicUrl"] = kestrel ? $"http://127.0.0.1:{port}" : "http://localhost";
        // Outside Development the key ring must be encrypted with a configured key (Development keeps one in the data folder).
        if (environment != "Development") _settings[KeyEncryptionKey.Setting] = TestKeyEncryptionKey;
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>()) _settings[key] = value;
        if (kestrel) UseKestrel(o => o.Listen(IPAddress.Loopback, port));
        // In-process clients call the public address: outside Development the app answers its own host only.
        else if (Uri.TryCreate(_settings["Site:PublicUrl"], UriKind.Absolute, out var site)) ClientOptions.BaseAddress = site;
    }

    /// <summary>A loopback port nobody listens on now (the app takes it a moment later), so that Site:PublicUrl can name it.</summary>
    private static int FreeLoopbackPort()
    {
        using var probe = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }

    public TestDatabase Database { get; }
    /// <summary>The app's VIES: a fake (<see cref="FakeVatIdChecker"/>).</summary>
    public FakeVatIdChecker Vies { get; } = new();
    public string DataPath { get; }
    public string? PostgresConnectionString { get; }

    /// <param name="services">Test services added after the app's own (a test task handler or schedule, say).</param>
    /// <param name="sharedPostgres">the database of another running factory, for a second node of the same installation (not dropped by this one)</param>
    /// <param name="environment">the host environment; Production checks what Development forgives (Site:PublicUrl, allowed hosts)</param>
    /// <param name="emptyDatabase">start on an empty database, which the app migrates and seeds itself, instead of a copy of <see cref="DatabaseTemplates"/></param>
    public static async Task<PuqAppFactory> StartAsync(TestDatabase database, bool kestrel = false, bool bootstrapAdmin = true, IDictionary<string, string?>? settings = null,
        Action<IServiceCollection>? services = null, string? sharedPostgres = null, string environment = "Development", bool emptyDatabase = false)
    {
        var dataPath = Path.Combine(Path.GetTempPath(), "puqcloud-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dataPath);
        if (database == TestDatabase.Sqlite && !emptyDatabase)
            File.Copy(await DatabaseTemplates.SqliteAsync(), Path.Combine(dataPath, DatabaseOptions.SqliteFileName));
        var postgres = database == TestDatabase.Postgres
            ? sharedPostgres ?? await TestPostgres.CreateDatabaseAsync(emptyDatabase ? null : await DatabaseTemplates.PostgresAsync())
            : null;
        var factory = new PuqAppFactory(database, dataPath, postgres, kestrel, bootstrapAdmin, settings, services, ownsDatabase: sharedPostgres is null, environment: environment);
        try
        {
            factory.StartServer();
        }
        catch
        {
            // An app that refused to start still leaves its data folder (and database) behind to clean up.
            try { await factory.DisposeAsync(); } catch (InvalidOperationException) { }
            throw;
        }
        await factory.WaitUntilHealthyAsync();
        return factory;
    }

    /// <summary>The loopback address Kestrel listens on (only with kestrel: true).</summary>
    public Uri ServerAddress => new(Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment(_environment);
        foreach (var (key, value) in _settings) builder.UseSetting(key, value);
        // No test asks the real VIES; a test's own services may replace this one.
        builder.ConfigureTestServices(services => services.AddSingleton<IVatIdChecker>(Vies));
        if (_services is not null) builder.ConfigureTestServices(_services);
    }

    public async Task WaitUntilHealthyAsync()
    {
        using var client = CreateClient();
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            var response = await client.GetAsync("/health");
            if (response.IsSuccessStatusCode) return;
            if (DateTime.UtcNow > deadline)
                throw new InvalidOperationException($"The app did not become healthy: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
            await Task.Delay(100);
        }
    }

    /// <summary>
    /// Stops this app and starts the same installation again (same database, data folder, keys and port), as a
    /// server restart does; this factory is disposed and the new one is returned.
    /// </summary>
    public async Task<PuqAppFactory> RestartAsync()
    {
        var port = _kestrel ? ServerAddress.Port : 0;
        _keepData = true;
        await DisposeAsync();
        var settings = new Dictionary<string, string?>(_settings);
        settings.Remove("Bootstrap:AdminEmail");
        settings.Remove("Bootstrap:AdminPassword");
        var next = new PuqAppFactory(Database, DataPath, PostgresConnectionString, _kestrel, bootstrapAdmin: false, settings, _services, _ownsDatabase, port, _environment);
        next.StartServer();
        await next.WaitUntilHealthyAsync();
        return next;
    }

    private bool _keepData;

    /// <summary>The setup code as the app's log file shows it to the person who started it (the last one it wrote).</summary>
    public string SetupCodeFromLog()
    {
        string? code = null;
        foreach (var file in Directory.EnumerateFiles(Path.Combine(DataPath, "logs"), "puqcloud-*.log").Order())
        {
            using var reader = new StreamReader(new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete));
            foreach (System.Text.RegularExpressions.Match match in System.Text.RegularExpressions.Regex.Matches(reader.ReadToEnd(), @"enter the setup code (\S+) "))
                code = match.Groups[1].Value;
        }
        return code ?? throw new InvalidOperationException("The app's log names no setup code.");
    }

    /// <summary>A context on the test's database, for arranging and checking state the UI has no face for yet.</summary>
    public AppDbContext CreateDbContext() => Services.GetRequiredService<DatabaseOptions>().CreatePlainContext();

    public async Task<StaffAccount> AddStaffAsync(string email, string password, bool superAdmin)
    {
        await using var db = CreateDbContext();
        var staff = new StaffAccount
        {
            Email = email, FirstName = "Test", LastName = "Staff", IsSuperAdmin = superAdmin,
            PasswordHash = Services.GetRequiredService<PasswordHashing>().Hash(password), CreatedAt = DateTime.UtcNow, UpdatedAt = DateTime.UtcNow,
        };
        db.StaffAccounts.Add(staff);
        await db.SaveChangesAsync();
        return staff;
    }

    public async Task<ClientUser> AddClientUserAsync(string email, string password, string firstName = "Clara", string lastName = "Client")
    {
        await using var db = CreateDbContext();
        var user = new ClientUser
        {
            Email = email, FirstName = firstName, LastName = lastName,
            PasswordHash = Services.GetRequiredService<PasswordHashing>().Hash(password), CreatedAt = DateTime.UtcNow, UpdatedAt = DateTime.UtcNow,
        };
        db.ClientUsers.Add(user);
        await db.SaveChangesAsync();
        return user;
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (_keepData) return;
        if (PostgresConnectionString is not null && _ownsDatabase) await TestPostgres.DropDatabaseAsync(PostgresConnectionString);
        SqliteConnection.ClearAllPools();
        try { Directory.Delete(DataPath, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
