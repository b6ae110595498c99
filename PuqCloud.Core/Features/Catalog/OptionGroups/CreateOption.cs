using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;
using PuqCloud.Core.Common;
using PuqCloud.Core.Domain.Catalog;
using PuqCloud.Core.Persistence;
using PuqCloud.Core.Security;

namespace PuqCloud.Core.Features.Catalog;

/// <summary>Options are part of their group: adding, changing, ordering and pricing them is editing the group. New options go last.</summary>
[RequiresPermission(Permissions.OptionGroupsEdit)]
public sealed record CreateOption(Guid GroupId, string Key, IReadOnlyDictionary<string, string>? Name) : ICommand<OptionDto>, ICatalogNamedFields;

public sealed class CreateOptionValidator : CatalogNamedFieldsValidator<CreateOption>;

public sealed class CreateOptionHandler(IDbContextFactory<AppDbContext> contexts) : IRequestHandler<CreateOption, OptionDto>
{
    public async Task<OptionDto> Handle(CreateOption request, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        if (!await db.OptionGroups.AnyAsync(g => g.Id == request.GroupId, cancellationToken)) throw new NotFoundException(OptionRules.GroupNotFound);
        var last = await db.ProductOptions.Where(o => o.OptionGroupId == request.GroupId).MaxAsync(o => (int?)o.Position, cancellationToken) ?? 0;
        var option = new ProductOption { OptionGroupId = request.GroupId, Position = last + 1 };
        await OptionRules.ApplyAsync(db, option, request, cancellationToken);
        db.ProductOptions.Add(option);
        await db.SaveChangesAsync(cancellationToken);
        return await OptionGroupReads.OptionAsync(db, request.GroupId, option.Id, cancellationToken);
    }
}
