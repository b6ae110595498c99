using System.Buffers.Binary;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using PuqCloud.Core.Security;

namespace PuqCloud.Tests.Unit;

/// <summary>The iteration count of new password hashes is configurable (the tests lower it); every stored hash keeps verifying.</summary>
public sealed class PasswordHashingTests
{
    private static PasswordHashing WithIterations(int? iterations) =>
        new(Options.Create(iterations is { } count ? new SignInOptions { PasswordHashIterations = count } : new SignInOptions()), NullLogger<PasswordHashing>.Instance);

    /// <summary>Identity's V3 format: a marker byte, the PRF (4 bytes), then the iteration count (4 bytes, big-endian).</summary>
    private static int IterationsOf(string hash) => (int)BinaryPrimitives.ReadUInt32BigEndian(Convert.FromBase64String(hash).AsSpan(5, 4));

    [Fact]
    public void New_hashes_use_the_framework_count_unless_configured()
    {
        IterationsOf(WithIterations(null).Hash("Correct-horse-42")).Should().Be(100_000);
        IterationsOf(WithIterations(1_000).Hash("Correct-horse-42")).Should().Be(1_000);
    }

    [Fact]
    public void A_hash_verifies_by_its_own_count_whatever_the_configured_one()
    {
        var weak = WithIterations(1_000).Hash("Correct-horse-42");
        var strong = WithIterations(null);

        strong.Verify(weak, "Correct-horse-42").Should().BeTrue();
        strong.Verify(weak, "Correct-horse-43").Should().BeFalse();
        strong.Verify("", "Correct-horse-42").Should().BeFalse();
    }
}
