using PuqCloud.Core.Features.Staff.MyAccount;

namespace PuqCloud.Tests.Components;

/// <summary>Accounts that component tests sign in as.</summary>
public static class TestAccounts
{
    public static MyAccount Staff(params string[] permissions) =>
        new(Guid.CreateVersion7(), "ada@example.test", "Ada", "Lovelace", "Ada Lovelace", IsSuperAdmin: false, TwoFactorEnabled: false, permissions);
}
