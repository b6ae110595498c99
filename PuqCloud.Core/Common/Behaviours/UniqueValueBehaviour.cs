using System.Data.Common;
using System.Text.RegularExpressions;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using PuqCloud.Core.Persistence;

namespace PuqCloud.Core.Common.Behaviours;

/// <summary>
/// Innermost: a unique index that refused a row becomes a <see cref="DuplicateValueException"/> naming the field, the
/// one way every use case answers a taken value that slipped past its own check (a race), on every database.
/// </summary>
public sealed partial class UniqueValueBehaviour<TRequest, TResponse>(IDbContextFactory<AppDbContext> contexts) : IPipelineBehavior<TRequest, TResponse>
    where TRequest : notnull
{
    public async Task<TResponse> Handle(TRequest request, CancellationToken cancellationToken, RequestHandlerDelegate<TResponse> next)
    {
        try
        {
            return await next();
        }
        catch (Exception ex) when (UniqueViolation.ColumnOf(ex, PrimaryKeyColumn) is { } column)
        {
            throw new DuplicateValueException(column, $"This {UniqueViolation.Describe(column)} is already taken: another record has it. Choose another.");
        }
    }

    /// <summary>The last column of the primary key named <paramref name="constraint"/> ("PK_ProductAttributes" → "AttributeId").</summary>
    private string? PrimaryKeyColumn(string constraint)
    {
        using var db = contexts.CreateDbContext();
        return db.Model.GetEntityTypes().SelectMany(t => t.GetKeys()).FirstOrDefault(k => k.IsPrimaryKey() && k.GetName() == constraint)?.Properties[^1].Name;
    }
}

/// <summary>Recognises a unique-index violation of SQLite, PostgreSQL or SQL Server and names the column it is about.</summary>
public static partial class UniqueViolation
{
    /// <summary>
    /// The (last) column of the violated unique index, or null when <paramref name="exception"/> is something else. PostgreSQL
    /// and SQL Server name a violated primary key only by its constraint (PK_Table): <paramref name="primaryKeyColumn"/>
    /// answers its last column from the model (a composite key such as a product's attribute).
    /// </summary>
    public static string? ColumnOf(Exception exception, Func<string, string?>? primaryKeyColumn = null)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (e is not DbException db) continue;
            // SQLite: "SQLite Error 19: 'UNIQUE constraint failed: Options.GroupId, Options.Key'."
            if (SqliteUnique().Match(db.Message) is { Success: true } sqlite)
                return sqlite.Groups["columns"].Value.Split(',').Last().Split('.').Last().Trim();
            // PostgreSQL (SQLSTATE 23505) and SQL Server (2601, 2627) name the index: IX_Table_Column[_Column].
            var unique = db.SqlState == "23505" || db is Microsoft.Data.SqlClient.SqlException { Number: 2601 or 2627 };
            if (unique && IndexName().Match(db.Message) is { Success: true } index)
                return index.Groups["columns"].Value.Split('_').Last();
            if (unique && primaryKeyColumn is not null && PrimaryKeyName().Match(db.Message) is { Success: true } key)
                return primaryKeyColumn(key.Value);
        }
        return null;
    }

    /// <summary>"Email" → "e-mail", "ProductKey" → "product key": the column as a sentence names it.</summary>
    public static string Describe(string column) =>
        column.Equals("Email", StringComparison.OrdinalIgnoreCase) ? "e-mail address" : Words().Replace(column, " $1").Trim().ToLowerInvariant();

    [GeneratedRegex(@"UNIQUE constraint failed: (?<columns>[^']+)")]
    private static partial Regex SqliteUnique();

    [GeneratedRegex(@"(?:IX|AK|UX)_[A-Za-z0-9]+_(?<columns>[A-Za-z0-9_]+)")]
    private static partial Regex IndexName();

    [GeneratedRegex(@"PK_[A-Za-z0-9]+")]
    private static partial Regex PrimaryKeyName();

    [GeneratedRegex("(?<!^)([A-Z])")]
    private static partial Regex Words();
}
