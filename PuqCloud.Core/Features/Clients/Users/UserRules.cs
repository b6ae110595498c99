using MediatR;
using Microsoft.EntityFrameworkCore;
using PuqCloud.Core.Common;
using PuqCloud.Core.Domain.Clients;
using PuqCloud.Core.Persistence;

namespace PuqCloud.Core.Features.Clients;

/// <summary>Steps that several User use cases share.</summary>
internal static class UserRules
{
    internal static void ApplyFields(ClientUser user, IUserFields fields)
    {
        user.FirstName = fields.FirstName.Trim();
        user.LastName = fields.LastName.Trim();
        user.Phone = string.IsNullOrWhiteSpace(fields.Phone) ? null : fields.Phone.Trim();
        user.Language = fields.Language;
        user.AdminNotes = string.IsNullOrWhiteSpace(fields.AdminNotes) ? null : fields.AdminNotes.Trim();
    }

    internal static async Task<ClientUser> FindAsync(AppDbContext db, Guid id, CancellationToken ct) =>
        await db.ClientUsers.FirstOrDefaultAsync(u => u.Id == id, ct) ?? throw new NotFoundException("There is no such user.");
}
