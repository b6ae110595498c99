using PuqCloud.Core.Common;
using PuqCloud.Core.Domain.Common;

namespace PuqCloud.Core.Security;

/// <summary>What an authenticator app needs: the key to type in and the otpauth URI for the QR code.</summary>
public sealed record TwoFactorSetup(string SharedKey, string ProvisioningUri);

/// <summary>
/// Turning TOTP two-factor on and off for an account, the same for staff and client users: a pending
/// secret until the first code confirms it, and a current code to turn it off. The caller saves.
/// </summary>
public sealed class TwoFactorSteps(AccountSignIn signIn, ISecretProtector secrets, TimeProvider clock)
{
    public const string Issuer = "PuqCloud";

    /// <summary>The code field's name in field errors.</summary>
    public const string CodeField = "Code";

    public TwoFactorSetup Begin(Account account)
    {
        if (account.TwoFactorEnabled) throw new RuleViolationException("Two-factor sign-in is already on. Turn it off first to move it to another device.");
        var secret = Totp.NewSecret();
        var key = Base32.Encode(secret);
        account.PendingTotpSecret = secrets.Protect(key);
        return new TwoFactorSetup(key, Totp.ProvisioningUri(Issuer, account.Email, secret));
    }

    public void Confirm(Account account, string code)
    {
        if (account.PendingTotpSecret is null) throw new RuleViolationException("Start the set-up again: there is no key waiting for a code.");
        if (!signIn.AcceptTotp(account, code, clock.GetUtcNow().UtcDateTime, pending: true))
            throw RequestValidationException.For(CodeField, "The code is not right. Check the time on your device and enter the newest code.");
        account.TotpSecret = account.PendingTotpSecret;
        account.PendingTotpSecret = null;
        account.TwoFactorEnabled = true;
    }

    /// <summary>False when two-factor was already off (nothing to save).</summary>
    public bool Disable(Account account, string code)
    {
        if (!account.TwoFactorEnabled) return false;
        if (!signIn.AcceptTotp(account, code, clock.GetUtcNow().UtcDateTime))
            throw RequestValidationException.For(CodeField, "The code is not right or was already used.");
        account.TwoFactorEnabled = false;
        account.TotpSecret = null;
        account.LastTotpStep = null;
        return true;
    }
}
