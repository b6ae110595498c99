using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using PuqCloud.Core.Common;
using PuqCloud.Core.Features.ClientArea;
using PuqCloud.Core.Security;
using PuqCloud.Tests.Support;

namespace PuqCloud.Tests.Integration;

/// <summary>
/// The client API (/api/client/v1) with client users' tokens: a token acts as its user for the one client it was made
/// for, with the user's permissions there at the time of each call; staff tokens and client tokens never open each
/// other's API; revoking the token or taking the user out of the client ends it. SQLite and PostgreSQL.
/// </summary>
public abstract class ClientApiTests(PuqAppFactory app)
{
    [Fact]
    public async Task A_token_made_in_the_client_area_reads_who_it_acts_as_and_the_clients_profile()
    {
        var owner = await app.SignUpAsync(company: "Token Owner Ltd");
        var api = await app.ClientApiClientAsync(owner.UserId, owner.ClientId);

        var me = await (await api.GetAsync("/api/client/v1/me")).JsonAsync();
        me.GetProperty("user").GetProperty("email").GetString().Should().Be(owner.Email);
        me.GetProperty("client").GetProperty("clientId").GetGuid().Should().Be(owner.ClientId);
        me.GetProperty("client").GetProperty("isOwner").GetBoolean().Should().BeTrue();

        var profile = await (await api.GetAsync("/api/client/v1/profile")).JsonAsync();
        profile.GetProperty("companyName").GetString().Should().Be("Token Owner Ltd");

        // PUT changes only what it sends.
        var put = await api.PutAsJsonAsync("/api/client/v1/profile", new { phone = "+48 22 765 43 21" });
        put.StatusCode.Should().Be(HttpStatusCode.OK);
        var changed = await put.JsonAsync();
        changed.GetProperty("phone").GetString().Should().Be("+48 22 765 43 21");
        changed.GetProperty("companyName").GetString().Should().Be("Token Owner Ltd");
        changed.GetProperty("city").GetString().Should().Be("Warszawa");

        var bad = await api.PutAsJsonAsync("/api/client/v1/profile", new { firstName = "" });
        bad.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await bad.JsonAsync()).GetProperty("errors").GetProperty("firstName").EnumerateArray().Should().NotBeEmpty();
    }

    [Fact]
    public async Task The_token_carries_the_users_permissions_at_each_call_not_more()
    {
        var owner = await app.SignUpAsync();
        var memberEmail = $"member-{Guid.NewGuid():N}@example.test";
        var member = await app.InviteMemberAsync(owner, memberEmail, ClientPermissions.ViewTransactions);
        var api = await app.ClientApiClientAsync(member, owner.ClientId);

        (await api.GetAsync("/api/client/v1/users")).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await api.PutAsJsonAsync("/api/client/v1/profile", new { phone = "+48 22 111 22 33" })).StatusCode.Should().Be(HttpStatusCode.Forbidden);

        await app.SendAsClientAsync(owner.UserId, new SetClientMemberPermissions(owner.ClientId, member, [ClientPermissions.ManageUsers]));
        (await api.GetAsync("/api/client/v1/users")).StatusCode.Should().Be(HttpStatusCode.OK);

        // Out of the client, the token is out too.
        await app.SendAsClientAsync(owner.UserId, new RemoveMyClientMember(owner.ClientId, member));
        (await api.GetAsync("/api/client/v1/me")).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task A_token_acts_for_its_own_client_only_among_the_users_clients()
    {
        var first = await app.SignUpAsync(company: "First Client Ltd");
        var second = await app.SignUpAsync(company: "Second Client Ltd");
        // An existing user invited to another client becomes its member by accepting.
        await app.SendAsClientAsync(second.UserId, new InviteClientUser(second.ClientId, first.Email, null, null, [ClientPermissions.ModifyProfile]));
        await app.AcceptInvitationAsync(first.UserId, second.ClientId);

        var forFirst = await app.ClientApiClientAsync(first.UserId, first.ClientId);
        var forSecond = await app.ClientApiClientAsync(first.UserId, second.ClientId);

        (await (await forFirst.GetAsync("/api/client/v1/profile")).JsonAsync()).GetProperty("companyName").GetString().Should().Be("First Client Ltd");
        (await (await forSecond.GetAsync("/api/client/v1/profile")).JsonAsync()).GetProperty("companyName").GetString().Should().Be("Second Client Ltd");
        var tokens = await (await forFirst.GetAsync("/api/client/v1/tokens")).JsonAsync();
        tokens.GetArrayLength().Should().Be(1, "the tokens listed are those of the token's own client");
    }

    [Fact]
    public async Task Staff_tokens_do_not_open_the_client_api_and_client_tokens_do_not_open_the_admin_api()
    {
        var owner = await app.SignUpAsync();
        var clientApi = await app.ClientApiClientAsync(owner.UserId, owner.ClientId);
        var staff = await app.SuperAdminClientAsync();

        var refused = await staff.GetAsync("/api/client/v1/me");
        refused.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        refused.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        (await clientApi.GetAsync("/api/admin/v1/me")).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await app.CreateClient().GetAsync("/api/client/v1/me")).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task A_revoked_token_is_refused_at_once()
    {
        var owner = await app.SignUpAsync();
        var api = await app.ClientApiClientAsync(owner.UserId, owner.ClientId);
        var tokens = await app.SendAsClientAsync(owner.UserId, new ListMyClientApiTokens(owner.ClientId));
        tokens.Should().ContainSingle().Which.IsActive.Should().BeTrue();

        (await api.DeleteAsync($"/api/client/v1/tokens/{tokens[0].Id}")).StatusCode.Should().Be(HttpStatusCode.NoContent);

        (await api.GetAsync("/api/client/v1/me")).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await app.SendAsClientAsync(owner.UserId, new ListMyClientApiTokens(owner.ClientId))).Single().IsActive.Should().BeFalse();
    }

    /// <summary>A token that makes another through the API cannot outlive itself: a one-day token, or a stolen one, cannot renew itself for ever.</summary>
    [Fact]
    public async Task A_token_made_with_another_token_expires_no_later_than_it()
    {
        var owner = await app.SignUpAsync();
        var api = await app.ClientApiClientAsync(owner.UserId, owner.ClientId);
        var caller = (await app.SendAsClientAsync(owner.UserId, new ListMyClientApiTokens(owner.ClientId))).Single();

        var made = await api.PostAsJsonAsync("/api/client/v1/tokens", new { name = "Renewed", lifetimeDays = 365 });

        made.StatusCode.Should().Be(HttpStatusCode.Created, await made.Content.ReadAsStringAsync());
        var issued = await made.JsonAsync();
        issued.GetProperty("expiresAt").GetDateTime().Should().Be(caller.ExpiresAt, "the calling token expires in 30 days");
        var longer = await app.SendAsClientAsync(owner.UserId, new CreateClientApiToken(owner.ClientId, "Made signed in", 365));
        longer.ExpiresAt.Should().BeAfter(caller.ExpiresAt.AddDays(300), "a person signed in to the client area chooses freely");
    }

    /// <summary>
    /// A token made from a session someone else held must not outlive the change by which the account is taken back: the
    /// user's own password change ends their tokens, and so does staff setting a new password or e-mail address, which also
    /// spends a password link still waiting in the old mailbox.
    /// </summary>
    [Fact]
    public async Task A_password_or_address_change_ends_the_users_tokens_and_open_links()
    {
        var owner = await app.SignUpAsync();
        var ownerApi = await app.ClientApiClientAsync(owner.UserId, owner.ClientId);
        (await ownerApi.GetAsync("/api/client/v1/me")).StatusCode.Should().Be(HttpStatusCode.OK);
        await app.SendAsClientAsync(owner.UserId, new ChangeMyClientPassword(ClientAreaSession.Password, "Changed-password-7", "Changed-password-7"));
        (await ownerApi.GetAsync("/api/client/v1/me")).StatusCode.Should().Be(HttpStatusCode.Unauthorized, "the owner's own password change");

        var memberEmail = $"member-{Guid.NewGuid():N}@example.test";
        var member = await app.InviteMemberAsync(owner, memberEmail, ClientPermissions.ModifyProfile);
        var memberApi = await app.ClientApiClientAsync(member, owner.ClientId);
        await app.SendAnonymousAsync(new RequestPasswordReset(memberEmail));
        var oldMailboxLink = ClientAreaSession.TokenOf(await app.WaitForMailToAsync(memberEmail));
        var staff = await app.SuperAdminClientAsync();
        (await staff.PutAsJsonAsync($"/api/admin/v1/users/{member}", new { email = $"moved-{Guid.NewGuid():N}@example.test" })).StatusCode.Should().Be(HttpStatusCode.OK);
        (await memberApi.GetAsync("/api/client/v1/me")).StatusCode.Should().Be(HttpStatusCode.Unauthorized, "staff moved the login to another address");
        (await app.Invoking(a => a.SendAnonymousAsync(new ResetPassword(oldMailboxLink, "Taken-over-pass-1", "Taken-over-pass-1"))).Should().ThrowAsync<RuleViolationException>())
            .Which.Message.Should().Be(ResetPasswordHandler.InvalidLink);
    }

    /// <summary>
    /// Staff take back a client user's account by disabling it or turning its two-factor off: the user's tokens end for
    /// good then, as they do for staff. Only paused while the user was disabled, every token worked again once they were
    /// enabled.
    /// </summary>
    [Fact]
    public async Task Disabling_a_user_or_turning_their_two_factor_off_ends_their_tokens_for_good()
    {
        var owner = await app.SignUpAsync();
        var member = await app.InviteMemberAsync(owner, $"member-{Guid.NewGuid():N}@example.test", ClientPermissions.ModifyProfile);
        var memberApi = await app.ClientApiClientAsync(member, owner.ClientId);
        (await memberApi.GetAsync("/api/client/v1/me")).StatusCode.Should().Be(HttpStatusCode.OK);
        var staff = await app.SuperAdminClientAsync();
        (await staff.PutAsJsonAsync($"/api/admin/v1/users/{member}", new { status = "Disabled" })).StatusCode.Should().Be(HttpStatusCode.OK);
        (await staff.PutAsJsonAsync($"/api/admin/v1/users/{member}", new { status = "Active" })).StatusCode.Should().Be(HttpStatusCode.OK);
        (await memberApi.GetAsync("/api/client/v1/me")).StatusCode.Should().Be(HttpStatusCode.Unauthorized, "the token ended when the user was disabled");

        var ownerApi = await app.ClientApiClientAsync(owner.UserId, owner.ClientId);
        (await ownerApi.GetAsync("/api/client/v1/me")).StatusCode.Should().Be(HttpStatusCode.OK);
        await using (var db = app.CreateDbContext())
            await db.ClientUsers.Where(u => u.Id == owner.UserId)
                .ExecuteUpdateAsync(u => u.SetProperty(x => x.TwoFactorEnabled, true).SetProperty(x => x.TotpSecret, "JBSWY3DPEHPK3PXP"));
        (await staff.PutAsJsonAsync($"/api/admin/v1/users/{owner.UserId}", new { twoFactorEnabled = false })).StatusCode.Should().Be(HttpStatusCode.OK);
        (await ownerApi.GetAsync("/api/client/v1/me")).StatusCode.Should().Be(HttpStatusCode.Unauthorized, "staff turned the owner's two-factor off");
    }

    /// <summary>
    /// A member's tokens for a client end when they are taken out of it (given access again, they get none back), and all
    /// of a user's tokens end when they reset their password: the way back into an account does not leave another open.
    /// </summary>
    [Fact]
    public async Task Removing_a_member_or_resetting_a_password_ends_the_users_tokens()
    {
        var owner = await app.SignUpAsync();
        var memberEmail = $"member-{Guid.NewGuid():N}@example.test";
        var member = await app.InviteMemberAsync(owner, memberEmail, ClientPermissions.ModifyProfile);
        var memberApi = await app.ClientApiClientAsync(member, owner.ClientId);
        var ownerApi = await app.ClientApiClientAsync(owner.UserId, owner.ClientId);
        (await memberApi.GetAsync("/api/client/v1/me")).StatusCode.Should().Be(HttpStatusCode.OK);

        await app.SendAsClientAsync(owner.UserId, new RemoveMyClientMember(owner.ClientId, member));
        await app.SendAsClientAsync(owner.UserId, new InviteClientUser(owner.ClientId, memberEmail, null, null, [ClientPermissions.ModifyProfile]));
        (await memberApi.GetAsync("/api/client/v1/me")).StatusCode.Should().Be(HttpStatusCode.Unauthorized, "the token ended with the first membership");

        (await ownerApi.GetAsync("/api/client/v1/me")).StatusCode.Should().Be(HttpStatusCode.OK);
        await app.SendAnonymousAsync(new RequestPasswordReset(owner.Email));
        var link = ClientAreaSession.TokenOf(await app.WaitForMailToAsync(owner.Email));
        await app.SendAnonymousAsync(new ResetPassword(link, "Another-password-9", "Another-password-9"));
        (await ownerApi.GetAsync("/api/client/v1/me")).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task A_user_cannot_make_a_token_for_a_client_they_do_not_belong_to()
    {
        var owner = await app.SignUpAsync();
        var stranger = await app.SignUpAsync();

        var act = () => app.SendAsClientAsync(stranger.UserId, new CreateClientApiToken(owner.ClientId, "Sneaky", 30));

        await act.Should().ThrowAsync<PuqCloud.Core.Common.NotFoundException>();
    }
}

public sealed class SqliteClientApiTests(SqliteAppFixture fixture) : ClientApiTests(fixture.App), IClassFixture<SqliteAppFixture>;

public sealed class PostgresClientApiTests(PostgresAppFixture fixture) : ClientApiTests(fixture.App), IClassFixture<PostgresAppFixture>;
