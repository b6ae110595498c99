using System.Security.Cryptography;
using System.Text;
using PuqCloud.Core.Security;

namespace PuqCloud.Tests.Unit;

public sealed class TotpTests
{
    private static readonly byte[] Sha1Seed = Encoding.ASCII.GetBytes("12345678901234567890");
    private static readonly byte[] Sha256Seed = Encoding.ASCII.GetBytes("12345678901234567890123456789012");
    private static readonly byte[] Sha512Seed = Encoding.ASCII.GetBytes("1234567890123456789012345678901234567890123456789012345678901234");

    /// <summary>The test vectors of RFC 6238, appendix B (8 digits, 30-second steps).</summary>
    [Theory]
    [InlineData(59L, "94287082", "46119246", "90693936")]
    [InlineData(1111111109L, "07081804", "68084774", "25091201")]
    [InlineData(1111111111L, "14050471", "67062674", "99943326")]
    [InlineData(1234567890L, "89005924", "91819424", "93441116")]
    [InlineData(2000000000L, "69279037", "90698825", "38618901")]
    [InlineData(20000000000L, "65353130", "77737706", "47863826")]
    public void Matches_the_rfc_6238_vectors(long unixSeconds, string sha1, string sha256, string sha512)
    {
        var step = Totp.StepAt(DateTimeOffset.FromUnixTimeSeconds(unixSeconds));

        Totp.Compute(Sha1Seed, step, 8).Should().Be(sha1);
        Totp.Compute(Sha256Seed, step, 8, HashAlgorithmName.SHA256).Should().Be(sha256);
        Totp.Compute(Sha512Seed, step, 8, HashAlgorithmName.SHA512).Should().Be(sha512);
    }

    [Fact]
    public void Accepts_the_current_code_and_one_step_of_clock_skew_either_way()
    {
        var now = DateTimeOffset.FromUnixTimeSeconds(1_700_000_000);
        var step = Totp.StepAt(now);

        Totp.Verify(Sha1Seed, Totp.Compute(Sha1Seed, step), now, null).Should().Be(step);
        Totp.Verify(Sha1Seed, Totp.Compute(Sha1Seed, step - 1), now, null).Should().Be(step - 1);
        Totp.Verify(Sha1Seed, Totp.Compute(Sha1Seed, step + 1), now, null).Should().Be(step + 1);
        Totp.Verify(Sha1Seed, Totp.Compute(Sha1Seed, step - 2), now, null).Should().BeNull();
        Totp.Verify(Sha1Seed, Totp.Compute(Sha1Seed, step + 2), now, null).Should().BeNull();
    }

    [Fact]
    public void Never_accepts_a_step_at_or_before_the_last_used_one()
    {
        var now = DateTimeOffset.FromUnixTimeSeconds(1_700_000_000);
        var step = Totp.StepAt(now);
        var code = Totp.Compute(Sha1Seed, step);

        Totp.Verify(Sha1Seed, code, now, lastUsedStep: step).Should().BeNull();
        Totp.Verify(Sha1Seed, Totp.Compute(Sha1Seed, step - 1), now, lastUsedStep: step - 1).Should().BeNull();
        Totp.Verify(Sha1Seed, code, now, lastUsedStep: step - 1).Should().Be(step);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("12345")]
    [InlineData("1234567")]
    [InlineData("abcdef")]
    public void Refuses_malformed_codes(string? code) =>
        Totp.Verify(Sha1Seed, code, DateTimeOffset.UtcNow, null).Should().BeNull();

    [Fact]
    public void Tolerates_spaces_in_a_typed_code()
    {
        var now = DateTimeOffset.UtcNow;
        var code = Totp.Compute(Sha1Seed, Totp.StepAt(now));

        Totp.Verify(Sha1Seed, code[..3] + " " + code[3..], now, null).Should().NotBeNull();
    }

    /// <summary>RFC 4648 section 10 vectors, without padding.</summary>
    [Theory]
    [InlineData("", "")]
    [InlineData("f", "MY")]
    [InlineData("fo", "MZXQ")]
    [InlineData("foo", "MZXW6")]
    [InlineData("foob", "MZXW6YQ")]
    [InlineData("fooba", "MZXW6YTB")]
    [InlineData("foobar", "MZXW6YTBOI")]
    public void Base32_matches_rfc_4648(string text, string encoded)
    {
        Base32.Encode(Encoding.ASCII.GetBytes(text)).Should().Be(encoded);
        Encoding.ASCII.GetString(Base32.Decode(encoded)).Should().Be(text);
        Encoding.ASCII.GetString(Base32.Decode(encoded.ToLowerInvariant() + "==")).Should().Be(text);
    }

    [Fact]
    public void Provisioning_uri_names_issuer_account_and_secret()
    {
        var uri = Totp.ProvisioningUri("PuqCloud", "admin@example.test", Sha1Seed);

        uri.Should().StartWith("otpauth://totp/PuqCloud:admin%40example.test?secret=" + Base32.Encode(Sha1Seed));
        uri.Should().Contain("issuer=PuqCloud").And.Contain("digits=6").And.Contain("period=30");
    }
}
