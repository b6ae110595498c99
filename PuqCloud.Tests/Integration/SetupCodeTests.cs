using Microsoft.EntityFrameworkCore;
using PuqCloud.Core.Common;
using PuqCloud.Core.Features.Setup;
using PuqCloud.Tests.Support;

namespace PuqCloud.Tests.Integration;

/// <summary>
/// A fresh install is set up by whoever can read its log: the setup page asks for the code the console wrote there at
/// start, so a stranger who finds the address first cannot make themselves its super admin.
/// </summary>
public sealed class SetupCodeTests
{
    private static CreateFirstAdmin Setup(string code) =>
        new("ada@example.test", "Ada", "Lovelace", "Analytical-engine-1843", "Analytical-engine-1843", code);

    [Fact]
    public async Task Only_the_code_in_the_log_creates_the_first_administrator_and_it_is_gone_afterwards()
    {
        await using var app = await PuqAppFactory.StartAsync(TestDatabase.Sqlite, bootstrapAdmin: false);
        var logged = app.SetupCodeFromLog();
        logged.Should().MatchRegex("^[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}$");

        var missing = await FluentActions.Awaiting(() => app.SendAnonymousAsync(Setup(""))).Should().ThrowAsync<RequestValidationException>();
        missing.Which.Errors.Should().ContainKey("SetupCode");
        var wrong = await FluentActions.Awaiting(() => app.SendAnonymousAsync(Setup(SetupCode.NewCode()))).Should().ThrowAsync<RequestValidationException>();
        wrong.Which.Errors["SetupCode"].Should().ContainSingle().Which.Should().Contain("not the setup code");
        (await app.SendAnonymousAsync(new GetSetupState())).Should().BeTrue("a wrong code creates nothing");

        // As people copy it: lower case, with spaces for hyphens.
        await app.SendAnonymousAsync(Setup(logged.ToLowerInvariant().Replace('-', ' ')));

        (await app.SendAnonymousAsync(new GetSetupState())).Should().BeFalse();
        await using var db = app.CreateDbContext();
        (await db.StaffAccounts.SingleAsync()).Email.Should().Be("ada@example.test");
        (await db.Settings.AnyAsync(s => s.Key == SetupCode.SettingKey)).Should().BeFalse("the code is of no use once an administrator exists");
    }

    [Fact]
    public async Task A_restart_before_setup_keeps_the_code_and_configuration_can_choose_it()
    {
        var app = await PuqAppFactory.StartAsync(TestDatabase.Sqlite, bootstrapAdmin: false, settings: new Dictionary<string, string?> { [SetupCode.Configuration] = "puq7 test 9set" });
        try
        {
            app.SetupCodeFromLog().Should().Be("PUQ7-TEST-9SET");
            app = await app.RestartAsync();
            app.SetupCodeFromLog().Should().Be("PUQ7-TEST-9SET", "every start (and every node) names the one stored code");
            // An operator who lost the log chooses another code and starts again: that one counts.
            await using (var db = app.CreateDbContext())
                (await SetupCode.EnsureAsync(db, "NEWC-ODE2-2026", DateTime.UtcNow, CancellationToken.None)).Should().Be("NEWC-ODE2-2026");
            await FluentActions.Awaiting(() => app.SendAnonymousAsync(Setup("PUQ7TEST9SET"))).Should().ThrowAsync<RequestValidationException>();
            await app.SendAnonymousAsync(Setup("NEWC-ODE2-2026"));
            (await app.SendAnonymousAsync(new GetSetupState())).Should().BeFalse();
        }
        finally
        {
            await app.DisposeAsync();
        }
    }

    [Fact]
    public async Task Bootstrap_configuration_needs_no_code_and_leaves_none_behind()
    {
        await using var app = await PuqAppFactory.StartAsync(TestDatabase.Sqlite);
        await using var db = app.CreateDbContext();
        (await db.StaffAccounts.CountAsync()).Should().Be(1);
        (await db.Settings.AnyAsync(s => s.Key == SetupCode.SettingKey)).Should().BeFalse();
    }

    [Theory]
    [InlineData(TestDatabase.Sqlite)]
    [InlineData(TestDatabase.Postgres)]
    public async Task Nodes_starting_at_once_agree_on_one_random_code(TestDatabase database)
    {
        await using var app = await PuqAppFactory.StartAsync(database);
        var codes = await Task.WhenAll(Enumerable.Range(0, 6).Select(async _ =>
        {
            await using var db = app.CreateDbContext();
            return await SetupCode.EnsureAsync(db, null, DateTime.UtcNow, CancellationToken.None);
        }));
        codes.Distinct().Should().ContainSingle();
        await using var check = app.CreateDbContext();
        (await check.Settings.Where(s => s.Key == SetupCode.SettingKey).Select(s => s.Value).SingleAsync()).Should().Be(codes[0]);
    }

    [Theory]
    [InlineData("short-code")]
    [InlineData("ABCD-EFGH-JKM!")]
    public async Task A_configured_code_shorter_than_twelve_letters_and_digits_is_refused(string configured)
    {
        await using var app = await PuqAppFactory.StartAsync(TestDatabase.Sqlite);
        await using var db = app.CreateDbContext();
        await FluentActions.Awaiting(() => SetupCode.EnsureAsync(db, configured, DateTime.UtcNow, CancellationToken.None))
            .Should().ThrowAsync<InvalidOperationException>().WithMessage("*at least 12 letters and digits*");
    }

    [Fact]
    public void Codes_are_compared_as_typed_in_any_case_and_grouping()
    {
        SetupCode.Matches("ABCD-EFGH-JKMN", "abcd efgh jkmn").Should().BeTrue();
        SetupCode.Matches("ABCD-EFGH-JKMN", " ABCDEFGHJKMN ").Should().BeTrue();
        SetupCode.Matches("ABCD-EFGH-JKMN", "ABCD-EFGH-JKMP").Should().BeFalse();
        SetupCode.Matches("ABCD-EFGH-JKMN", "ABCD-EFGH").Should().BeFalse();
        SetupCode.Matches(null, "").Should().BeFalse("no stored code matches nothing");
        SetupCode.NewCode().Should().NotBe(SetupCode.NewCode());
    }
}
