using Npgsql;

namespace PuqCloud.Tests.Support;

/// <summary>
/// The real PostgreSQL server the test command starts (scripts/test.sh exports PUQ_TEST_POSTGRES).
/// Each user gets a database of its own, dropped afterwards. A missing server is a failure, never a skip.
/// </summary>
public static class TestPostgres
{
    public const string Variable = "PUQ_TEST_POSTGRES";

    public static string ServerConnectionString =>
        Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException(
                $"{Variable} is not set: these tests need a PostgreSQL server. Run them with scripts/test.sh, which installs and starts one, " +
                "or set it yourself, e.g. Host=127.0.0.1;Port=5432;Username=postgres;Password=…");

    /// <param name="template">a database to copy (<see cref="DatabaseTemplates"/>); an empty database without it</param>
    public static async Task<string> CreateDatabaseAsync(string? template = null)
    {
        var name = "puq_test_" + Guid.NewGuid().ToString("N")[..12];
        await using var connection = new NpgsqlConnection(ServerConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"CREATE DATABASE \"{name}\"" + (template is null ? "" : $" TEMPLATE \"{template}\""), connection);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await command.ExecuteNonQueryAsync();
                break;
            }
            // A copy refuses while another session is connected to the template (a moment after it was made, say).
            catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.ObjectInUse && attempt < 20)
            {
                await Task.Delay(100 * attempt);
            }
        }
        // A test database need not survive a crash of the server: commits do not wait for the disk (the default keeps
        // every one of the suite's thousands of commits waiting for an fsync). What other sessions see is unchanged.
        return new NpgsqlConnectionStringBuilder(ServerConnectionString) { Database = name, Pooling = true, Options = "-c synchronous_commit=off" }.ConnectionString;
    }

    public static async Task DropDatabaseAsync(string connectionString)
    {
        var name = new NpgsqlConnectionStringBuilder(connectionString).Database;
        NpgsqlConnection.ClearAllPools();
        await using var connection = new NpgsqlConnection(ServerConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", connection);
        await command.ExecuteNonQueryAsync();
    }
}
