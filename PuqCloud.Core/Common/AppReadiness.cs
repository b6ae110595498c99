namespace PuqCloud.Core.Common;

/// <summary>Set once the database is migrated; the health check also asks the scheduler whether it runs.</summary>
public sealed class AppReadiness
{
    private volatile bool _databaseReady;

    public bool DatabaseReady => _databaseReady;

    public void MarkDatabaseReady() => _databaseReady = true;
}
