using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;
using PuqCloud.Core.Common;
using PuqCloud.Core.Domain.Staff;
using PuqCloud.Core.Persistence;
using PuqCloud.Core.Security;

namespace PuqCloud.Core.Features.Staff;

/// <summary>
/// Renames a group and sets its description and, for staff groups, its permissions (the whole set). <see cref="Revision"/>
/// is the one the form was read at; a save from an older one is refused (null: no check, as the API's merge of a fresh read).
/// A permission of a module switched off since stays on the group untouched (it grants nothing until the module is back):
/// the forms and the API do not show it, so a save must neither drop it nor be refused for it.
/// </summary>
[RequiresPermission(Security.Permissions.GroupsEdit)]
public sealed record UpdateGroup(Guid Id, string Name, string? Description, IReadOnlyList<string> Permissions, int? Revision = null) : ICommand<GroupDetails>;

public sealed class UpdateGroupValidator : AbstractValidator<UpdateGroup>
{
    public UpdateGroupValidator()
    {
        RuleFor(x => x.Name).NotEmpty().WithMessage("Enter a name, for example Support.").MaximumLength(100);
        RuleFor(x => x.Description).MaximumLength(1000);
        RuleFor(x => x.Permissions).NotNull();
    }
}

public sealed class UpdateGroupHandler(IDbContextFactory<AppDbContext> contexts, PermissionGrants grants, Core.Modules.IPermissionCatalog catalog) : IRequestHandler<UpdateGroup, GroupDetails>
{
    public async Task<GroupDetails> Handle(UpdateGroup request, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var group = await db.AdminGroups.Include(g => g.Permissions).FirstOrDefaultAsync(g => g.Id == request.Id, cancellationToken)
            ?? throw new NotFoundException("There is no such group.");
        if (request.Revision is { } read && read != group.Revision) throw RuleViolationException.ChangedSinceRead(group.Name);
        // The constants and the permissions of active modules; the group's others (a module switched off since) are left alone.
        var known = (await catalog.AllAsync(cancellationToken)).Select(p => p.Key).ToHashSet(StringComparer.Ordinal);
        var stored = group.Permissions.Select(p => p.Permission).ToHashSet(StringComparer.Ordinal);
        var wanted = request.Permissions.Where(p => known.Contains(p) || !stored.Contains(p)).ToHashSet(StringComparer.Ordinal);
        var unknown = wanted.Where(p => !known.Contains(p)).ToList();
        if (unknown.Count > 0)
            throw RequestValidationException.For(nameof(UpdateGroup.Permissions), $"Unknown permission: {string.Join(", ", unknown.Take(5))}.");
        if (group.Type != AdminGroupType.Staff && wanted.Count > 0)
            throw RequestValidationException.For(nameof(UpdateGroup.Permissions), "Only staff groups carry permissions; this is a notification group.");
        var added = wanted.Where(p => !stored.Contains(p)).ToList();
        // Whoever edits a group holds everything it grants, before and after: no way to give, nor to take from its members, more than one has.
        await grants.RequireHeldAsync(stored.Where(known.Contains).Concat(wanted), "Editing this group", cancellationToken);

        var name = request.Name.Trim();
        await GroupRules.RequireUniqueNameAsync(db, name, group.Id, cancellationToken);
        group.Name = name;
        group.Description = GroupRules.Clean(request.Description);
        group.Permissions.RemoveAll(p => known.Contains(p.Permission) && !wanted.Contains(p.Permission));
        group.Permissions.AddRange(added.Select(p => new AdminGroupPermission { GroupId = group.Id, Permission = p }));
        if (db.ChangeTracker.HasChanges()) group.Revision++; // a save that changes nothing leaves open forms valid
        await GroupRules.SaveAsync(db, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return await GroupRules.LoadDetailsAsync(db, group.Id, cancellationToken);
    }
}
