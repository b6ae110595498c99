using System.Security.Cryptography;
using System.Text;
using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.XmlEncryption;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using PuqCloud.Core.Persistence;

namespace PuqCloud.Core.Security;

/// <summary>
/// The key that encrypts the Data Protection key ring before it is written to the database (the ring protects
/// sign-in cookies, two-factor secrets and module secrets, so a copy of the database alone must not reveal it).
/// 32 bytes from `DataProtection:KeyEncryptionKey` (Base64); in Development without one, a key file in the data folder.
/// </summary>
public sealed class KeyEncryptionKey
{
    public const string Setting = "DataProtection:KeyEncryptionKey";
    public const string DevelopmentFileName = "key-encryption.key";

    public const string MissingMessage =
        "Set DataProtection:KeyEncryptionKey to 32 random bytes in Base64 (for example the output of `openssl rand -base64 32`): " +
        "outside Development the Data Protection keys, which protect sign-in cookies and stored secrets, are encrypted with it " +
        "before they are stored in the database. Every node needs the same value; keep it apart from the database and its backups.";

    private KeyEncryptionKey(byte[] key)
    {
        Key = key;
        Id = Convert.ToHexString(SHA256.HashData(key))[..12].ToLowerInvariant();
    }

    internal byte[] Key { get; }

    /// <summary>Names the key (a hash prefix, not the key) so that a ring encrypted with another one says so.</summary>
    public string Id { get; }

    /// <summary>The configured key; a wrong value is refused with the reason.</summary>
    public static KeyEncryptionKey FromBase64(string text)
    {
        byte[] key;
        try
        {
            key = Convert.FromBase64String(text.Trim());
        }
        catch (FormatException)
        {
            throw new InvalidOperationException($"{Setting} is not Base64. {MissingMessage}");
        }
        return key.Length == 32 ? new KeyEncryptionKey(key) : throw new InvalidOperationException($"{Setting} holds {key.Length} bytes, not 32. {MissingMessage}");
    }

    /// <summary>Development only: the key kept in the data folder, made on first start (readable by this user alone).</summary>
    public static KeyEncryptionKey DevelopmentKey(string dataPath)
    {
        var file = Path.Combine(dataPath, DevelopmentFileName);
        if (!File.Exists(file))
        {
            Directory.CreateDirectory(dataPath);
            try
            {
                using var stream = new FileStream(file, FileMode.CreateNew, FileAccess.Write, FileShare.None);
                stream.Write(Encoding.ASCII.GetBytes(Convert.ToBase64String(RandomNumberGenerator.GetBytes(32))));
                if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(file, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            }
            catch (IOException) when (File.Exists(file))
            {
                // Another process of this installation made it first.
            }
        }
        return FromBase64(File.ReadAllText(file));
    }

    internal byte[] Encrypt(byte[] plaintext)
    {
        // nonce (12) | tag (16) | ciphertext, AES-256-GCM with the purpose as associated data.
        var output = new byte[12 + 16 + plaintext.Length];
        var nonce = output.AsSpan(0, 12);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(Key, 16);
        aes.Encrypt(nonce, plaintext, output.AsSpan(28), output.AsSpan(12, 16), Purpose);
        return output;
    }

    internal byte[] Decrypt(byte[] sealedBytes)
    {
        if (sealedBytes.Length < 28) throw new CryptographicException("The encrypted Data Protection key is truncated.");
        var plaintext = new byte[sealedBytes.Length - 28];
        using var aes = new AesGcm(Key, 16);
        aes.Decrypt(sealedBytes.AsSpan(0, 12), sealedBytes.AsSpan(28), sealedBytes.AsSpan(12, 16), plaintext, Purpose);
        return plaintext;
    }

    private static readonly byte[] Purpose = "PuqCloud.DataProtection.KeyRing.v1"u8.ToArray();
}

public static class KeyEncryptionSetup
{
    /// <summary>
    /// Registers the <see cref="KeyEncryptionKey"/> from `DataProtection:KeyEncryptionKey`; outside Development the console
    /// does not start without it (or with a malformed one) and says why; Development without one keeps a key file in the data folder.
    /// </summary>
    public static IServiceCollection AddKeyEncryption(this IServiceCollection services, IConfiguration configuration, bool development)
    {
        if (configuration[KeyEncryptionKey.Setting] is { Length: > 0 } configured)
            return services.AddSingleton(KeyEncryptionKey.FromBase64(configured));
        if (!development) throw new InvalidOperationException(KeyEncryptionKey.MissingMessage);
        return services.AddSingleton(sp => KeyEncryptionKey.DevelopmentKey(sp.GetRequiredService<DatabaseOptions>().DataPath));
    }
}

/// <summary>Encrypts each new Data Protection key with the <see cref="KeyEncryptionKey"/> before the repository stores it.</summary>
public sealed class KeyEncryptionXmlEncryptor(KeyEncryptionKey key) : IXmlEncryptor
{
    internal const string ElementName = "puqEncryptedKey";

    public EncryptedXmlInfo Encrypt(XElement plaintextElement)
    {
        var bytes = Encoding.UTF8.GetBytes(plaintextElement.ToString(SaveOptions.DisableFormatting));
        var element = new XElement(ElementName, new XAttribute("kek", key.Id), Convert.ToBase64String(key.Encrypt(bytes)));
        return new EncryptedXmlInfo(element, typeof(KeyEncryptionXmlDecryptor));
    }
}

/// <summary>Made by Data Protection (through its IServiceProvider constructor) when it reads an encrypted key.</summary>
public sealed class KeyEncryptionXmlDecryptor(IServiceProvider services) : IXmlDecryptor
{
    public XElement Decrypt(XElement encryptedElement)
    {
        var key = services.GetRequiredService<KeyEncryptionKey>();
        var used = (string?)encryptedElement.Attribute("kek");
        if (used != key.Id)
            throw new CryptographicException(
                $"A Data Protection key was encrypted with the key-encryption key {used}, but {KeyEncryptionKey.Setting} is {key.Id}: configure the key this installation was started with.");
        return XElement.Parse(Encoding.UTF8.GetString(key.Decrypt(Convert.FromBase64String(encryptedElement.Value))));
    }
}
