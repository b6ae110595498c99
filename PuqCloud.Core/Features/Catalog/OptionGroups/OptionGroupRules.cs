using MediatR;
using Microsoft.EntityFrameworkCore;
using PuqCloud.Core.Common;
using PuqCloud.Core.Files;
using PuqCloud.Core.Persistence;

namespace PuqCloud.Core.Features.Catalog;

/// <summary>Steps that several OptionGroup use cases share.</summary>
internal static class OptionGroupRules
{
    internal const string NotFound = "There is no such option group.";

    internal static async Task EnsureKeyFreeAsync(AppDbContext db, string key, Guid? except, CancellationToken cancellationToken)
    {
        if (await db.OptionGroups.AnyAsync(g => g.Key == key && g.Id != except, cancellationToken))
            throw RequestValidationException.For("Key", $"An option group with the key {key} already exists.");
    }
}
