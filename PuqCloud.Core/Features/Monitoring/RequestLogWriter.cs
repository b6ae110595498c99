using System.Threading.Channels;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using PuqCloud.Core.Domain.Audit;
using PuqCloud.Core.Domain.Monitoring;
using PuqCloud.Core.Persistence;

namespace PuqCloud.Core.Features.Monitoring;

/// <summary>
/// Takes the requests of signed-in people for the Admin Sessions and Client Sessions pages. Writing never
/// waits for the database: entries go onto a bounded queue that a background service stores in batches.
/// </summary>
public interface IRequestLogWriter
{
    /// <summary>Queues one entry; false when the queue is full (the entry is dropped rather than slowing the request).</summary>
    bool TryWrite(RequestLogEntry entry);

    /// <summary>Completes once every entry queued before the call has been stored (or given up on).</summary>
    Task FlushAsync(CancellationToken cancellationToken = default);
}

/// <summary>The queue of <see cref="IRequestLogWriter"/>; <see cref="RequestLogWriterService"/> drains it.</summary>
public sealed class ChannelRequestLogWriter : IRequestLogWriter
{
    public const int Capacity = 10_000;

    /// <summary>An entry to store, or a flush marker to complete once everything before it is stored.</summary>
    internal readonly record struct Item(RequestLogEntry? Entry, TaskCompletionSource? Flushed);

    private readonly Channel<Item> _channel = Channel.CreateBounded<Item>(new BoundedChannelOptions(Capacity)
    {
        FullMode = BoundedChannelFullMode.Wait,
        SingleReader = true,
        SingleWriter = false,
    });

    private long _dropped;

    internal ChannelReader<Item> Reader => _channel.Reader;

    /// <summary>Entries dropped because the queue was full, since start.</summary>
    public long Dropped => Interlocked.Read(ref _dropped);

    public bool TryWrite(RequestLogEntry entry)
    {
        if (_channel.Writer.TryWrite(new Item(entry, null))) return true;
        Interlocked.Increment(ref _dropped);
        return false;
    }

    public async Task FlushAsync(CancellationToken cancellationToken = default)
    {
        var flushed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await _channel.Writer.WriteAsync(new Item(null, flushed), cancellationToken);
        await flushed.Task.WaitAsync(cancellationToken);
    }
}

/// <summary>Stores the queued request-log entries in batches, outside any request.</summary>
public sealed class RequestLogWriterService(ChannelRequestLogWriter writer, DatabaseOptions database, ILogger<RequestLogWriterService> logger) : BackgroundService
{
    public const int BatchSize = 500;

    private long _droppedReported;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var reader = writer.Reader;
        try
        {
            while (await reader.WaitToReadAsync(stoppingToken))
                await DrainAsync(reader, CancellationToken.None);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping: store what is already queued, then end.
            await DrainAsync(reader, CancellationToken.None);
        }
    }

    private async Task DrainAsync(ChannelReader<ChannelRequestLogWriter.Item> reader, CancellationToken cancellationToken)
    {
        var batch = new List<RequestLogEntry>(BatchSize);
        while (reader.TryRead(out var item))
        {
            if (item.Entry is { } entry) batch.Add(entry);
            if (item.Flushed is { } flushed)
            {
                // Everything before the marker must be stored before the marker completes.
                await StoreAsync(batch, cancellationToken);
                batch.Clear();
                flushed.TrySetResult();
            }
            if (batch.Count >= BatchSize)
            {
                await StoreAsync(batch, cancellationToken);
                batch.Clear();
            }
        }
        await StoreAsync(batch, cancellationToken);
        var dropped = writer.Dropped;
        if (dropped > _droppedReported)
        {
            logger.LogWarning("The request-log queue was full: {Count} entries were not recorded", dropped - _droppedReported);
            _droppedReported = dropped;
        }
    }

    private async Task StoreAsync(List<RequestLogEntry> batch, CancellationToken cancellationToken)
    {
        if (batch.Count == 0) return;
        try
        {
            await using var db = database.CreatePlainContext();
            await FillClientsAsync(db, batch, cancellationToken);
            db.RequestLog.AddRange(batch);
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is DbUpdateException or InvalidOperationException or System.Data.Common.DbException)
        {
            // The session log is monitoring, not business data: a failed batch is logged and given up on.
            logger.LogError(ex, "Could not store {Count} request-log entries", batch.Count);
        }
    }

    /// <summary>A client user's request is shown under the client they own, otherwise the first client they belong to.</summary>
    private static async Task FillClientsAsync(AppDbContext db, List<RequestLogEntry> batch, CancellationToken cancellationToken)
    {
        var users = batch.Where(e => e.ActorKind == ActorKind.ClientUser && e.ClientId is null && e.ClientUserId is not null)
            .Select(e => e.ClientUserId!.Value).Distinct().ToList();
        if (users.Count == 0) return;
        var memberships = await db.ClientMemberships.AsNoTracking()
            .Where(m => users.Contains(m.ClientUserId))
            .Select(m => new { m.ClientUserId, m.ClientId, m.IsOwner, m.CreatedAt })
            .ToListAsync(cancellationToken);
        var clientOf = memberships.GroupBy(m => m.ClientUserId)
            .ToDictionary(g => g.Key, g => g.OrderByDescending(m => m.IsOwner).ThenBy(m => m.CreatedAt).First().ClientId);
        foreach (var entry in batch)
        {
            if (entry.ActorKind == ActorKind.ClientUser && entry.ClientId is null && entry.ClientUserId is { } user && clientOf.TryGetValue(user, out var client))
                entry.ClientId = client;
        }
    }
}
