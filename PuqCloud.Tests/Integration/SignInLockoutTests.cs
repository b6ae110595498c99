using PuqCloud.Core.Features.Auth;
using PuqCloud.Core.Security;
using PuqCloud.Tests.Support;

namespace PuqCloud.Tests.Integration;

/// <summary>
/// Lockout is per account and address: wrong passwords from one address lock that address out of the account, not
/// the owner elsewhere; and an e-mail address nobody has gets exactly the answers an existing one gets.
/// </summary>
public sealed class SignInLockoutTests(SqliteAppFixture fixture) : IClassFixture<SqliteAppFixture>
{
    private readonly PuqAppFactory _app = fixture.App;

    private Task<SignInResult> SignInAsync(string ip, string email, string password) => _app.SendAnonymousFromAsync(ip, new SignInStaff(email, password));

    [Fact]
    public async Task Wrong_passwords_from_one_address_do_not_lock_the_owner_out_from_another()
    {
        var email = $"owner-{Guid.NewGuid():N}@example.test";
        await _app.AddStaffAsync(email, "Owner-password-2026", superAdmin: false);
        var answers = new List<SignInResult>();
        for (var i = 0; i < 5; i++) answers.Add(await SignInAsync("203.0.113.7", email, "guess-" + i));

        var attackerWithTheRightPassword = await SignInAsync("203.0.113.7", email, "Owner-password-2026");
        var owner = await SignInAsync("198.51.100.20", email, "Owner-password-2026");

        answers.Take(4).Should().OnlyContain(a => a.Outcome == SignInOutcome.Failed);
        answers[4].Outcome.Should().Be(SignInOutcome.LockedOut, "the fifth failure reaches the limit");
        attackerWithTheRightPassword.Outcome.Should().Be(SignInOutcome.LockedOut);
        attackerWithTheRightPassword.RetryAfter.Should().BeGreaterThan(TimeSpan.FromMinutes(14)).And.BeLessThanOrEqualTo(TimeSpan.FromMinutes(15));
        owner.Outcome.Should().Be(SignInOutcome.Succeeded, "the owner signs in from their own address");
    }

    [Fact]
    public async Task An_unknown_e_mail_address_gets_the_same_answers_as_a_known_one()
    {
        var known = $"known-{Guid.NewGuid():N}@example.test";
        var unknown = $"nobody-{Guid.NewGuid():N}@example.test";
        await _app.AddStaffAsync(known, "Known-password-2026", superAdmin: false);

        var toKnown = new List<SignInResult>();
        var toUnknown = new List<SignInResult>();
        for (var i = 0; i < 6; i++)
        {
            toKnown.Add(await SignInAsync("192.0.2.10", known, "guess-" + i));
            toUnknown.Add(await SignInAsync("192.0.2.11", unknown, "guess-" + i));
        }

        toUnknown.Select(a => (a.Outcome, a.Message)).Should().Equal(toKnown.Select(a => (a.Outcome, a.Message)));
        toUnknown.Last().Outcome.Should().Be(SignInOutcome.LockedOut);
    }
}
