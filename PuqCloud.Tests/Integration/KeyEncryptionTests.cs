using System.Security.Cryptography;
using System.Xml.Linq;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PuqCloud.Core.Security;
using PuqCloud.Tests.Support;

namespace PuqCloud.Tests.Integration;

/// <summary>
/// The Data Protection key ring (which protects cookies and stored secrets) is encrypted before it reaches the
/// database: with `DataProtection:KeyEncryptionKey`, required outside Development, or a key file in Development.
/// </summary>
public sealed class KeyEncryptionTests
{
    [Theory]
    [InlineData(null, "Set DataProtection:KeyEncryptionKey")]
    [InlineData("not base64!", "not Base64")]
    [InlineData("AAECAwQFBgcICQ==", "holds 10 bytes, not 32")]
    public async Task Outside_development_the_console_refuses_to_start_without_a_proper_key_and_says_why(string? key, string reason)
    {
        var start = () => PuqAppFactory.StartAsync(TestDatabase.Sqlite, environment: "Production",
            settings: new Dictionary<string, string?> { ["Site:PublicUrl"] = "https://billing.example.test", [KeyEncryptionKey.Setting] = key ?? "" });

        (await start.Should().ThrowAsync<InvalidOperationException>()).Which.Message.Should().Contain(reason);
    }

    [Fact]
    public async Task With_a_configured_key_the_ring_is_stored_encrypted_and_still_opens_after_a_restart()
    {
        var app = await PuqAppFactory.StartAsync(TestDatabase.Sqlite, environment: "Production",
            settings: new Dictionary<string, string?> { ["Site:PublicUrl"] = "https://billing.example.test" });
        try
        {
            var protectedText = app.Services.GetRequiredService<ISecretProtector>().Protect("a module's API key");

            await AssertRingEncryptedAsync(app, KeyEncryptionKey.FromBase64(PuqAppFactory.TestKeyEncryptionKey).Id);
            app = await app.RestartAsync();
            app.Services.GetRequiredService<ISecretProtector>().Unprotect(protectedText).Should().Be("a module's API key");
            (await LogTextAsync(app)).Should().NotContain("No XML encryptor configured");
        }
        finally
        {
            await app.DisposeAsync();
        }
    }

    [Fact]
    public async Task In_development_without_a_key_the_ring_is_encrypted_with_a_key_file_of_the_data_folder()
    {
        await using var app = await PuqAppFactory.StartAsync(TestDatabase.Sqlite);
        app.Services.GetRequiredService<ISecretProtector>().Protect("anything");

        var file = Path.Combine(app.DataPath, KeyEncryptionKey.DevelopmentFileName);
        File.Exists(file).Should().BeTrue();
        if (!OperatingSystem.IsWindows()) File.GetUnixFileMode(file).Should().Be(UnixFileMode.UserRead | UnixFileMode.UserWrite);
        await AssertRingEncryptedAsync(app, KeyEncryptionKey.FromBase64(await File.ReadAllTextAsync(file)).Id);
    }

    [Fact]
    public void A_ring_encrypted_with_another_key_is_refused_with_the_reason()
    {
        var first = KeyEncryptionKey.FromBase64(Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)));
        var second = KeyEncryptionKey.FromBase64(Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)));
        var key = new XElement("key", new XElement("masterKey", "secret material"));
        var encrypted = new KeyEncryptionXmlEncryptor(first).Encrypt(key).EncryptedElement;

        encrypted.ToString().Should().NotContain("secret material");
        new KeyEncryptionXmlDecryptor(Provider(first)).Decrypt(encrypted).ToString().Should().Be(key.ToString());
        FluentActions.Invoking(() => new KeyEncryptionXmlDecryptor(Provider(second)).Decrypt(encrypted))
            .Should().Throw<CryptographicException>().WithMessage($"*{first.Id}*{second.Id}*");

        static IServiceProvider Provider(KeyEncryptionKey key) => new ServiceCollection().AddSingleton(key).BuildServiceProvider();
    }

    private static async Task AssertRingEncryptedAsync(PuqAppFactory app, string keyId)
    {
        await using var db = app.CreateDbContext();
        var ring = await db.DataProtectionKeys.AsNoTracking().Select(k => k.Xml).ToListAsync();
        ring.Should().NotBeEmpty();
        ring.Should().AllSatisfy(xml =>
        {
            xml.Should().Contain($"kek=\"{keyId}\"");
            xml.Should().NotContain("<masterKey", "the key material is inside the encrypted element only");
        });
    }

    private static async Task<string> LogTextAsync(PuqAppFactory app)
    {
        var text = new System.Text.StringBuilder();
        foreach (var file in Directory.EnumerateFiles(Path.Combine(app.DataPath, "logs")))
        {
            await using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            using var reader = new StreamReader(stream);
            text.Append(await reader.ReadToEndAsync());
        }
        return text.ToString();
    }
}
