namespace PuqCloud.Tests.Support;

/// <summary>One running app per test class, on SQLite.</summary>
public sealed class SqliteAppFixture : IAsyncLifetime
{
    public PuqAppFactory App { get; private set; } = default!;
    public async Task InitializeAsync() => App = await PuqAppFactory.StartAsync(TestDatabase.Sqlite);
    public async Task DisposeAsync() => await App.DisposeAsync();
}

/// <summary>One running app per test class, on a database of the real PostgreSQL server.</summary>
public sealed class PostgresAppFixture : IAsyncLifetime
{
    public PuqAppFactory App { get; private set; } = default!;
    public async Task InitializeAsync() => App = await PuqAppFactory.StartAsync(TestDatabase.Postgres);
    public async Task DisposeAsync() => await App.DisposeAsync();
}
