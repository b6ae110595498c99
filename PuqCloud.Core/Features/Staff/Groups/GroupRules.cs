using FluentValidation;
using Microsoft.EntityFrameworkCore;
using PuqCloud.Core.Common;
using PuqCloud.Core.Persistence;

namespace PuqCloud.Core.Features.Staff;

/// <summary>Steps that several Group use cases share.</summary>
internal static class GroupRules
{
    internal static async Task RequireUniqueNameAsync(AppDbContext db, string name, Guid? exceptId, CancellationToken cancellationToken)
    {
        var lower = name.ToLower();
        if (await db.AdminGroups.AnyAsync(g => g.Name.ToLower() == lower && g.Id != exceptId, cancellationToken))
            throw RequestValidationException.For(nameof(CreateGroup.Name), $"A group named {name} already exists.");
    }

    internal static string? Clean(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    internal static async Task SaveAsync(AppDbContext db, CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            throw new RuleViolationException("Another change to groups happened at the same time. Reload and try again.");
        }
    }

    internal static async Task<GroupDetails> LoadDetailsAsync(AppDbContext db, Guid id, CancellationToken cancellationToken)
    {
        var g = await db.AdminGroups.AsNoTracking().Where(g => g.Id == id)
            .Select(g => new
            {
                g.Id, g.Name, g.Type, g.Description, g.CreatedAt, g.UpdatedAt, g.Revision,
                Permissions = g.Permissions.Select(p => p.Permission).ToList(),
            })
            .FirstOrDefaultAsync(cancellationToken) ?? throw new NotFoundException("There is no such group.");
        var members = await db.StaffGroupMemberships.AsNoTracking().Where(m => m.GroupId == id)
            .Join(db.StaffAccounts, m => m.StaffAccountId, s => s.Id, (m, s) => new { s.Id, s.FirstName, s.LastName, s.Email })
            .ToListAsync(cancellationToken);
        return new GroupDetails(g.Id, g.Name, g.Type, g.Description, g.Permissions.Order(StringComparer.Ordinal).ToList(),
            members.Select(m => new GroupMember(m.Id, $"{m.FirstName} {m.LastName}".Trim(), m.Email)).OrderBy(m => m.Name, StringComparer.CurrentCultureIgnoreCase).ToList(),
            g.CreatedAt, g.UpdatedAt) { Revision = g.Revision };
    }
}
