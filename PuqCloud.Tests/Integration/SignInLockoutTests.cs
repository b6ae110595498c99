using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PuqCloud.Core.Common;
using PuqCloud.Core.Features.Auth;
using PuqCloud.Core.Features.Staff.MyAccount;
using PuqCloud.Core.Security;
using PuqCloud.Tests.Support;

namespace PuqCloud.Tests.Integration;

/// <summary>
/// Lockout is per account and address: wrong passwords from one address lock that address out of the account, not
/// the owner elsewhere; and an e-mail address nobody has gets exactly the answers an existing one gets.
/// </summary>
public abstract class SignInLockoutTests(PuqAppFactory app)
{
    private readonly PuqAppFactory _app = app;

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

    /// <summary>A staff member with two-factor on, and how to read their authenticator.</summary>
    private async Task<(Guid Id, string Email, Func<string> Code)> StaffWithTwoFactorAsync()
    {
        var email = $"totp-{Guid.NewGuid():N}@example.test";
        var staff = await _app.AddStaffAsync(email, "Owner-password-2026", superAdmin: false);
        var secret = Totp.NewSecret();
        var protectedKey = _app.Services.GetRequiredService<ISecretProtector>().Protect(Base32.Encode(secret));
        await using (var db = _app.CreateDbContext())
            await db.StaffAccounts.Where(s => s.Id == staff.Id).ExecuteUpdateAsync(u => u.SetProperty(s => s.TotpSecret, protectedKey).SetProperty(s => s.TwoFactorEnabled, true));
        return (staff.Id, email, () => Totp.Compute(secret, Totp.StepAt(DateTimeOffset.UtcNow)));
    }

    private static string WrongCode(string right) => right == "000000" ? "111111" : "000000";

    /// <summary>
    /// Whoever reaches the code step holds the password; wrong codes were limited per address only, so one with many
    /// addresses (an IPv6 range) could guess on. Five wrong codes now stop the account's code step from anywhere.
    /// </summary>
    [Fact]
    public async Task Wrong_codes_from_many_addresses_stop_the_account_s_code_step()
    {
        var (id, _, code) = await StaffWithTwoFactorAsync();
        var answers = new List<SignInResult>();
        foreach (var ip in new[] { "2001:db8::1", "2001:db8::2", "2001:db8::3", "2001:db8::4", "2001:db8::5" })
            answers.Add(await _app.SendAnonymousFromAsync(ip, new CompleteStaffSignIn(id, WrongCode(code()))));

        answers.Take(4).Should().OnlyContain(a => a.Outcome == SignInOutcome.Failed);
        answers[4].Outcome.Should().Be(SignInOutcome.LockedOut);
        (await _app.SendAnonymousFromAsync("2001:db8::6", new CompleteStaffSignIn(id, code()))).Outcome.Should().Be(SignInOutcome.LockedOut, "the right code waits too");

        // Codes have a count of their own: whoever guesses them cannot keep the owner from changing the password meanwhile.
        await _app.SendAsStaffAsync(id, new ChangeMyPassword("Owner-password-2026", "Changed-password-2027", "Changed-password-2027"));
    }

    /// <summary>Codes sent at once are checked one after another: none slips past the count, and one code is taken once.</summary>
    [Fact]
    public async Task Codes_sent_at_once_are_counted_one_after_another()
    {
        var (id, _, code) = await StaffWithTwoFactorAsync();
        var wrong = await Task.WhenAll(Enumerable.Range(0, 10).Select(i => _app.SendAnonymousFromAsync($"198.51.100.{i + 1}", new CompleteStaffSignIn(id, WrongCode(code())))));
        wrong.Count(a => a.Outcome == SignInOutcome.Failed).Should().Be(4, "the fifth wrong code locks the code step and the rest find it locked");

        var (other, _, otherCode) = await StaffWithTwoFactorAsync();
        var right = otherCode();
        var same = await Task.WhenAll(Enumerable.Range(0, 2).Select(i => _app.SendAnonymousFromAsync($"192.0.2.{i + 1}", new CompleteStaffSignIn(other, right))));
        same.Count(a => a.Outcome == SignInOutcome.Succeeded).Should().Be(1, "a code is never taken twice");
    }

    /// <summary>Turning two-factor off from an open session takes five wrong codes at most, then none for a while.</summary>
    [Fact]
    public async Task Wrong_codes_to_turn_two_factor_off_are_limited()
    {
        var (id, _, code) = await StaffWithTwoFactorAsync();
        for (var i = 0; i < 5; i++)
            await _app.Invoking(a => a.SendAsStaffAsync(id, new DisableTwoFactor(WrongCode(code())))).Should().ThrowAsync<RequestValidationException>();
        await _app.Invoking(a => a.SendAsStaffAsync(id, new DisableTwoFactor(code()))).Should().ThrowAsync<TooManyAttemptsException>();
        await using var db = _app.CreateDbContext();
        (await db.StaffAccounts.SingleAsync(s => s.Id == id)).TwoFactorEnabled.Should().BeTrue();
    }

    /// <summary>Guesses to turn two-factor off sent at once (several tabs of a copied session) are counted one after another too.</summary>
    [Fact]
    public async Task Guesses_to_turn_two_factor_off_sent_at_once_are_counted_one_after_another()
    {
        var (id, _, code) = await StaffWithTwoFactorAsync();
        var outcomes = await Task.WhenAll(Enumerable.Range(0, 10).Select(async _ =>
        {
            try
            {
                await _app.SendAsStaffAsync(id, new DisableTwoFactor(WrongCode(code())));
                return "disabled";
            }
            catch (RequestValidationException) { return "wrong"; }
            catch (TooManyAttemptsException) { return "paused"; }
        }));
        outcomes.Count(o => o == "wrong").Should().Be(5, "the fifth wrong code pauses the rest");
    }

    /// <summary>A client login anyone may sign up under a staff member's address no longer resets the staff count.</summary>
    [Fact]
    public async Task A_client_login_s_success_does_not_reset_a_staff_account_s_failures()
    {
        var email = $"shared-{Guid.NewGuid():N}@example.test";
        await _app.AddStaffAsync(email, "Owner-password-2026", superAdmin: false);
        const string ip = "203.0.113.99";
        for (var i = 0; i < 4; i++) (await SignInAsync(ip, email, "guess-" + i)).Outcome.Should().Be(SignInOutcome.Failed);
        await _app.SendAnonymousFromAsync(ip, await _app.SignUpRequestAsync(email));
        (await _app.SendAnonymousFromAsync(ip, new SignInClientUser(email, ClientAreaSession.Password))).Outcome.Should().Be(SignInOutcome.Succeeded);

        (await SignInAsync(ip, email, "guess-5")).Outcome.Should().Be(SignInOutcome.LockedOut);
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

public sealed class SqliteSignInLockoutTests(SqliteAppFixture fixture) : SignInLockoutTests(fixture.App), IClassFixture<SqliteAppFixture>;

public sealed class PostgresSignInLockoutTests(PostgresAppFixture fixture) : SignInLockoutTests(fixture.App), IClassFixture<PostgresAppFixture>;
