using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PuqCloud.Core.Common;
using PuqCloud.Core.Domain.Audit;
using PuqCloud.Core.Domain.Common;
using PuqCloud.Core.Persistence;

namespace PuqCloud.Core.Security;

public enum SignInOutcome
{
    Succeeded,
    TwoFactorRequired,
    Failed,
    LockedOut,
    Throttled,
}

/// <summary>What a sign-in step answered. <see cref="Message"/> is safe to show: it never says whether the e-mail exists;
/// <see cref="RetryAfter"/> says how long a throttled or locked-out caller must wait.</summary>
public sealed record SignInResult(SignInOutcome Outcome, Guid? AccountId = null, string? Email = null, string? Name = null, string? SecurityStamp = null, string? Message = null,
    TimeSpan? RetryAfter = null)
    : IRefusableOutcome
{
    public bool Succeeded => Outcome == SignInOutcome.Succeeded;

    /// <summary>A wrong password or code, a locked account or a throttled address; a password step that asks for a code is not refused.</summary>
    public string? Refusal => Outcome is SignInOutcome.Failed or SignInOutcome.LockedOut or SignInOutcome.Throttled
        ? $"{Outcome}: {Message}"
        : null;
}

public sealed class SignInOptions
{
    /// <summary>Failed attempts from one IP address, within <see cref="ThrottleWindow"/>, after which that address must wait.</summary>
    public int MaxFailuresPerIp { get; set; } = 20;
    public TimeSpan ThrottleWindow { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>PBKDF2 rounds of a new password hash (<see cref="PasswordHashing"/>); lower only for test installations.</summary>
    public int PasswordHashIterations { get; set; } = PasswordHashing.RecommendedIterations;
}

/// <summary>
/// The sign-in rules staff and client users share: password check with the framework's hasher, lockout
/// after repeated failures, throttling per IP address (counted in the database, so it holds across
/// nodes), and TOTP with a skew window and no code reuse. Handlers of both kinds call it.
/// </summary>
public sealed class AccountSignIn(TimeProvider clock, ISecretProtector secrets, PasswordHashing passwords, IOptions<SignInOptions> options, ILogger<AccountSignIn> logger)
{
    private const string WrongCredentials = "The e-mail address or password is not right.";

    private const string LockedMessage = "Too many failed sign-ins for this account from your address. Wait a few minutes and try again.";
    private const string ThrottledMessage = "Too many failed sign-ins from your address. Wait a few minutes and try again.";

    /// <summary>
    /// First step: e-mail and password, and the TOTP code when the caller has it already (the API). Failures lock an
    /// e-mail address for the address they come from only (someone elsewhere cannot lock the owner out), and an
    /// unknown e-mail address gets exactly the answers a known one gets.
    /// </summary>
    public async Task<SignInResult> PasswordAsync<T>(AppDbContext db, ActorKind kind, string email, string password, string? totpCode, string? ip, CancellationToken ct)
        where T : Account
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var normalized = Account.NormalizeEmail(email);
        if (await ThrottledForAsync(db, ip, now, ct) is { } throttled)
            return new SignInResult(SignInOutcome.Throttled, Message: ThrottledMessage, RetryAfter: throttled);
        if (await LockedForAsync(db, kind, normalized, ip, now, ct) is { } locked)
        {
            await RecordAttemptAsync(db, kind, normalized, ip, false, now, ct);
            return new SignInResult(SignInOutcome.LockedOut, Message: LockedMessage, RetryAfter: locked);
        }

        var account = await db.Set<T>().FirstOrDefaultAsync(a => a.Email == normalized, ct);
        if (account is null || account.Status != AccountStatus.Active)
        {
            passwords.VerifyAgainstNoAccount(password);
            return await FailAsync(db, kind, normalized, ip, now, WrongCredentials, ct);
        }
        if (!passwords.Verify(account.PasswordHash, password))
            return await FailAsync(db, kind, normalized, ip, now, WrongCredentials, ct);
        if (account is Domain.Staff.StaffAccount { AllowedIps: var allowed } && !IpAllowList.Allows(allowed, ip))
        {
            logger.LogWarning("Sign-in of staff {StaffId} refused: address {Ip} is not on the account's allowlist", account.Id, ip);
            await RecordAttemptAsync(db, kind, normalized, ip, false, now, ct);
            return new SignInResult(SignInOutcome.Failed, Message: "This account may not sign in from your address.");
        }
        if (account.TwoFactorEnabled)
        {
            if (string.IsNullOrWhiteSpace(totpCode))
            {
                await db.SaveChangesAsync(ct);
                return new SignInResult(SignInOutcome.TwoFactorRequired, account.Id, account.Email, account.FullName);
            }
            return await CodeAsync(db, kind, account, totpCode, ip, now, ct);
        }
        return await SucceedAsync(db, kind, account, ip, now, ct);
    }

    /// <summary>Second step: the TOTP code for an account whose password was accepted moments ago.</summary>
    public async Task<SignInResult> SecondFactorAsync<T>(AppDbContext db, ActorKind kind, Guid accountId, string code, string? ip, CancellationToken ct)
        where T : Account
    {
        var now = clock.GetUtcNow().UtcDateTime;
        if (await ThrottledForAsync(db, ip, now, ct) is { } throttled)
            return new SignInResult(SignInOutcome.Throttled, Message: ThrottledMessage, RetryAfter: throttled);
        var account = await db.Set<T>().FirstOrDefaultAsync(a => a.Id == accountId, ct);
        if (account is null || account.Status != AccountStatus.Active || !account.TwoFactorEnabled)
            return new SignInResult(SignInOutcome.Failed, Message: "Sign in again.");
        if (await LockedForAsync(db, kind, account.Email, ip, now, ct) is { } locked)
            return new SignInResult(SignInOutcome.LockedOut, Message: LockedMessage, RetryAfter: locked);
        return await CodeAsync(db, kind, account, code, ip, now, ct);
    }

    private const string CodesLockedMessage =
        "Too many wrong codes for this account. Wait a few minutes and try again. If these were not yours, someone knows your password: change it.";

    /// <summary>
    /// Opens a transaction (unless one is open) and locks the account's row, reloading it: requests about one account's
    /// codes sent at once are then handled one after another, so none passes a count unseen.
    /// </summary>
    public static async Task<Microsoft.EntityFrameworkCore.Storage.IDbContextTransaction?> LockAccountAsync<T>(AppDbContext db, T account, CancellationToken ct)
        where T : Account
    {
        var transaction = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(ct) : null;
        await db.Set<T>().Where(a => a.Id == account.Id).ExecuteUpdateAsync(s => s.SetProperty(a => a.FailedCodeCount, a => a.FailedCodeCount), ct);
        await db.Entry(account).ReloadAsync(ct);
        return transaction;
    }

    /// <summary>
    /// The TOTP code of an account whose password was accepted. Wrong codes count for the account from any address too
    /// (<see cref="Account.RecordFailedCode"/>): whoever gets this far holds the password, so an account-wide limit only
    /// stops someone guessing codes from many addresses. The account's row is locked meanwhile, so that requests sent at
    /// once are checked one after another: none passes the count unseen, and one code is never taken twice.
    /// </summary>
    private async Task<SignInResult> CodeAsync<T>(AppDbContext db, ActorKind kind, T account, string code, string? ip, DateTime now, CancellationToken ct)
        where T : Account
    {
        await using var transaction = await LockAccountAsync(db, account, ct);
        if (!account.IsCodeLockedOut(now) && AcceptTotp(account, code, now))
        {
            var succeeded = await SucceedAsync(db, kind, account, ip, now, ct);
            if (transaction is not null) await transaction.CommitAsync(ct);
            return succeeded;
        }
        var lockedBefore = account.IsCodeLockedOut(now);
        if (!lockedBefore) account.RecordFailedCode(now);
        await db.SaveChangesAsync(ct);
        // The row lock ends here: the attempt row and the per-address count are written and read after it, so that two
        // accounts' codes from one address never wait on each other's uncommitted attempt (a deadlock on SQL Server).
        if (transaction is not null) await transaction.CommitAsync(ct);
        if (lockedBefore) await RecordAttemptAsync(db, kind, account.Email, ip, false, now, ct);
        var failed = lockedBefore ? null : await FailAsync(db, kind, account.Email, ip, now, "The code is not right or was already used.", ct);
        return account.IsCodeLockedOut(now)
            ? new SignInResult(SignInOutcome.LockedOut, Message: CodesLockedMessage, RetryAfter: account.CodeLockoutEndsAt!.Value - now)
            : failed!;
    }

    /// <summary>Records a failed attempt; the one that reaches the limit answers as locked, like every attempt after it.</summary>
    private async Task<SignInResult> FailAsync(AppDbContext db, ActorKind kind, string email, string? ip, DateTime now, string message, CancellationToken ct)
    {
        await RecordAttemptAsync(db, kind, email, ip, false, now, ct);
        return await LockedForAsync(db, kind, email, ip, now, ct) is { } locked
            ? new SignInResult(SignInOutcome.LockedOut, Message: LockedMessage, RetryAfter: locked)
            : new SignInResult(SignInOutcome.Failed, Message: message);
    }

    /// <summary>
    /// How long this e-mail address stays locked for this caller's address: <see cref="Account.MaxFailedSignIns"/>
    /// failures from it since its last success, within <see cref="Account.LockoutDuration"/> of the latest; null when not locked.
    /// Counted per kind of account: a client login anyone may sign up under a staff member's address must not reset the
    /// staff account's count with its own successes.
    /// </summary>
    private static async Task<TimeSpan?> LockedForAsync(AppDbContext db, ActorKind kind, string email, string? ip, DateTime now, CancellationToken ct)
    {
        var since = now - Account.LockoutDuration;
        var attempts = db.SignInAttempts.Where(a => a.AccountKind == kind && a.Email == email && a.Ip == ip && a.At >= since);
        var lastSuccess = await attempts.Where(a => a.Succeeded).MaxAsync(a => (DateTime?)a.At, ct);
        var failures = await attempts.Where(a => !a.Succeeded && (lastSuccess == null || a.At > lastSuccess))
            .OrderByDescending(a => a.At).Select(a => a.At).Take(Account.MaxFailedSignIns).ToListAsync(ct);
        if (failures.Count < Account.MaxFailedSignIns) return null;
        return failures[0] + Account.LockoutDuration - now;
    }

    /// <summary>How long this address must wait after too many failures of any account within the window; null when it need not.</summary>
    private async Task<TimeSpan?> ThrottledForAsync(AppDbContext db, string? ip, DateTime now, CancellationToken ct)
    {
        if (ip is null) return null;
        var since = now - options.Value.ThrottleWindow;
        var failures = db.SignInAttempts.Where(a => a.Ip == ip && !a.Succeeded && a.At >= since);
        if (await failures.CountAsync(ct) < options.Value.MaxFailuresPerIp) return null;
        var oldest = await failures.MinAsync(a => a.At, ct);
        return oldest + options.Value.ThrottleWindow - now;
    }

    /// <summary>Checks a code against the account's secret and, when right, remembers its time step so that it cannot be used again.</summary>
    public bool AcceptTotp(Account account, string? code, DateTime now, bool pending = false)
    {
        var stored = pending ? account.PendingTotpSecret : account.TotpSecret;
        if (stored is null) return false;
        var secret = Base32.Decode(secrets.Unprotect(stored));
        var step = Totp.Verify(secret, code, new DateTimeOffset(now, TimeSpan.Zero), account.LastTotpStep);
        if (step is null) return false;
        account.LastTotpStep = step;
        return true;
    }

    private async Task<SignInResult> SucceedAsync(AppDbContext db, ActorKind kind, Account account, string? ip, DateTime now, CancellationToken ct)
    {
        account.RecordSuccessfulSignIn(now);
        await RecordAttemptAsync(db, kind, account.Email, ip, true, now, ct);
        return new SignInResult(SignInOutcome.Succeeded, account.Id, account.Email, account.FullName, account.SecurityStamp);
    }

    private static async Task RecordAttemptAsync(AppDbContext db, ActorKind kind, string email, string? ip, bool succeeded, DateTime now, CancellationToken ct)
    {
        db.SignInAttempts.Add(new SignInAttempt { At = now, AccountKind = kind, Email = email.Length > 254 ? email[..254] : email, Ip = ip, Succeeded = succeeded });
        await db.SaveChangesAsync(ct);
    }
}
