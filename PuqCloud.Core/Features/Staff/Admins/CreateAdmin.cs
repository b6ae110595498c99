using System.Data;
using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;
using PuqCloud.Core.Common;
using PuqCloud.Core.Domain.Staff;
using PuqCloud.Core.Persistence;
using PuqCloud.Core.Security;

namespace PuqCloud.Core.Features.Staff;

[RequiresPermission(Permissions.AdminsCreate)]
public sealed record CreateAdmin(string Email, string FirstName, string LastName, string Language, IReadOnlyList<Guid> GroupIds, bool IsSuperAdmin,
    string Password, string ConfirmPassword) : ICommand<AdminDetails>, IAdminFields;

public sealed class CreateAdminValidator : AdminFieldsValidator<CreateAdmin>
{
    public CreateAdminValidator()
    {
        RuleFor(x => x.Password).Custom((password, context) =>
        {
            foreach (var problem in PasswordPolicy.Check(password, context.InstanceToValidate.Email))
                context.AddFailure(nameof(CreateAdmin.Password), problem);
        });
        RuleFor(x => x.ConfirmPassword).Equal(x => x.Password).WithMessage("The passwords do not match.");
    }
}

public sealed class CreateAdminHandler(IDbContextFactory<AppDbContext> contexts, PasswordHashing passwords, ActorContext actors, IAccountAccess access, PermissionGrants grants) : IRequestHandler<CreateAdmin, AdminDetails>
{
    public async Task<AdminDetails> Handle(CreateAdmin request, CancellationToken cancellationToken)
    {
        if (request.IsSuperAdmin) await AdminRules.RequireSuperAdminActorAsync(actors, access, "Only a super admin may create another super admin.", cancellationToken);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var email = Domain.Common.Account.NormalizeEmail(request.Email);
        await AdminRules.RequireUniqueEmailAsync(db, email, null, cancellationToken);
        await grants.RequireCanGrantGroupsAsync(db, request.GroupIds, cancellationToken);
        var admin = new StaffAccount
        {
            Email = email,
            FirstName = request.FirstName.Trim(),
            LastName = request.LastName.Trim(),
            Language = request.Language,
            IsSuperAdmin = request.IsSuperAdmin,
            PasswordHash = passwords.Hash(request.Password),
        };
        admin.Groups.AddRange((await AdminRules.StaffGroupIdsAsync(db, request.GroupIds, cancellationToken)).Select(id => new StaffGroupMembership { GroupId = id }));
        db.StaffAccounts.Add(admin);
        await AdminRules.SaveAsync(db, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return await AdminRules.LoadDetailsAsync(db, admin.Id, cancellationToken);
    }
}
