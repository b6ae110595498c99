namespace PuqCloud.Core.Security;

/// <summary>
/// The one password rule of the product, for staff and client users alike: long enough, letters and
/// digits, not the e-mail address. Length matters more than symbols (NIST SP 800-63B).
/// </summary>
public static class PasswordPolicy
{
    public const int MinLength = 10;
    public const int MaxLength = 128;

    /// <summary>Problems with the password, in words a person can act on; empty when it is acceptable.</summary>
    public static IReadOnlyList<string> Check(string? password, string? email = null)
    {
        var problems = new List<string>();
        if (string.IsNullOrEmpty(password))
        {
            problems.Add("Enter a password.");
            return problems;
        }
        if (password.Length < MinLength) problems.Add($"Use at least {MinLength} characters.");
        if (password.Length > MaxLength) problems.Add($"Use at most {MaxLength} characters.");
        if (!password.Any(char.IsLetter) || !password.Any(char.IsDigit)) problems.Add("Use both letters and digits.");
        if (password.Distinct().Count() < 4) problems.Add("Use more different characters.");
        if (!string.IsNullOrWhiteSpace(email))
        {
            var local = email.Split('@')[0];
            if (local.Length >= 3 && password.Contains(local, StringComparison.OrdinalIgnoreCase))
                problems.Add("Do not use your e-mail address in the password.");
        }
        return problems;
    }
}
