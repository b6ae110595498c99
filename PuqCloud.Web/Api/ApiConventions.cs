using PuqCloud.Core.Common;

namespace PuqCloud.Web.Api;

/// <summary>Query parameters every list of the API takes: `?search=&page=&pageSize=&sort=` (sort "name" or "-name").</summary>
public sealed record ListQuery(string? Search, int? Page, int? PageSize, string? Sort)
{
    public PageRequest ToPageRequest() => new(Search, Page ?? 1, PageSize ?? 25, Sort);
}
