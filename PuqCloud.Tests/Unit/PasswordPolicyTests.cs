using PuqCloud.Core.Security;

namespace PuqCloud.Tests.Unit;

public sealed class PasswordPolicyTests
{
    [Theory]
    [InlineData("Correct-horse-42")]
    [InlineData("long enough phrase 7")]
    [InlineData("abcdefgh12")]
    public void Accepts_long_passwords_with_letters_and_digits(string password) =>
        PasswordPolicy.Check(password, "someone@example.test").Should().BeEmpty();

    [Theory]
    [InlineData(null, "Enter a password.")]
    [InlineData("", "Enter a password.")]
    [InlineData("short1", "at least 10")]
    [InlineData("onlyletterslong", "letters and digits")]
    [InlineData("1234567890123", "letters and digits")]
    [InlineData("aaaaaaaaa1", "different characters")]
    [InlineData("marek.nowak2024", "e-mail")]
    public void Refuses_weak_passwords_with_a_reason(string? password, string reason) =>
        PasswordPolicy.Check(password, "marek.nowak@example.test").Should().Contain(p => p.Contains(reason));

    [Fact]
    public void Refuses_overlong_passwords() =>
        PasswordPolicy.Check(new string('a', 120) + "1234567890", null).Should().Contain(p => p.Contains("at most"));
}
