using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;
using PuqCloud.Core.Common;
using PuqCloud.Core.Domain.Staff;
using PuqCloud.Core.Persistence;
using PuqCloud.Core.Security;

namespace PuqCloud.Core.Features.Staff;

[RequiresPermission(Permissions.GroupsCreate)]
public sealed record CreateGroup(string Name, AdminGroupType Type, string? Description) : ICommand<GroupDetails>;

public sealed class CreateGroupValidator : AbstractValidator<CreateGroup>
{
    public CreateGroupValidator()
    {
        RuleFor(x => x.Name).NotEmpty().WithMessage("Enter a name, for example Support.").MaximumLength(100);
        RuleFor(x => x.Type).IsInEnum().WithMessage("Choose Staff or Notification.");
        RuleFor(x => x.Description).MaximumLength(1000);
    }
}

public sealed class CreateGroupHandler(IDbContextFactory<AppDbContext> contexts) : IRequestHandler<CreateGroup, GroupDetails>
{
    public async Task<GroupDetails> Handle(CreateGroup request, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var name = request.Name.Trim();
        await GroupRules.RequireUniqueNameAsync(db, name, null, cancellationToken);
        var group = new AdminGroup { Name = name, Type = request.Type, Description = GroupRules.Clean(request.Description) };
        db.AdminGroups.Add(group);
        await GroupRules.SaveAsync(db, cancellationToken);
        return await GroupRules.LoadDetailsAsync(db, group.Id, cancellationToken);
    }
}
