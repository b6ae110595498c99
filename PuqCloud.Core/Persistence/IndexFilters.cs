using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;

namespace PuqCloud.Core.Persistence;

/// <summary>
/// Filters of partial (filtered) indexes are raw SQL. Configurations write them in standard SQL, which SQLite
/// and PostgreSQL both take: identifiers in double quotes, boolean literals TRUE/FALSE, simple comparisons
/// joined by AND. SQL Server wants [brackets] and compares a bit column with 1 or 0, so on SQL Server the model
/// gets each filter in that dialect; the SQL Server migrations are generated from that model.
/// </summary>
public static partial class IndexFilters
{
    public const string SqlServerProviderName = "Microsoft.EntityFrameworkCore.SqlServer";

    /// <summary>Rewrites every index filter of the model for the provider of the context being built.</summary>
    public static void AdaptTo(ModelBuilder modelBuilder, string? providerName)
    {
        if (providerName != SqlServerProviderName) return;
        foreach (var index in modelBuilder.Model.GetEntityTypes().SelectMany(t => t.GetDeclaredIndexes()))
        {
            if (index.GetFilter() is { } filter) index.SetFilter(ToSqlServer(filter));
        }
    }

    /// <summary>The SQL Server form of a standard filter: "X" becomes [X], TRUE 1 and FALSE 0.</summary>
    public static string ToSqlServer(string filter)
    {
        var bracketed = QuotedIdentifier().Replace(filter, m => "[" + m.Groups[1].Value + "]");
        bracketed = TrueLiteral().Replace(bracketed, "1");
        return FalseLiteral().Replace(bracketed, "0");
    }

    [GeneratedRegex("\"([^\"]+)\"")]
    private static partial Regex QuotedIdentifier();

    [GeneratedRegex(@"\bTRUE\b", RegexOptions.IgnoreCase)]
    private static partial Regex TrueLiteral();

    [GeneratedRegex(@"\bFALSE\b", RegexOptions.IgnoreCase)]
    private static partial Regex FalseLiteral();
}
