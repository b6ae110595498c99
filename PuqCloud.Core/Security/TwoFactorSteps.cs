using PuqCloud.Core.Common;
using PuqCloud.Core.Domain.Common;
using PuqCloud.Core.Persistence;

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

    /// <summary>
    /// Turns two-factor off with a current code and saves. Wrong codes count like failed sign-ins of the account: after
    /// five, none is checked for a while, so an open session (a copied cookie) cannot find the code by trying them all.
    /// </summary>
    public async Task DisableAsync<T>(AppDbContext db, T account, string code, CancellationToken cancellationToken) where T : Account
    {
        if (!account.TwoFactorEnabled) return;
        // Guesses sent at once are checked one after another (the account's row is locked), so none passes the count unseen.
        await using var transaction = await AccountSignIn.LockAccountAsync(db, account, cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        if (account.IsCodeLockedOut(now))
            throw new TooManyAttemptsException(
                $"Too many wrong codes: try again in {Math.Ceiling((account.CodeLockoutEndsAt!.Value - now).TotalMinutes):0} minute(s).", account.CodeLockoutEndsAt.Value - now);
        if (!signIn.AcceptTotp(account, code, now))
        {
            account.RecordFailedCode(now);
            await db.SaveChangesAsync(cancellationToken);
            if (transaction is not null) await transaction.CommitAsync(cancellationToken);
            throw RequestValidationException.For(CodeField, "The code is not right or was already used.");
        }
        account.TwoFactorEnabled = false;
        account.TotpSecret = null;
        account.LastTotpStep = null;
        account.FailedCodeCount = 0;
        await db.SaveChangesAsync(cancellationToken);
        if (transaction is not null) await transaction.CommitAsync(cancellationToken);
    }
}
