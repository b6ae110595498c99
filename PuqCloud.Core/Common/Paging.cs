using System.Linq.Expressions;
using Mapster;
using Microsoft.EntityFrameworkCore;

namespace PuqCloud.Core.Common;

/// <summary>
/// What a list asks for: a search text, a page (from 1), a page size and a sort key ("created" or
/// "-created" for descending). Sort keys are looked up in the query's own whitelist, never used raw.
/// </summary>
public sealed record PageRequest(string? Search = null, int Page = 1, int PageSize = 25, string? Sort = null)
{
    public const int MaxPageSize = 200;

    /// <summary>The last page whose first row can be counted (the offset is an int): later ones would only be empty.</summary>
    public const int MaxPage = int.MaxValue / MaxPageSize;

    public int SafePage => Math.Clamp(Page, 1, MaxPage);
    public int SafePageSize => Math.Clamp(PageSize, 1, MaxPageSize);
    /// <summary>How many rows come before the page: with ?page=2147483647 the product overflowed into a negative offset (a 500).</summary>
    public int Offset => (SafePage - 1) * SafePageSize;
    public string? SearchText => string.IsNullOrWhiteSpace(Search) ? null : Search.Trim();
}

/// <summary>One page of a list and the count of all matching rows.</summary>
public sealed record PagedResult<T>(IReadOnlyList<T> Items, int Total, int Page, int PageSize);

/// <summary>A whitelist of sort keys for one query: key → expression over the entity.</summary>
public sealed class SortMap<T>
{
    private readonly Dictionary<string, LambdaExpression> _keys = new(StringComparer.OrdinalIgnoreCase);
    private readonly string _defaultKey;
    private readonly bool _defaultDescending;

    public SortMap(string defaultSort)
    {
        _defaultDescending = defaultSort.StartsWith('-');
        _defaultKey = defaultSort.TrimStart('-');
    }

    public SortMap<T> Add<TKey>(string key, Expression<Func<T, TKey>> expression)
    {
        _keys[key] = expression;
        return this;
    }

    public IReadOnlyCollection<string> Keys => _keys.Keys;

    /// <summary>
    /// Orders by the requested key (a '-' before it for descending), or by the default when none is asked for; then by
    /// id for stable pages. A key that is not on the list is refused, never silently ignored.
    /// </summary>
    public IQueryable<T> Apply(IQueryable<T> query, string? sort)
    {
        var descending = string.IsNullOrWhiteSpace(sort) ? _defaultDescending : sort.StartsWith('-');
        var key = string.IsNullOrWhiteSpace(sort) ? _defaultKey : sort.TrimStart('-');
        if (!_keys.ContainsKey(key))
            throw RequestValidationException.For("Sort", $"Sort by one of: {string.Join(", ", _keys.Keys.Order(StringComparer.Ordinal))} (a '-' before it sorts descending).");
        var ordered = Order(query.Expression, _keys[key], descending ? nameof(Queryable.OrderByDescending) : nameof(Queryable.OrderBy));
        if (typeof(Domain.Common.Entity).IsAssignableFrom(typeof(T)))
        {
            var entity = Expression.Parameter(typeof(T), "e");
            var byId = Expression.Lambda(Expression.Property(entity, nameof(Domain.Common.Entity.Id)), entity);
            ordered = Order(ordered, byId, nameof(Queryable.ThenBy));
        }
        return query.Provider.CreateQuery<T>(ordered);
    }

    private static Expression Order(Expression source, LambdaExpression key, string method) =>
        Expression.Call(typeof(Queryable), method, [typeof(T), key.ReturnType], source, Expression.Quote(key));
}

public static class PagingExtensions
{
    public static async Task<PagedResult<TResult>> ToPageAsync<T, TResult>(this IQueryable<T> query, PageRequest request,
        SortMap<T> sorts, Expression<Func<T, TResult>> projection, CancellationToken cancellationToken)
    {
        var total = await query.CountAsync(cancellationToken);
        var items = await sorts.Apply(query, request.Sort)
            .Skip(request.Offset)
            .Take(request.SafePageSize)
            .Select(projection)
            .ToListAsync(cancellationToken);
        return new PagedResult<TResult>(items, total, request.SafePage, request.SafePageSize);
    }

    /// <summary>A page whose items are the area's Mapster projection of <typeparamref name="T"/> (see <see cref="CoreMapping"/>).</summary>
    public static async Task<PagedResult<TResult>> ToPageAsync<T, TResult>(this IQueryable<T> query, PageRequest request,
        SortMap<T> sorts, TypeAdapterConfig mapping, CancellationToken cancellationToken)
    {
        var total = await query.CountAsync(cancellationToken);
        var items = await sorts.Apply(query, request.Sort)
            .Skip(request.Offset)
            .Take(request.SafePageSize)
            .ProjectToType<TResult>(mapping)
            .ToListAsync(cancellationToken);
        return new PagedResult<TResult>(items, total, request.SafePage, request.SafePageSize);
    }

    /// <summary>A LIKE pattern for a person's search text, with the wildcard characters escaped.</summary>
    public static string LikePattern(string text) =>
        "%" + text.ToLowerInvariant().Replace("\\", "\\\\").Replace("%", "\\%").Replace("_", "\\_") + "%";
}
