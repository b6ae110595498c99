using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;
using PuqCloud.Core.Common;
using PuqCloud.Core.Domain.Catalog;
using PuqCloud.Core.Persistence;
using PuqCloud.Core.Security;

namespace PuqCloud.Core.Features.Catalog;

[RequiresPermission(Permissions.OptionGroupsCreate)]
/// <summary>A new group, last in order: its key, and optionally its names and description in one step.</summary>
public sealed record CreateOptionGroup(string Key, IReadOnlyDictionary<string, string>? Name = null, IReadOnlyDictionary<string, string>? Description = null)
    : ICommand<OptionGroupDetails>, ICatalogGroupFields;

public sealed class CreateOptionGroupValidator : CatalogGroupFieldsValidator<CreateOptionGroup>;

public sealed class CreateOptionGroupHandler(IDbContextFactory<AppDbContext> contexts) : IRequestHandler<CreateOptionGroup, OptionGroupDetails>
{
    public async Task<OptionGroupDetails> Handle(CreateOptionGroup request, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var key = CatalogKeys.Normalize(request.Key);
        await OptionGroupRules.EnsureKeyFreeAsync(db, key, null, cancellationToken);
        var last = await db.OptionGroups.MaxAsync(g => (int?)g.Position, cancellationToken) ?? 0;
        var group = new OptionGroup
        {
            Key = key, Position = last + 1,
            Name = Translations.Normalize(request.Name), Description = Translations.Normalize(request.Description),
        };
        db.OptionGroups.Add(group);
        await db.SaveChangesAsync(cancellationToken);
        return await OptionGroupReads.DetailsAsync(db, group.Id, cancellationToken);
    }
}
