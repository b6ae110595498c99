namespace PuqCloud.Core.Domain.Common;

public enum AccountStatus
{
    Active,
    Disabled,
}

/// <summary>
/// What staff accounts and client users share: credentials, two-factor state and lockout. Each kind lives
/// in its own table; this class is not mapped as a hierarchy.
/// </summary>
public abstract class Account : Entity, IHasAuditTimes
{
    public const int MaxFailedSignIns = 5;
    public static readonly TimeSpan LockoutDuration = TimeSpan.FromMinutes(15);

    public string Email { get; set; } = "";
    public string FirstName { get; set; } = "";
    public string LastName { get; set; } = "";
    public AccountStatus Status { get; set; } = AccountStatus.Active;
    public string Language { get; set; } = "en";
    /// <summary>The IANA time zone the person reads times in (pages show instants in it; the API stays in UTC).</summary>
    public string TimeZone { get; set; } = TimeZones.Utc;

    [Sensitive] public string PasswordHash { get; set; } = "";

    /// <summary>Changes when credentials or second factor change, so that older sessions stop being valid.</summary>
    [Sensitive] public string SecurityStamp { get; set; } = NewStamp();

    public bool TwoFactorEnabled { get; set; }
    /// <summary>TOTP secret, encrypted with the Data Protection keys.</summary>
    [Sensitive] public string? TotpSecret { get; set; }
    /// <summary>Secret offered while two-factor is being set up, until the first code confirms it.</summary>
    [Sensitive] public string? PendingTotpSecret { get; set; }
    /// <summary>The last TOTP time step accepted: a code is never accepted twice.</summary>
    public long? LastTotpStep { get; set; }

    /// <summary>Wrong current passwords (a password change in an open session); five lock it for <see cref="LockoutDuration"/>.</summary>
    public int FailedSignInCount { get; set; }
    public DateTime? LockoutEndsAt { get; set; }
    /// <summary>
    /// Wrong second-factor codes, from any address (sign-in, API tokens, turning two-factor off); five lock the code step for
    /// <see cref="LockoutDuration"/>. Apart from the password count, so that someone holding the password and guessing
    /// codes cannot keep the owner from changing it.
    /// </summary>
    public int FailedCodeCount { get; set; }
    public DateTime? CodeLockoutEndsAt { get; set; }
    public DateTime? LastSignInAt { get; set; }

    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }

    public string FullName => $"{FirstName} {LastName}".Trim();

    public static string NormalizeEmail(string email) => email.Trim().ToLowerInvariant();

    public static string NewStamp() => Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16));

    public bool IsLockedOut(DateTime now) => LockoutEndsAt is { } end && end > now;

    public void RecordFailedSignIn(DateTime now)
    {
        FailedSignInCount++;
        if (FailedSignInCount >= MaxFailedSignIns)
        {
            LockoutEndsAt = now + LockoutDuration;
            FailedSignInCount = 0;
        }
    }

    public bool IsCodeLockedOut(DateTime now) => CodeLockoutEndsAt is { } end && end > now;

    public void RecordFailedCode(DateTime now)
    {
        FailedCodeCount++;
        if (FailedCodeCount >= MaxFailedSignIns)
        {
            CodeLockoutEndsAt = now + LockoutDuration;
            FailedCodeCount = 0;
        }
    }

    public void RecordSuccessfulSignIn(DateTime now)
    {
        FailedCodeCount = 0;
        CodeLockoutEndsAt = null;
        FailedSignInCount = 0;
        LockoutEndsAt = null;
        LastSignInAt = now;
    }
}
