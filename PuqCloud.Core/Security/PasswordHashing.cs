using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PuqCloud.Core.Domain.Common;

namespace PuqCloud.Core.Security;

/// <summary>
/// Passwords of staff and client users, hashed in ASP.NET Core Identity's format (PBKDF2 with HMAC-SHA512 and a random salt).
/// Each hash carries its own iteration count, so <see cref="SignInOptions.PasswordHashIterations"/> decides how new hashes are
/// made and every stored hash still verifies after it changes.
/// </summary>
public sealed class PasswordHashing
{
    /// <summary>The framework's own count, and the least this product recommends.</summary>
    public const int RecommendedIterations = 100_000;

    private readonly PasswordHasher<Account> _hasher;
    private readonly Lazy<string> _hashOfNoAccount;

    public PasswordHashing(IOptions<SignInOptions> options, ILogger<PasswordHashing> logger)
    {
        var iterations = options.Value.PasswordHashIterations;
        // A lower count only makes sense for test installations, which create thousands of accounts.
        if (iterations < RecommendedIterations)
            logger.LogWarning("SignIn:PasswordHashIterations is {Iterations}, below the recommended {Recommended}: new password hashes are weaker", iterations, RecommendedIterations);
        _hasher = new PasswordHasher<Account>(Options.Create(new PasswordHasherOptions { IterationCount = iterations }));
        _hashOfNoAccount = new(() => Hash("not-a-real-password-0"));
    }

    public string Hash(string password) => _hasher.HashPassword(null!, password);

    public bool Verify(string hash, string password) =>
        !string.IsNullOrEmpty(hash) && _hasher.VerifyHashedPassword(null!, hash, password) != PasswordVerificationResult.Failed;

    /// <summary>Spends the time of a password check when there is no account to check, so that answers do not reveal which e-mails exist.</summary>
    public void VerifyAgainstNoAccount(string password) => Verify(_hashOfNoAccount.Value, password);
}
