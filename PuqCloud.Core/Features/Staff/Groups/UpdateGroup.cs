using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;
using PuqCloud.Core.Common;
using PuqCloud.Core.Domain.Staff;
using PuqCloud.Core.Persistence;
using PuqCloud.Core.Security;

namespace PuqCloud.Core.Features.Staff;

/// <summary>Renames a group and sets its description and, for staff groups, its permissions (the whole set).</summary>
[RequiresPermission(Security.Permissions.GroupsEdit)]
public sealed record UpdateGroup(Guid Id, string Name, string? Description, IReadOnlyList<string> Permissions) : ICommand<GroupDetails>;

public sealed class UpdateGroupValidator : AbstractValidator<UpdateGroup>
{
    public UpdateGroupValidator(Core.Modules.IPermissionCatalog catalog)
    {
        RuleFor(x => x.Name).NotEmpty().WithMessage("Enter a name, for example Support.").MaximumLength(100);
        RuleFor(x => x.Description).MaximumLength(1000);
        RuleFor(x => x.Permissions).NotNull().CustomAsync(async (permissions, context, cancellationToken) =>
        {
            // The constants and the permissions of active modules.
            var known = (await catalog.AllAsync(cancellationToken)).Select(p => p.Key).ToHashSet(StringComparer.Ordinal);
            var unknown = (permissions ?? []).Where(p => !known.Contains(p)).ToList();
            if (unknown.Count > 0)
                context.AddFailure(nameof(UpdateGroup.Permissions), $"Unknown permission: {string.Join(", ", unknown.Take(5))}.");
        });
    }
}

public sealed class UpdateGroupHandler(IDbContextFactory<AppDbContext> contexts, PermissionGrants grants) : IRequestHandler<UpdateGroup, GroupDetails>
{
    public async Task<GroupDetails> Handle(UpdateGroup request, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var group = await db.AdminGroups.Include(g => g.Permissions).FirstOrDefaultAsync(g => g.Id == request.Id, cancellationToken)
            ?? throw new NotFoundException("There is no such group.");
        var wanted = request.Permissions.ToHashSet(StringComparer.Ordinal);
        if (group.Type != AdminGroupType.Staff && wanted.Count > 0)
            throw RequestValidationException.For(nameof(UpdateGroup.Permissions), "Only staff groups carry permissions; this is a notification group.");
        var added = wanted.Where(p => group.Permissions.All(x => x.Permission != p)).ToList();
        // Whoever edits a group holds everything it grants, before and after: no way to give, nor to take from its members, more than one has.
        await grants.RequireHeldAsync(group.Permissions.Select(p => p.Permission).Concat(wanted), "Editing this group", cancellationToken);

        var name = request.Name.Trim();
        await GroupRules.RequireUniqueNameAsync(db, name, group.Id, cancellationToken);
        group.Name = name;
        group.Description = GroupRules.Clean(request.Description);
        group.Permissions.RemoveAll(p => !wanted.Contains(p.Permission));
        group.Permissions.AddRange(added.Select(p => new AdminGroupPermission { GroupId = group.Id, Permission = p }));
        await GroupRules.SaveAsync(db, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return await GroupRules.LoadDetailsAsync(db, group.Id, cancellationToken);
    }
}
