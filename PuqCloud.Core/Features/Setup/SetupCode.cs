using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using PuqCloud.Core.Domain.Settings;
using PuqCloud.Core.Persistence;

namespace PuqCloud.Core.Features.Setup;

/// <summary>
/// The one-time code the setup page asks for, so that a fresh install belongs to whoever can read its log, not to the
/// first stranger who finds the address. Each node writes the same code (one row in Settings) to its log at start while
/// no staff account exists; `Setup:Code` in configuration chooses it instead (at least 12 letters and digits). The row
/// goes with the first administrator.
/// </summary>
public static class SetupCode
{
    public const string SettingKey = "setup.code";
    public const string Configuration = "Setup:Code";
    public const int MinimumLength = 12;

    // Letters and digits nobody confuses when copying from a terminal (no 0/O, 1/I/L, U).
    private const string Alphabet = "ABCDEFGHJKMNPQRSTVWXYZ23456789";

    /// <summary>Twelve characters (about 59 bits), written in groups of four.</summary>
    public static string NewCode()
    {
        var characters = new char[MinimumLength];
        for (var i = 0; i < characters.Length; i++) characters[i] = Alphabet[RandomNumberGenerator.GetInt32(Alphabet.Length)];
        return Format(new string(characters));
    }

    /// <summary>What a person typed, as compared: upper case, without spaces and hyphens.</summary>
    public static string Normalize(string? typed) =>
        new((typed ?? "").Where(c => !char.IsWhiteSpace(c) && c != '-').Select(char.ToUpperInvariant).ToArray());

    /// <summary>Groups of four, hyphenated, as the log shows it.</summary>
    public static string Format(string code)
    {
        var normalized = Normalize(code);
        return string.Join('-', Enumerable.Range(0, (normalized.Length + 3) / 4).Select(i => normalized.Substring(i * 4, Math.Min(4, normalized.Length - i * 4))));
    }

    /// <summary>
    /// The stored code, made now (from configuration, or at random) when there is none; two nodes starting at once keep one.
    /// A code chosen in configuration replaces the stored one (an operator who lost the log sets one and starts again).
    /// </summary>
    public static async Task<string> EnsureAsync(AppDbContext db, string? configured, DateTime now, CancellationToken cancellationToken)
    {
        var chosen = string.IsNullOrWhiteSpace(configured) ? null
            : Normalize(configured).Length >= MinimumLength && Normalize(configured).All(char.IsAsciiLetterOrDigit) ? Format(configured)
            : throw new InvalidOperationException($"{Configuration} must have at least {MinimumLength} letters and digits (spaces and hyphens are ignored).");
        if (await db.Settings.FirstOrDefaultAsync(s => s.Key == SettingKey, cancellationToken) is { } row)
        {
            if (chosen is null || row.Value == chosen) return row.Value!;
            row.Value = chosen;
            row.UpdatedAt = now;
            await db.SaveChangesAsync(cancellationToken);
            return chosen;
        }
        var code = chosen ?? NewCode();
        db.Settings.Add(new Setting { Key = SettingKey, Value = code, UpdatedAt = now });
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return code;
        }
        catch (DbUpdateException)
        {
            // Another node stored its code first: everybody uses that one.
            db.ChangeTracker.Clear();
            return await StoredAsync(db, cancellationToken) ?? throw new InvalidOperationException("The setup code could not be stored.");
        }
    }

    public static Task<string?> StoredAsync(AppDbContext db, CancellationToken cancellationToken) =>
        db.Settings.AsNoTracking().Where(s => s.Key == SettingKey).Select(s => s.Value).FirstOrDefaultAsync(cancellationToken);

    /// <summary>Whether the typed code is the stored one, compared in constant time.</summary>
    public static bool Matches(string? stored, string? typed)
    {
        if (string.IsNullOrEmpty(stored)) return false;
        var expected = Encoding.UTF8.GetBytes(Normalize(stored));
        var given = Encoding.UTF8.GetBytes(Normalize(typed));
        return CryptographicOperations.FixedTimeEquals(expected, given);
    }
}
