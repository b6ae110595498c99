using System.Security.Cryptography;
using PuqCloud.Tests.Support;

namespace PuqCloud.Tests.Integration;

/// <summary>
/// A committed migration is never edited: databases that applied it would never see the change. The list
/// migration-hashes.sha256 beside this file holds the SHA-256 of every file under the migrations projects'
/// Migrations folders except the model snapshot (which changes with every migration); it only grows.
/// Line endings are normalised before hashing, so a checkout with CRLF hashes the same.
/// </summary>
public sealed class MigrationHashTests
{
    private const string ListPath = "PuqCloud.Tests/Integration/migration-hashes.sha256";

    [Fact]
    public void Committed_migrations_are_unchanged_and_every_migration_is_listed()
    {
        var root = RepositoryRoot.Path;
        var listed = File.ReadAllLines(Path.Combine(root, ListPath))
            .Where(line => line.Trim().Length > 0)
            .Select(line => line.Split("  ", 2))
            .ToDictionary(parts => parts[1].Trim(), parts => parts[0].Trim(), StringComparer.Ordinal);
        listed.Should().NotBeEmpty();

        var problems = new List<string>();
        foreach (var (path, hash) in listed)
        {
            var file = Path.Combine(root, path);
            if (!File.Exists(file)) problems.Add($"{path} is listed but gone: a committed migration is never removed");
            else if (HashOf(file) != hash) problems.Add($"{path} changed after it was committed: add a new migration (scripts/add-migration.sh NAME) instead of editing this one");
        }
        foreach (var path in MigrationFiles(root).Where(p => !listed.ContainsKey(p)))
            problems.Add($"{path} is not in {ListPath}: add its hash with scripts/migration-hashes.sh (scripts/add-migration.sh does it for you)");

        problems.Should().BeEmpty();
    }

    [Fact]
    public void Every_provider_has_listed_migrations()
    {
        var listed = File.ReadAllText(Path.Combine(RepositoryRoot.Path, ListPath));
        foreach (var provider in new[] { "Sqlite", "Postgres", "SqlServer" })
            listed.Should().Contain($"PuqCloud.Persistence.{provider}/Migrations/");
    }

    [Fact]
    public void Hash_ignores_carriage_returns_before_line_feeds()
    {
        var folder = Directory.CreateTempSubdirectory("puq-hash-");
        try
        {
            var lf = Path.Combine(folder.FullName, "lf.cs");
            var crlf = Path.Combine(folder.FullName, "crlf.cs");
            File.WriteAllText(lf, "class A\n{\n}\n");
            File.WriteAllText(crlf, "class A\r\n{\r\n}\r\n");
            HashOf(crlf).Should().Be(HashOf(lf));
            HashOf(lf).Should().Be(Convert.ToHexStringLower(SHA256.HashData("class A\n{\n}\n"u8)));
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    private static IEnumerable<string> MigrationFiles(string root) =>
        Directory.GetDirectories(root, "PuqCloud.Persistence.*")
            .Select(project => Path.Combine(project, "Migrations"))
            .Where(Directory.Exists)
            .SelectMany(folder => Directory.GetFiles(folder, "*", SearchOption.AllDirectories))
            .Where(file => !Path.GetFileName(file).EndsWith("ModelSnapshot.cs", StringComparison.Ordinal))
            .Select(file => Path.GetRelativePath(root, file).Replace('\\', '/'))
            .Order(StringComparer.Ordinal);

    /// <summary>SHA-256 of the file with every CR that ends a line dropped (what `sed 's/\r$//' | sha256sum` gives).</summary>
    internal static string HashOf(string file)
    {
        var bytes = File.ReadAllBytes(file);
        var normalised = new List<byte>(bytes.Length);
        for (var i = 0; i < bytes.Length; i++)
        {
            if (bytes[i] == (byte)'\r' && (i + 1 == bytes.Length || bytes[i + 1] == (byte)'\n')) continue;
            normalised.Add(bytes[i]);
        }
        return Convert.ToHexStringLower(SHA256.HashData(normalised.ToArray()));
    }
}
