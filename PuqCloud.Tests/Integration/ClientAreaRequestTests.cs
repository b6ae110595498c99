using System.Reflection;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PuqCloud.Core.Common;
using PuqCloud.Core.Domain.Clients;
using PuqCloud.Core.Features.Auth;
using PuqCloud.Core.Features.ClientArea;
using PuqCloud.Core.Features.Clients;
using PuqCloud.Core.Security;
using PuqCloud.Tests.Support;

namespace PuqCloud.Tests.Integration;

/// <summary>
/// The client area's requests through the real pipeline: sign-up, password reset, membership rules and
/// isolation between clients. The same tests run on SQLite and on PostgreSQL (the two subclasses below).
/// </summary>
public abstract class ClientAreaRequestTests(PuqAppFactory app)
{
    private static string NewEmail(string who = "person") => $"{who}-{Guid.NewGuid():N}@example.test";

    // ---------------------------------------------------------------- sign-up

    [Fact]
    public async Task Sign_up_creates_the_user_the_client_its_owner_membership_and_billing_address()
    {
        var email = NewEmail("Signup");
        var request = await app.SignUpRequestAsync(email);

        var result = await app.SendAnonymousAsync(request);

        result.Outcome.Should().Be(SignInOutcome.Succeeded);
        await using var db = app.CreateDbContext();
        var user = await db.ClientUsers.SingleAsync(u => u.Id == result.AccountId);
        user.Email.Should().Be(email.ToLowerInvariant(), "addresses are stored normalized");
        app.Services.GetRequiredService<PasswordHashing>().Verify(user.PasswordHash, ClientAreaSession.Password).Should().BeTrue();
        user.SecurityStamp.Should().Be(result.SecurityStamp);
        var membership = await db.ClientMemberships.SingleAsync(m => m.ClientUserId == user.Id);
        membership.IsOwner.Should().BeTrue();
        membership.PermissionSet.Should().BeEquivalentTo(ClientPermissions.All);
        var client = await db.Clients.Include(c => c.Addresses).SingleAsync(c => c.Id == membership.ClientId);
        client.Status.Should().Be(ClientStatus.New);
        client.CompanyName.Should().Be("Owner Sp. z o.o.");
        client.TaxId.Should().Be("PL5260250274");
        client.Language.Should().Be("en");
        client.CurrencyId.Should().Be(request.CurrencyId);
        client.Balance.Should().Be(0m);
        var billing = client.Addresses.Should().ContainSingle().Which;
        billing.Type.Should().Be(AddressType.Billing);
        (billing.Address1, billing.City, billing.Postcode, billing.CountryCode, billing.Region).Should().Be(("ul. Prosta 1", "Warszawa", "00-001", "PL", "PL-14"));

        // The new user can sign in with the password at once.
        (await app.SendAnonymousAsync(new SignInClientUser(email, ClientAreaSession.Password))).Outcome.Should().Be(SignInOutcome.Succeeded);

        // Its EU VAT ID went to VIES through the task queue (the test's VIES says valid).
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (true)
        {
            await using var read = app.CreateDbContext();
            var check = await read.Clients.Where(c => c.Id == client.Id).Select(c => new { c.VatCheckedNumber, c.VatCheckStatus, c.VatValidNumber }).SingleAsync();
            if (check.VatCheckStatus != VatCheckStatus.NotChecked)
            {
                check.Should().Be(new { VatCheckedNumber = (string?)"PL5260250274", VatCheckStatus = VatCheckStatus.Valid, VatValidNumber = (string?)"PL5260250274" });
                break;
            }
            DateTime.UtcNow.Should().BeBefore(deadline, "the VAT check task runs soon after sign-up");
            await Task.Delay(100);
        }
    }

    [Fact]
    public async Task A_taken_email_is_a_field_error_and_nothing_is_half_written()
    {
        var first = await app.SignUpAsync();
        var counts = await CountsAsync();

        var duplicate = await app.SignUpRequestAsync(first.Email.ToUpperInvariant());
        var error = (await app.Invoking(a => a.SendAnonymousAsync(duplicate)).Should().ThrowAsync<RequestValidationException>()).Which;
        error.Errors.Keys.Should().Equal("Email");
        error.Errors["Email"][0].Should().Contain("exists already");

        // A region of another country: refused by the address rules, before anything is written.
        var badRegion = await app.SignUpRequestAsync(NewEmail()) with { Region = "DE-BY" };
        (await app.Invoking(a => a.SendAnonymousAsync(badRegion)).Should().ThrowAsync<RequestValidationException>()).Which.Errors.Keys.Should().Contain("Region");

        var badFields = await app.SignUpRequestAsync(NewEmail()) with { Password = "short", ConfirmPassword = "other", CurrencyId = Guid.NewGuid(), CountryCode = "XX" };
        (await app.Invoking(a => a.SendAnonymousAsync(badFields)).Should().ThrowAsync<RequestValidationException>())
            .Which.Errors.Keys.Should().Contain(["Password", "ConfirmPassword", "CurrencyId", "CountryCode"]);

        (await CountsAsync()).Should().Be(counts);
    }

    [Fact]
    public async Task A_phone_the_client_area_takes_is_one_staff_can_save_back()
    {
        // Sign-up and the profile once took numbers without a country code that the console's client and user forms refuse:
        // staff then could not change a client's status for a phone they never touched. One rule now decides for all.
        var local = await app.SignUpRequestAsync(NewEmail()) with { Phone = "601 234 567" };
        (await app.Invoking(a => a.SendAnonymousAsync(local)).Should().ThrowAsync<RequestValidationException>()).Which.Errors.Keys.Should().Equal("Phone");

        var owner = await app.SignUpAsync();
        var profile = new UpdateClientProfile(owner.ClientId, "Olga", "Owner", null, null, "22 123 45 67", "ul. Nowa 2", null, "Kraków", "30-001", "PL", "PL-12");
        (await app.Invoking(a => a.SendAsClientAsync(owner.UserId, profile)).Should().ThrowAsync<RequestValidationException>()).Which.Errors.Keys.Should().Equal("Phone");
        await app.SendAsClientAsync(owner.UserId, profile with { Phone = "+48 (22) 123-45-67" });

        var client = await app.SendAsSystemAsync(new GetClient(owner.ClientId));
        var saved = await app.SendAsSystemAsync(new UpdateClient(client.Id, client.FirstName, client.LastName, client.CompanyName, client.TaxId, client.Phone,
            client.Language, client.CurrencyId, ClientStatus.Active, client.AdminNotes));
        (saved.Phone, saved.Status).Should().Be(("+48 (22) 123-45-67", ClientStatus.Active));
    }

    // ---------------------------------------------------------------- password reset

    [Fact]
    public async Task A_reset_link_works_once_changes_the_stamp_and_is_stored_only_as_a_hash()
    {
        var owner = await app.SignUpAsync();
        var stampBefore = await StampAsync(owner.UserId);

        await app.SendAnonymousAsync(new RequestPasswordReset(owner.Email));

        // The outbox holds the message when no SMTP server is configured; the task queue sends it.
        var mail = await app.WaitForMailToAsync(owner.Email);
        var token = ClientAreaSession.TokenOf(mail);
        // The request came in under client-area.test; the link follows Site:PublicUrl (the test app's http://localhost), never a Host header.
        ClientAreaSession.LinkIn(mail).Should().StartWith("http://localhost/login/reset?token=");
        await using (var db = app.CreateDbContext())
        {
            var stored = await db.PasswordResetTokens.SingleAsync(t => t.ClientUserId == owner.UserId);
            stored.TokenHash.Should().Be(PasswordLinks.Hash(token)).And.NotContain(token);
            (stored.ExpiresAt - stored.CreatedAt).Should().Be(TimeSpan.FromMinutes(60), "General settings → Client: the reset link lasts 60 minutes by default");
        }
        (await app.SendAnonymousAsync(new CheckPasswordResetToken(token))).Should().BeTrue();

        await app.SendAnonymousAsync(new ResetPassword(token, "Brand-new-pass-77", "Brand-new-pass-77"));

        (await StampAsync(owner.UserId)).Should().NotBe(stampBefore, "other sessions must end");
        (await app.SendAnonymousAsync(new SignInClientUser(owner.Email, ClientAreaSession.Password))).Outcome.Should().Be(SignInOutcome.Failed);
        (await app.SendAnonymousAsync(new SignInClientUser(owner.Email, "Brand-new-pass-77"))).Outcome.Should().Be(SignInOutcome.Succeeded);

        // Single use.
        (await app.SendAnonymousAsync(new CheckPasswordResetToken(token))).Should().BeFalse();
        await app.Invoking(a => a.SendAnonymousAsync(new ResetPassword(token, "Another-pass-88", "Another-pass-88"))).Should().ThrowAsync<RuleViolationException>();
        (await app.SendAnonymousAsync(new SignInClientUser(owner.Email, "Brand-new-pass-77"))).Outcome.Should().Be(SignInOutcome.Succeeded);
    }

    [Fact]
    public async Task The_reset_mail_goes_out_from_the_task_queue_whose_input_never_holds_the_link()
    {
        var owner = await app.SignUpAsync();

        await app.SendAnonymousAsync(new RequestPasswordReset(owner.Email));

        Guid tokenId;
        await using (var db = app.CreateDbContext())
            tokenId = (await db.PasswordResetTokens.AsNoTracking().SingleAsync(t => t.ClientUserId == owner.UserId)).Id;
        var task = await MailTaskOfAsync(tokenId);
        var token = ClientAreaSession.TokenOf(await app.WaitForMailToAsync(owner.Email));
        task.InputJson.Should().NotContain(token).And.NotContain("login/reset");
        task = await app.WaitForAsync(task.Id, null, Core.Domain.Engine.QueuedTaskStatus.Completed, Core.Domain.Engine.QueuedTaskStatus.Failed);
        task.Status.Should().Be(Core.Domain.Engine.QueuedTaskStatus.Completed);
        task.OutputJson.Should().Contain("sent").And.NotContain(token);
        await using (var db = app.CreateDbContext())
            (await db.PasswordResetTokens.AsNoTracking().SingleAsync(t => t.Id == tokenId)).PendingLink.Should().BeNull("the link is kept, encrypted, only until the mail is out");
    }

    /// <summary>
    /// Anyone may ask for a link for any address: a burst of requests sent at once opens no more links than one after
    /// another does (counted side by side, each saw none open and mailed a link), and the mail greets the person on one
    /// line, whatever lines their name was given at sign-up.
    /// </summary>
    [Fact]
    public async Task A_burst_of_reset_requests_opens_at_most_three_links_and_the_mail_greets_on_one_line()
    {
        var owner = await app.SignUpAsync();
        await using (var db = app.CreateDbContext())
            await db.ClientUsers.Where(u => u.Id == owner.UserId)
                .ExecuteUpdateAsync(s => s.SetProperty(u => u.FirstName, "Joe,\n\nYour hosting is suspended: pay at https://evil.example/pay\n"));

        await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => app.SendAnonymousAsync(new RequestPasswordReset(owner.Email))));

        await using (var db = app.CreateDbContext())
            (await db.PasswordResetTokens.CountAsync(t => t.ClientUserId == owner.UserId)).Should().Be(PasswordLinks.MaxOpenLinks);
        var mail = await app.WaitForMailToAsync(owner.Email);
        mail.Should().Contain("Hello Joe, Your hosting is suspended: pay at https://evil.example/pay");
        mail.Should().NotContain("\n\nYour hosting");
    }

    [Fact]
    public async Task An_expired_link_is_refused_and_an_unknown_address_gets_the_same_answer_and_no_mail()
    {
        var owner = await app.SignUpAsync();
        const string token = "expired-token-for-the-test-0123456789abcdef";
        await using (var db = app.CreateDbContext())
        {
            db.PasswordResetTokens.Add(new PasswordResetToken
            {
                ClientUserId = owner.UserId, TokenHash = PasswordLinks.Hash(token),
                CreatedAt = DateTime.UtcNow.AddHours(-2), ExpiresAt = DateTime.UtcNow.AddMinutes(-1),
            });
            await db.SaveChangesAsync();
        }
        var stamp = await StampAsync(owner.UserId);

        (await app.SendAnonymousAsync(new CheckPasswordResetToken(token))).Should().BeFalse();
        await app.Invoking(a => a.SendAnonymousAsync(new ResetPassword(token, "Brand-new-pass-77", "Brand-new-pass-77"))).Should().ThrowAsync<RuleViolationException>();
        (await StampAsync(owner.UserId)).Should().Be(stamp);

        var nobody = NewEmail("nobody");
        var tokensBefore = await CountTokensAsync();
        var mailTasksBefore = await CountMailTasksAsync();
        var answer = await app.SendAnonymousAsync(new RequestPasswordReset(nobody));
        answer.Should().Be(MediatR.Unit.Value);
        (await CountTokensAsync()).Should().Be(tokensBefore);
        (await CountMailTasksAsync()).Should().Be(mailTasksBefore, "no mail is queued for an address nobody has");
        app.LatestMailTo(nobody).Should().BeNull();
    }

    // ---------------------------------------------------------------- membership rules

    [Fact]
    public async Task A_person_sends_at_most_twenty_invitations_a_day_under_the_host_s_own_subject_withdrawn_ones_included()
    {
        var owner = await app.SignUpAsync();
        // Anyone may sign up and name their client as they like: the name must not become a subject or break a line.
        await using (var db = app.CreateDbContext())
            await db.Clients.Where(c => c.Id == owner.ClientId).ExecuteUpdateAsync(u => u.SetProperty(c => c.CompanyName, "Pay now\r\nBcc: x@evil.example"));
        var first = NewEmail("invited");
        await app.SendAsClientAsync(owner.UserId, new InviteClientUser(owner.ClientId, first, null, null, []));
        var mail = app.LatestMailTo(first)!.Replace("=\r\n", "");
        mail.Should().Contain("Subject: You are invited to a PuqCloud client area\r\n").And.Contain("Pay now Bcc: x@evil.example").And.NotContain("\nBcc:");

        // A member made and removed again still counts: the mail went out.
        await app.SendAsClientAsync(owner.UserId, new RemoveMyClientMember(owner.ClientId, (await app.SendAsClientAsync(owner.UserId,
            new InviteClientUser(owner.ClientId, NewEmail("removed"), null, null, []))).ClientUserId));
        for (var i = 2; i < InviteClientUserHandler.PerDay; i++)
            await app.SendAsClientAsync(owner.UserId, new InviteClientUser(owner.ClientId, NewEmail("invited"), null, null, []));
        var late = NewEmail("late");
        await app.Invoking(a => a.SendAsClientAsync(owner.UserId, new InviteClientUser(owner.ClientId, late, null, null, [])))
            .Should().ThrowAsync<TooManyAttemptsException>().WithMessage("You have sent 20 invitations in the last 24 hours: wait before inviting more people.");
        app.LatestMailTo(late).Should().BeNull();
        await using (var db = app.CreateDbContext())
            (await db.ClientUsers.AnyAsync(u => u.Email == late)).Should().BeFalse("nothing is written for a refused invitation");
    }

    [Fact]
    public async Task Invitations_sent_all_at_once_still_stop_at_twenty()
    {
        var owner = await app.SignUpAsync();

        var tries = await Task.WhenAll(Enumerable.Range(0, InviteClientUserHandler.PerDay + 5).Select(async _ =>
        {
            try
            {
                await app.SendAsClientAsync(owner.UserId, new InviteClientUser(owner.ClientId, NewEmail("rush"), null, null, []));
                return true;
            }
            catch (TooManyAttemptsException)
            {
                return false;
            }
        }));

        tries.Count(sent => sent).Should().Be(InviteClientUserHandler.PerDay);
        await using var db = app.CreateDbContext();
        (await db.ClientMemberships.CountAsync(m => m.ClientId == owner.ClientId && !m.IsOwner)).Should().Be(InviteClientUserHandler.PerDay);
    }

    /// <summary>
    /// A member made the owner while staff remove them (or they leave, or their login is deleted) stays: the removal read
    /// them as a plain member, and deleting them as such left the client with no owner, which nothing could then open or repair.
    /// </summary>
    [Fact]
    public async Task A_member_who_becomes_the_owner_while_being_removed_stays_the_owner()
    {
        var owner = await app.SignUpAsync();
        var heir = await app.InviteMemberAsync(owner, NewEmail("heir"), ClientPermissions.ViewTransactions);
        await using (var removing = app.CreateDbContext())
        {
            await ClientRules.RemoveMemberAsync(removing, owner.ClientId, heir, DateTime.UtcNow, CancellationToken.None);
            await app.SendAsSystemAsync(new MakeClientOwner(owner.ClientId, heir));
            await removing.Invoking(db => db.SaveChangesAsync()).Should().ThrowAsync<DbUpdateConcurrencyException>();
        }
        await using (var db = app.CreateDbContext())
            (await db.ClientMemberships.Where(m => m.ClientId == owner.ClientId && m.IsOwner).Select(m => m.ClientUserId).SingleAsync()).Should().Be(heir);
        (await app.SendAsSystemAsync(new GetClient(owner.ClientId))).OwnerId.Should().Be(heir);
    }

    /// <summary>
    /// Anyone can sign up with any address: an invitation to a login whose address nobody proved is accepted only once the
    /// mailbox's reader has followed the invitation's link, which takes the login over (the squatter's password stops working).
    /// </summary>
    [Fact]
    public async Task An_invitation_to_an_address_nobody_proved_is_accepted_only_after_its_mailbox_takes_the_login_over()
    {
        var owner = await app.SignUpAsync();
        var address = NewEmail("accounting");
        var squatter = await app.SignUpAsync(email: address);
        await app.SendAsClientAsync(owner.UserId, new InviteClientUser(owner.ClientId, address, null, null, [ClientPermissions.ManageUsers]));
        (await app.SendAsClientAsync(squatter.UserId, new ListMyInvitations())).Single().EmailConfirmed.Should().BeFalse();
        (await app.Invoking(a => a.SendAsClientAsync(squatter.UserId, new AnswerClientInvitation(owner.ClientId, true))).Should().ThrowAsync<RuleViolationException>())
            .Which.Message.Should().Be(AnswerClientInvitationHandler.UnconfirmedEmail);
        (await app.SendAsClientAsync(owner.UserId, new ListMyClientMembers(owner.ClientId))).Should().ContainSingle("nobody joined");

        var mail = app.LatestMailTo(address)!;
        mail.Should().Contain("confirm that this address is yours");
        await app.SendAnonymousAsync(new ResetPassword(ClientAreaSession.TokenOf(mail), "Mailbox-owner-77", "Mailbox-owner-77"));
        (await app.SendAnonymousAsync(new SignInClientUser(address, ClientAreaSession.Password))).Outcome.Should().NotBe(SignInOutcome.Succeeded);
        (await app.SendAsClientAsync(squatter.UserId, new ListMyInvitations())).Single().EmailConfirmed.Should().BeTrue();
        await app.SendAsClientAsync(squatter.UserId, new AnswerClientInvitation(owner.ClientId, true));
        (await app.SendAsClientAsync(owner.UserId, new ListMyClientMembers(owner.ClientId))).Should().HaveCount(2);
    }

    /// <summary>
    /// An invitation lapses after two weeks, goes when the member who sent it leaves the client, and grants on acceptance no
    /// more than that member still holds: it outlived all three, so a member removed (or narrowed) could get back in.
    /// </summary>
    [Fact]
    public async Task An_invitation_lapses_goes_with_its_sender_and_grants_no_more_than_the_sender_holds()
    {
        var owner = await app.SignUpAsync();
        var sender = await app.InviteMemberAsync(owner, NewEmail("sender"), ClientPermissions.ManageUsers, ClientPermissions.ViewTransactions);
        var narrowed = await app.SignUpAsync();
        await app.SendAsClientAsync(sender, new InviteClientUser(owner.ClientId, narrowed.Email, null, null, [ClientPermissions.ManageUsers, ClientPermissions.ViewTransactions]));
        await app.SendAsClientAsync(owner.UserId, new SetClientMemberPermissions(owner.ClientId, sender, [ClientPermissions.ManageUsers]));
        await app.AcceptInvitationAsync(narrowed.UserId, owner.ClientId);
        (await app.SendAsClientAsync(owner.UserId, new ListMyClientMembers(owner.ClientId))).Single(m => m.ClientUserId == narrowed.UserId).Permissions
            .Should().Equal(ClientPermissions.ManageUsers);

        var orphaned = await app.SignUpAsync();
        await app.SendAsClientAsync(sender, new InviteClientUser(owner.ClientId, orphaned.Email, null, null, [ClientPermissions.ManageUsers]));
        await app.SendAsClientAsync(owner.UserId, new RemoveMyClientMember(owner.ClientId, sender));
        (await app.SendAsClientAsync(orphaned.UserId, new ListMyInvitations())).Should().BeEmpty("its sender left the client");
        await app.Invoking(a => a.AcceptInvitationAsync(orphaned.UserId, owner.ClientId)).Should().ThrowAsync<NotFoundException>();

        var late = await app.SignUpAsync();
        await app.SendAsClientAsync(owner.UserId, new InviteClientUser(owner.ClientId, late.Email, null, null, []));
        await using (var db = app.CreateDbContext())
            await db.ClientInvitations.Where(i => i.ClientUserId == late.UserId).ExecuteUpdateAsync(u => u.SetProperty(i => i.CreatedAt, DateTime.UtcNow - Core.Domain.Clients.ClientInvitation.Lifetime - TimeSpan.FromHours(1)));
        (await app.SendAsClientAsync(late.UserId, new ListMyInvitations())).Should().BeEmpty("it lapsed");
        (await app.SendAsClientAsync(owner.UserId, new ListMyClientInvitations(owner.ClientId))).Should().BeEmpty();
        await app.Invoking(a => a.AcceptInvitationAsync(late.UserId, owner.ClientId)).Should().ThrowAsync<NotFoundException>();
        await app.SendAsClientAsync(owner.UserId, new InviteClientUser(owner.ClientId, late.Email, null, null, []));
        (await app.SendAsClientAsync(late.UserId, new ListMyInvitations())).Should().ContainSingle("a lapsed invitation makes way for a new one");
    }

    [Fact]
    public async Task Invitations_add_members_and_there_is_always_exactly_one_owner()
    {
        var owner = await app.SignUpAsync();
        var newEmail = NewEmail("invited");
        var invited = await app.SendAsClientAsync(owner.UserId, new InviteClientUser(owner.ClientId, newEmail, "Ivan", "Invited", [ClientPermissions.ViewTransactions]));
        invited.CreatedNewUser.Should().BeTrue();
        var mail = app.LatestMailTo(newEmail)!;
        ClientAreaSession.LinkIn(mail).Should().EndWith("&welcome=1");
        await using (var db = app.CreateDbContext())
        {
            var token = await db.PasswordResetTokens.SingleAsync(t => t.ClientUserId == invited.ClientUserId);
            (token.ExpiresAt - token.CreatedAt).Should().Be(PasswordLinks.InvitationLifetime);
            // Without the link nobody can sign in: the stored password is random.
            (await db.ClientUsers.SingleAsync(u => u.Id == invited.ClientUserId)).PasswordHash.Should().NotBeNullOrEmpty();
        }

        // An existing login is invited, not added: it joins only by accepting, and until then the client sees the address it
        // typed and nothing of the person.
        var other = await app.SignUpAsync();
        var added = await app.SendAsClientAsync(owner.UserId, new InviteClientUser(owner.ClientId, other.Email, null, null, [ClientPermissions.ManageUsers]));
        (added.CreatedNewUser, added.Pending, added.ClientUserId).Should().Be((false, true, other.UserId));
        app.LatestMailTo(other.Email)!.Should().Contain("invites you to").And.Contain("accept or decline");
        (await app.Invoking(a => a.SendAsClientAsync(owner.UserId, new InviteClientUser(owner.ClientId, other.Email, null, null, []))).Should().ThrowAsync<RequestValidationException>())
            .Which.Errors["Email"].Should().Equal("This person is invited already and has not answered yet.");
        (await app.SendAsClientAsync(owner.UserId, new ListMyClientMembers(owner.ClientId))).Should().HaveCount(2, "an invitation is not access");
        (await app.SendAsClientAsync(other.UserId, new ListMyClients())).Should().ContainSingle("the invited person is in no client of the inviter's yet");
        var waiting = (await app.SendAsClientAsync(owner.UserId, new ListMyClientInvitations(owner.ClientId))).Should().ContainSingle().Subject;
        (waiting.ClientUserId, waiting.Email, waiting.Permissions.Single()).Should().Be((other.UserId, other.Email, ClientPermissions.ManageUsers));
        var invitation = (await app.SendAsClientAsync(other.UserId, new ListMyInvitations())).Should().ContainSingle().Subject;
        invitation.ClientId.Should().Be(owner.ClientId);
        invitation.InvitedBy.Should().Be("Test client user");
        await app.AcceptInvitationAsync(other.UserId, owner.ClientId);
        (await app.SendAsClientAsync(other.UserId, new ListMyInvitations())).Should().BeEmpty();
        (await app.SendAsClientAsync(owner.UserId, new ListMyClientInvitations(owner.ClientId))).Should().BeEmpty();
        await app.Invoking(a => a.AcceptInvitationAsync(other.UserId, owner.ClientId)).Should().ThrowAsync<NotFoundException>("an invitation is answered once");

        var members = await app.SendAsClientAsync(owner.UserId, new ListMyClientMembers(owner.ClientId));
        members.Should().HaveCount(3);
        members.Where(m => m.IsOwner).Should().ContainSingle().Which.ClientUserId.Should().Be(owner.UserId);

        // The owner cannot be removed, not even by a member who manages users, and not by themself.
        await app.Invoking(a => a.SendAsClientAsync(other.UserId, new RemoveMyClientMember(owner.ClientId, owner.UserId))).Should().ThrowAsync<RuleViolationException>();
        await app.Invoking(a => a.SendAsClientAsync(owner.UserId, new RemoveMyClientMember(owner.ClientId, owner.UserId))).Should().ThrowAsync<RuleViolationException>();
        // Only the owner hands ownership on.
        await app.Invoking(a => a.SendAsClientAsync(other.UserId, new TransferClientOwnership(owner.ClientId, other.UserId))).Should().ThrowAsync<AccessDeniedException>();

        await app.SendAsClientAsync(owner.UserId, new TransferClientOwnership(owner.ClientId, other.UserId));
        await using (var db = app.CreateDbContext())
        {
            var owners = await db.ClientMemberships.Where(m => m.ClientId == owner.ClientId && m.IsOwner).ToListAsync();
            owners.Should().ContainSingle().Which.ClientUserId.Should().Be(other.UserId);
            var former = await db.ClientMemberships.SingleAsync(m => m.ClientId == owner.ClientId && m.ClientUserId == owner.UserId);
            former.PermissionSet.Should().BeEquivalentTo(ClientPermissions.All);
        }
        // The former owner may now be removed by the new one.
        await app.SendAsClientAsync(other.UserId, new RemoveMyClientMember(owner.ClientId, owner.UserId));
        (await app.SendAsClientAsync(other.UserId, new ListMyClientMembers(owner.ClientId))).Select(m => m.ClientUserId).Should().NotContain(owner.UserId);
    }

    [Fact]
    public async Task A_member_without_the_permission_is_refused()
    {
        var owner = await app.SignUpAsync();
        var viewerEmail = NewEmail("viewer");
        var viewer = await app.InviteMemberAsync(owner, viewerEmail);

        await app.Invoking(a => a.SendAsClientAsync(viewer, new ListMyClientMembers(owner.ClientId))).Should().ThrowAsync<AccessDeniedException>();
        await app.Invoking(a => a.SendAsClientAsync(viewer, new InviteClientUser(owner.ClientId, NewEmail(), null, null, ClientPermissions.All.ToList()))).Should().ThrowAsync<AccessDeniedException>();
        await app.Invoking(a => a.SendAsClientAsync(viewer, new SetClientMemberPermissions(owner.ClientId, viewer, ClientPermissions.All.ToList()))).Should().ThrowAsync<AccessDeniedException>();

        // Every member reads the profile; changing it needs profile.modify.
        (await app.SendAsClientAsync(viewer, new GetClientProfile(owner.ClientId))).City.Should().Be("Warszawa");
        var profile = new UpdateClientProfile(owner.ClientId, "Olga", "Owner", "Renamed", null, null, "ul. Nowa 2", null, "Kraków", "30-001", "PL", "PL-12");
        await app.Invoking(a => a.SendAsClientAsync(viewer, profile)).Should().ThrowAsync<AccessDeniedException>();

        await app.SendAsClientAsync(owner.UserId, new SetClientMemberPermissions(owner.ClientId, viewer, [ClientPermissions.ModifyProfile]));
        var saved = await app.SendAsClientAsync(viewer, profile);
        (saved.CompanyName, saved.City, saved.Region).Should().Be(("Renamed", "Kraków", "PL-12"));
        await app.Invoking(a => a.SendAsClientAsync(viewer, new ListMyClientMembers(owner.ClientId))).Should().ThrowAsync<AccessDeniedException>();
    }

    /// <summary>
    /// A member who may manage users but not money cannot hand money rights out: not to a second login of their own
    /// invited for the purpose, not to a colleague, and cannot change or remove a colleague who holds them.
    /// </summary>
    [Fact]
    public async Task A_user_manager_gives_only_the_permissions_they_hold_and_changes_no_one_who_holds_more()
    {
        var owner = await app.SignUpAsync();
        var manager = await app.InviteMemberAsync(owner, NewEmail("manager"), ClientPermissions.ManageUsers, ClientPermissions.ManageServices);
        var colleague = await app.InviteMemberAsync(owner, NewEmail("colleague"));
        var payer = await app.InviteMemberAsync(owner, NewEmail("payer"), ClientPermissions.ManageInvoices);
        var secondLogin = await app.SignUpAsync();

        var invite = () => app.SendAsClientAsync(manager, new InviteClientUser(owner.ClientId, secondLogin.Email, null, null, ClientPermissions.All.ToList()));
        (await invite.Should().ThrowAsync<AccessDeniedException>()).Which.Message.Should().Be(
            "Giving these permissions needs permissions you do not hold yourself: invoices.manage, orders.manage, profile.modify, transactions.view. Ask the owner.");
        await app.Invoking(a => a.SendAsClientAsync(manager, new SetClientMemberPermissions(owner.ClientId, colleague, [ClientPermissions.ManageOrders])))
            .Should().ThrowAsync<AccessDeniedException>();
        await app.Invoking(a => a.SendAsClientAsync(manager, new SetClientMemberPermissions(owner.ClientId, payer, [])))
            .Should().ThrowAsync<AccessDeniedException>("the payer holds a permission the manager does not");
        await app.Invoking(a => a.SendAsClientAsync(manager, new RemoveMyClientMember(owner.ClientId, payer))).Should().ThrowAsync<AccessDeniedException>();

        // Within their own permissions the manager invites, changes and removes as before.
        await app.SendAsClientAsync(manager, new InviteClientUser(owner.ClientId, secondLogin.Email, null, null, [ClientPermissions.ManageServices]));
        await app.AcceptInvitationAsync(secondLogin.UserId, owner.ClientId);
        await app.SendAsClientAsync(manager, new SetClientMemberPermissions(owner.ClientId, colleague, [ClientPermissions.ManageUsers]));
        await app.SendAsClientAsync(manager, new RemoveMyClientMember(owner.ClientId, secondLogin.UserId));

        await using var db = app.CreateDbContext();
        var members = await db.ClientMemberships.Where(m => m.ClientId == owner.ClientId).ToDictionaryAsync(m => m.ClientUserId, m => m.Permissions);
        members.Should().NotContainKey(secondLogin.UserId);
        members[colleague].Should().Be(ClientPermissions.ManageUsers);
        members[payer].Should().Be(ClientPermissions.ManageInvoices, "nothing refused was written");
    }

    /// <summary>
    /// Staff signed in as the client ("Sign in as client") look and help, but leave no way in behind: no password, second
    /// factor, API token, person, permission or owner changes. Reading and the client's other work go on.
    /// </summary>
    [Fact]
    public async Task Staff_signed_in_as_the_client_change_none_of_its_ways_in()
    {
        var owner = await app.SignUpAsync();
        var member = await app.InviteMemberAsync(owner, NewEmail("member"));
        async Task ExpectRefusedAsync<T>(IRequest<T> request) =>
            (await app.Invoking(a => a.SendAsClientSignedInByStaffAsync(owner.UserId, owner.ClientId, request)).Should().ThrowAsync<AccessDeniedException>(request.GetType().Name))
                .Which.Message.Should().Be(NotWhileImpersonatingAttribute.Refusal);

        await ExpectRefusedAsync(new CreateClientApiToken(owner.ClientId, "Left behind", 365));
        await ExpectRefusedAsync(new InviteClientUser(owner.ClientId, NewEmail("staff-own"), null, null, ClientPermissions.All.ToList()));
        await ExpectRefusedAsync(new SetClientMemberPermissions(owner.ClientId, member, ClientPermissions.All.ToList()));
        await ExpectRefusedAsync(new RemoveMyClientMember(owner.ClientId, member));
        await ExpectRefusedAsync(new TransferClientOwnership(owner.ClientId, member));
        await ExpectRefusedAsync(new ChangeMyClientPassword(ClientAreaSession.Password, "Staff-chosen-123", "Staff-chosen-123"));
        await ExpectRefusedAsync(new BeginClientTwoFactorSetup());

        (await app.SendAsClientSignedInByStaffAsync(owner.UserId, owner.ClientId, new ListMyClientMembers(owner.ClientId))).Should().HaveCount(2);
        await using var db = app.CreateDbContext();
        (await db.ClientApiTokens.CountAsync(t => t.ClientId == owner.ClientId)).Should().Be(0);
        (await db.ClientMemberships.CountAsync(m => m.ClientId == owner.ClientId)).Should().Be(2);
        (await app.SendAnonymousAsync(new SignInClientUser(owner.Email, ClientAreaSession.Password))).Outcome.Should().Be(SignInOutcome.Succeeded);
    }

    /// <summary>
    /// An open circuit is re-checked as every HTTP request is: once the password changed elsewhere (a new stamp), its
    /// client identity no longer passes, and with it the whole circuit's sign-in, a valid staff identity beside it or not.
    /// </summary>
    [Fact]
    public async Task An_open_circuits_sign_in_ends_when_the_password_changes_elsewhere()
    {
        var owner = await app.SignUpAsync();
        await using var scope = app.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<Microsoft.AspNetCore.Components.Authorization.AuthenticationStateProvider>()
            .Should().BeOfType<PuqCloud.Web.Infrastructure.SessionRevalidation>("circuits revalidate their sign-in");
        var access = scope.ServiceProvider.GetRequiredService<IAccountAccess>();
        System.Security.Claims.ClaimsIdentity Identity(string idClaim, Guid id, string stamp) =>
            new([new(idClaim, id.ToString()), new(PuqClaims.SecurityStamp, stamp)], "test");
        Core.Domain.Staff.StaffAccount staff;
        await using (var db = app.CreateDbContext())
            staff = await db.StaffAccounts.AsNoTracking().SingleAsync(a => a.Email == PuqAppFactory.AdminEmail);
        var circuit = new System.Security.Claims.ClaimsPrincipal([Identity(PuqClaims.StaffId, staff.Id, staff.SecurityStamp), Identity(PuqClaims.ClientUserId, owner.UserId, await StampAsync(owner.UserId))]);
        (await PuqCloud.Web.Infrastructure.SessionRevalidation.StillValidAsync(circuit, access, "127.0.0.1", DateTimeOffset.UtcNow, CancellationToken.None)).Should().BeTrue();

        await app.SendAsClientAsync(owner.UserId, new ChangeMyClientPassword(ClientAreaSession.Password, "Changed-password-77", "Changed-password-77"));

        (await PuqCloud.Web.Infrastructure.SessionRevalidation.StillValidAsync(circuit, access, "127.0.0.1", DateTimeOffset.UtcNow, CancellationToken.None)).Should().BeFalse();
    }

    /// <summary>
    /// Signing out ends the sign-in on the server, not only in the browser that signed out: a copy of its cookie (another
    /// tab's, or one lifted from the browser) is refused at once, and an open console tab's next check finds it gone.
    /// </summary>
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Signing_out_ends_the_sign_in_for_every_copy_of_its_cookie(bool staff)
    {
        var (email, password, cookie, home, login, logout) = staff
            ? (PuqAppFactory.AdminEmail, PuqAppFactory.AdminPassword, ".puq.staff", "/admin", "/admin/login", "/admin/logout")
            : ((await app.SignUpAsync()).Email, ClientAreaSession.Password, ".puq.client", "/account", "/login", "/logout");
        var jar = new System.Net.CookieContainer();
        var browser = staff ? await app.StaffCookieClientAsync(email, password, jar) : await app.ClientCookieClientAsync(email, password, jar);
        var copyJar = new System.Net.CookieContainer();
        var session = jar.GetAllCookies().Single(c => c.Name == cookie);
        copyJar.Add(new System.Net.Cookie(session.Name, session.Value, session.Path, session.Domain));
        var copy = app.BrowserWith(copyJar);
        (await copy.GetAsync(home)).StatusCode.Should().Be(System.Net.HttpStatusCode.OK, "the copy works while the sign-in lasts");
        await using var scope = app.Services.CreateAsyncScope();
        var sessions = scope.ServiceProvider.GetRequiredService<ISignInSessions>();
        Guid sessionId;
        await using (var db = app.CreateDbContext())
            sessionId = await db.SignInSessions.OrderByDescending(s => s.CreatedAt).ThenByDescending(s => s.Id).Select(s => s.Id).FirstAsync();
        (await sessions.IsOpenAsync(sessionId)).Should().BeTrue();

        (await browser.PostFormAsync(logout)).StatusCode.Should().Be(System.Net.HttpStatusCode.Redirect);

        var refused = await copy.GetAsync(home);
        refused.StatusCode.Should().Be(System.Net.HttpStatusCode.Redirect, "the sign-in it names was ended on the server");
        refused.Headers.Location!.AbsolutePath.Should().Be(login);
        var circuit = new System.Security.Claims.ClaimsPrincipal(new System.Security.Claims.ClaimsIdentity([new(PuqClaims.SessionId, sessionId.ToString())], "test"));
        (await Web.Infrastructure.SessionRevalidation.StillSignedInAsync(circuit, sessions, default)).Should().BeFalse("an open tab's next check ends it too");
    }

    /// <summary>
    /// Signing in again in a browser that is signed in gives the new sign-in a server row of its own: the earlier one ends
    /// (a copy of its cookie kept by someone else does not become the new sign-in), and the new one is the row its cookie
    /// and its open tabs name.
    /// </summary>
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Signing_in_again_over_a_live_sign_in_gives_it_a_session_of_its_own(bool staff)
    {
        var (email, password, cookie, home, login) = staff
            ? (PuqAppFactory.AdminEmail, PuqAppFactory.AdminPassword, ".puq.staff", "/admin", "/admin/login")
            : ((await app.SignUpAsync()).Email, ClientAreaSession.Password, ".puq.client", "/account", "/login");
        Task<HttpClient> SignInAsync(System.Net.CookieContainer jar) =>
            staff ? app.StaffCookieClientAsync(email, password, jar) : app.ClientCookieClientAsync(email, password, jar);
        var jar = new System.Net.CookieContainer();
        await SignInAsync(jar);
        var first = jar.GetAllCookies().Single(c => c.Name == cookie);
        var keptJar = new System.Net.CookieContainer();
        keptJar.Add(new System.Net.Cookie(first.Name, first.Value, first.Path, first.Domain));
        var kept = app.BrowserWith(keptJar);

        var browser = await SignInAsync(jar);

        jar.GetAllCookies().Single(c => c.Name == cookie).Value.Should().NotBe(first.Value, "the new sign-in has a key of its own");
        (await browser.GetAsync(home)).StatusCode.Should().Be(System.Net.HttpStatusCode.OK);
        var refused = await kept.GetAsync(home);
        refused.StatusCode.Should().Be(System.Net.HttpStatusCode.Redirect, "the earlier sign-in ended with the new one");
        refused.Headers.Location!.AbsolutePath.Should().Be(login);
        Core.Domain.Platform.SignInSession newest;
        await using (var db = app.CreateDbContext())
            newest = await db.SignInSessions.OrderByDescending(s => s.CreatedAt).ThenByDescending(s => s.Id).FirstAsync();
        Microsoft.AspNetCore.Authentication.TicketSerializer.Default.Deserialize(newest.Ticket)!.Principal.FindFirst(PuqClaims.SessionId)!.Value
            .Should().Be(newest.Id.ToString(), "an open tab checks the row its sign-in names");
    }

    /// <summary>
    /// A client-area session opened with "Sign in as client" is the staff member's, not a key of its own: it ends when they
    /// sign out of the console, when they lose the permission, when the console is someone else's, and an hour after it began.
    /// </summary>
    [Fact]
    public async Task A_session_staff_opened_as_the_client_ends_with_their_console_session_and_permission()
    {
        var owner = await app.SignUpAsync();
        const string password = "Helpdesk-pass-2026";
        var email = NewEmail("helpdesk");
        var staff = await app.AddStaffAsync(email, password, superAdmin: false);
        var group = new Core.Domain.Staff.AdminGroup { Name = "Helpdesk " + Guid.NewGuid().ToString("N")[..8], CreatedAt = DateTime.UtcNow, UpdatedAt = DateTime.UtcNow };
        group.Permissions.AddRange(new[] { Permissions.ClientsView, Permissions.ClientsSignInAs }.Select(p => new Core.Domain.Staff.AdminGroupPermission { Permission = p }));
        group.Members.Add(new Core.Domain.Staff.StaffGroupMembership { StaffAccountId = staff.Id });
        await using (var db = app.CreateDbContext())
        {
            db.AdminGroups.Add(group);
            await db.SaveChangesAsync();
        }
        async Task<HttpClient> OpenClientAreaAsync()
        {
            var browser = await app.StaffCookieClientAsync(email, password);
            (await browser.PostFormAsync($"/admin/clients/{owner.ClientId}/sign-in-as")).Headers.Location!.OriginalString.Should().Be("/");
            (await browser.GetAsync("/account")).StatusCode.Should().Be(System.Net.HttpStatusCode.OK, "the client area opens as the owner");
            return browser;
        }
        static async Task ExpectSignedOutAsync(HttpClient browser, string because)
        {
            var response = await browser.GetAsync("/account");
            response.StatusCode.Should().Be(System.Net.HttpStatusCode.Redirect, because);
            response.Headers.Location!.AbsolutePath.Should().Be("/login");
        }

        var signsOut = await OpenClientAreaAsync();
        (await signsOut.PostFormAsync("/admin/logout")).StatusCode.Should().Be(System.Net.HttpStatusCode.Redirect);
        await ExpectSignedOutAsync(signsOut, "signing out of the console ends the session opened from it");

        var keepsOn = await OpenClientAreaAsync();
        await using (var db = app.CreateDbContext())
        {
            db.AdminGroupPermissions.RemoveRange(db.AdminGroupPermissions.Where(p => p.GroupId == group.Id && p.Permission == Permissions.ClientsSignInAs));
            await db.SaveChangesAsync();
        }
        await ExpectSignedOutAsync(keepsOn, "without the permission the session it opened ends");

        // The hour and the console's owner, on the check an open circuit makes every minute.
        await using var scope = app.Services.CreateAsyncScope();
        var access = scope.ServiceProvider.GetRequiredService<IAccountAccess>();
        var staffIdentity = new System.Security.Claims.ClaimsIdentity([new(PuqClaims.StaffId, staff.Id.ToString()), new(PuqClaims.SecurityStamp, staff.SecurityStamp), new(PuqClaims.Name, "Helen Desk")], "test");
        var began = DateTimeOffset.UtcNow;
        var clientIdentity = new System.Security.Claims.ClaimsIdentity(
            [new(PuqClaims.ClientUserId, owner.UserId.ToString()), new(PuqClaims.SecurityStamp, await StampAsync(owner.UserId)),
             .. PuqCloud.Web.Infrastructure.StaffSignedInAsClient.Claims(staffIdentity, owner.ClientId, began + PuqCloud.Web.Infrastructure.StaffSignedInAsClient.Lifetime)], "test");
        await using (var db = app.CreateDbContext())
        {
            db.AdminGroupPermissions.Add(new Core.Domain.Staff.AdminGroupPermission { GroupId = group.Id, Permission = Permissions.ClientsSignInAs });
            await db.SaveChangesAsync();
        }
        Task<bool> StillValidAsync(System.Security.Claims.ClaimsIdentity console, TimeSpan after) =>
            PuqCloud.Web.Infrastructure.SessionRevalidation.StillValidAsync(new([console, clientIdentity]), access, "127.0.0.1", began + after, CancellationToken.None);
        (await StillValidAsync(staffIdentity, TimeSpan.FromMinutes(59))).Should().BeTrue();
        (await StillValidAsync(staffIdentity, TimeSpan.FromMinutes(60))).Should().BeFalse("the session ends an hour after it began");
        Core.Domain.Staff.StaffAccount admin;
        await using (var db = app.CreateDbContext())
            admin = await db.StaffAccounts.AsNoTracking().SingleAsync(a => a.Email == PuqAppFactory.AdminEmail);
        var otherConsole = new System.Security.Claims.ClaimsIdentity([new(PuqClaims.StaffId, admin.Id.ToString()), new(PuqClaims.SecurityStamp, admin.SecurityStamp)], "test");
        (await StillValidAsync(otherConsole, TimeSpan.FromMinutes(1))).Should().BeFalse("the browser's console is now someone else's");
    }

    /// <summary>
    /// "Nobody gives more than they hold" read the acting member's permissions once and kept them for the life of the
    /// scope (its handlers are scoped), which in the console is the open tab: a member whose permission was taken away could
    /// still give it from a Users page opened before. Each check now reads them afresh.
    /// </summary>
    [Fact]
    public async Task A_permission_taken_from_a_user_manager_cannot_be_given_from_a_tab_opened_before()
    {
        var owner = await app.SignUpAsync();
        var manager = await app.InviteMemberAsync(owner, $"manager-{Guid.NewGuid():N}@example.test", ClientPermissions.ManageUsers, ClientPermissions.ManageInvoices);
        await using var tab = app.OpenClientTab(manager);
        await tab.SendAsync(new InviteClientUser(owner.ClientId, $"first-{Guid.NewGuid():N}@example.test", null, null, [ClientPermissions.ManageInvoices]));

        await app.SendAsClientAsync(owner.UserId, new SetClientMemberPermissions(owner.ClientId, manager, [ClientPermissions.ManageUsers]));

        (await FluentActions.Awaiting(() => tab.SendAsync(new InviteClientUser(owner.ClientId, $"second-{Guid.NewGuid():N}@example.test", null, null, [ClientPermissions.ManageInvoices])))
            .Should().ThrowAsync<AccessDeniedException>()).Which.Message.Should().Contain(ClientPermissions.ManageInvoices);
    }

    /// <summary>
    /// "Sign in as client" opens one client, but the owner's login may belong to others: staff could switch to one of them
    /// and act there, under an audit row naming the first. Such a session now reaches the client it was opened for only.
    /// </summary>
    [Fact]
    public async Task A_session_staff_opened_as_a_client_reaches_that_client_only()
    {
        var owner = await app.SignUpAsync();
        var other = await app.SignUpAsync();
        await app.SendAsClientAsync(other.UserId, new InviteClientUser(other.ClientId, owner.Email, null, null, [ClientPermissions.ManageInvoices]));
        await app.AcceptInvitationAsync(owner.UserId, other.ClientId);
        (await app.SendAsClientAsync(owner.UserId, new ListMyClients())).Should().HaveCount(2, "the owner's own session reaches both");

        (await app.SendAsClientSignedInByStaffAsync(owner.UserId, owner.ClientId, new GetMyDashboard(owner.ClientId))).Should().NotBeNull();
        await app.Invoking(a => a.SendAsClientSignedInByStaffAsync(owner.UserId, owner.ClientId, new GetMyDashboard(other.ClientId)))
            .Should().ThrowAsync<NotFoundException>("staff opened the owner's client, not this one");
        (await app.SendAsClientSignedInByStaffAsync(owner.UserId, owner.ClientId, new ListMyClients())).Select(c => c.ClientId).Should().Equal(owner.ClientId);
    }

    /// <summary>
    /// Staff see the invitations a client's user manager sent from the client area (the Users tab, the admin API) and may
    /// withdraw one: the person then has nothing to accept.
    /// </summary>
    [Fact]
    public async Task Staff_see_a_client_s_invitations_waiting_and_withdraw_one()
    {
        var owner = await app.SignUpAsync();
        var invited = await app.SignUpAsync();
        await app.SendAsClientAsync(owner.UserId, new InviteClientUser(owner.ClientId, invited.Email, null, null, [ClientPermissions.ManageServices]));
        var staff = await app.SuperAdminClientAsync();
        var api = $"/api/admin/v1/clients/{owner.ClientId}/invitations";

        var listed = (await (await staff.GetAsync(api)).JsonAsync()).EnumerateArray().Should().ContainSingle().Subject;
        (listed.GetProperty("clientUserId").GetGuid(), listed.GetProperty("email").GetString(), listed.GetProperty("permissions")[0].GetString())
            .Should().Be((invited.UserId, invited.Email, ClientPermissions.ManageServices));
        (await staff.GetAsync($"/api/admin/v1/clients/{Guid.NewGuid()}/invitations")).StatusCode.Should().Be(System.Net.HttpStatusCode.NotFound);

        (await staff.DeleteAsync($"{api}/{invited.UserId}")).StatusCode.Should().Be(System.Net.HttpStatusCode.NoContent);
        (await staff.DeleteAsync($"{api}/{invited.UserId}")).StatusCode.Should().Be(System.Net.HttpStatusCode.NotFound, "it is gone");
        (await (await staff.GetAsync(api)).JsonAsync()).GetArrayLength().Should().Be(0);
        (await app.SendAsClientAsync(invited.UserId, new ListMyInvitations())).Should().BeEmpty("nothing is left to accept");
        await app.Invoking(a => a.AcceptInvitationAsync(invited.UserId, owner.ClientId)).Should().ThrowAsync<NotFoundException>();
    }

    /// <summary>
    /// Switching the client a person acts for is a GET (a plain form). A link on another site must not do it: the browser
    /// says where the request came from (Sec-Fetch-Site), and only this site's pages, or none (typed, a bookmark), switch.
    /// </summary>
    [Fact]
    public async Task A_client_switch_sent_from_another_site_is_not_followed()
    {
        var member = await app.SignUpAsync();
        var other = await app.SignUpAsync();
        await app.SendAsClientAsync(other.UserId, new InviteClientUser(other.ClientId, member.Email, null, null, []));
        await app.AcceptInvitationAsync(member.UserId, other.ClientId);
        var browser = await app.ClientCookieClientAsync(member.Email, ClientAreaSession.Password);
        async Task<HttpResponseMessage> SwitchAsync(string? site)
        {
            var request = new HttpRequestMessage(HttpMethod.Get, $"/client/switch?client={other.ClientId}&returnUrl=%2Fprofile");
            if (site is not null) request.Headers.Add("Sec-Fetch-Site", site);
            return await browser.SendAsync(request);
        }
        static bool Remembers(HttpResponseMessage response) =>
            response.Headers.TryGetValues("Set-Cookie", out var cookies) && cookies.Any(c => c.StartsWith("puq.client.current=", StringComparison.Ordinal));

        foreach (var site in new[] { "cross-site", "same-site" })
        {
            var refused = await SwitchAsync(site);
            ((int)refused.StatusCode, refused.Headers.Location?.OriginalString).Should().Be((302, "/profile"), site);
            Remembers(refused).Should().BeFalse($"a request from {site} changes nothing");
        }
        foreach (var site in new[] { "same-origin", "none", null })
            Remembers(await SwitchAsync(site)).Should().BeTrue($"a request from {site ?? "a browser without the header"} switches");
    }

    /// <summary>
    /// The invited person may decline; the client may withdraw an invitation not answered yet; a member who is not the owner
    /// may leave, and their tokens for the client end with it. Staff signed in as the person answer nothing for them.
    /// </summary>
    [Fact]
    public async Task An_invitation_is_declined_or_withdrawn_and_a_member_leaves_with_their_tokens()
    {
        var owner = await app.SignUpAsync();
        var invited = await app.SignUpAsync();
        var invite = new InviteClientUser(owner.ClientId, invited.Email, null, null, [ClientPermissions.ModifyProfile]);

        await app.SendAsClientAsync(owner.UserId, invite);
        (await app.Invoking(a => a.SendAsClientSignedInByStaffAsync(invited.UserId, invited.ClientId, new AnswerClientInvitation(owner.ClientId, true)))
            .Should().ThrowAsync<AccessDeniedException>()).Which.Message.Should().Be(NotWhileImpersonatingAttribute.Refusal);
        await app.SendAsClientAsync(invited.UserId, new AnswerClientInvitation(owner.ClientId, Accept: false));
        (await app.SendAsClientAsync(invited.UserId, new ListMyInvitations())).Should().BeEmpty();

        await app.SendAsClientAsync(owner.UserId, invite);
        await app.SendAsClientAsync(owner.UserId, new WithdrawMyClientInvitation(owner.ClientId, invited.UserId));
        await app.Invoking(a => a.AcceptInvitationAsync(invited.UserId, owner.ClientId)).Should().ThrowAsync<NotFoundException>("it was withdrawn");
        (await app.SendAsClientAsync(owner.UserId, new ListMyClientMembers(owner.ClientId))).Should().ContainSingle("declined and withdrawn, nobody joined");

        await app.SendAsClientAsync(owner.UserId, invite);
        await app.AcceptInvitationAsync(invited.UserId, owner.ClientId);
        await app.SendAsClientAsync(invited.UserId, new CreateClientApiToken(owner.ClientId, "sync", 30));
        await app.Invoking(a => a.SendAsClientAsync(owner.UserId, new LeaveClient(owner.ClientId))).Should().ThrowAsync<RuleViolationException>("the owner hands ownership on first");
        await app.SendAsClientAsync(invited.UserId, new LeaveClient(owner.ClientId));

        (await app.SendAsClientAsync(invited.UserId, new ListMyClients())).Select(c => c.ClientId).Should().Equal(invited.ClientId);
        await using var db = app.CreateDbContext();
        (await db.ClientApiTokens.Where(t => t.ClientId == owner.ClientId && t.ClientUserId == invited.UserId).Select(t => t.RevokedAt).SingleAsync()).Should().NotBeNull();
    }

    [Fact]
    public async Task Changing_the_own_password_needs_the_current_one_and_changes_the_stamp()
    {
        var owner = await app.SignUpAsync();
        var stamp = await StampAsync(owner.UserId);
        await app.SendAnonymousAsync(new RequestPasswordReset(owner.Email));
        var openLink = ClientAreaSession.TokenOf(await app.WaitForMailToAsync(owner.Email));

        (await app.Invoking(a => a.SendAsClientAsync(owner.UserId, new ChangeMyClientPassword("wrong-password-1", "Changed-pass-555", "Changed-pass-555")))
            .Should().ThrowAsync<RequestValidationException>()).Which.Errors.Keys.Should().Equal("CurrentPassword");
        (await StampAsync(owner.UserId)).Should().Be(stamp);

        var session = await app.SendAsClientAsync(owner.UserId, new ChangeMyClientPassword(ClientAreaSession.Password, "Changed-pass-555", "Changed-pass-555"));
        session.SecurityStamp.Should().NotBe(stamp).And.Be(await StampAsync(owner.UserId));
        (await app.SendAnonymousAsync(new SignInClientUser(owner.Email, "Changed-pass-555"))).Outcome.Should().Be(SignInOutcome.Succeeded);
        // The reset link asked for before the change is spent with it.
        (await app.Invoking(a => a.SendAnonymousAsync(new ResetPassword(openLink, "Another-pass-666", "Another-pass-666"))).Should().ThrowAsync<RuleViolationException>())
            .Which.Message.Should().Be(ResetPasswordHandler.InvalidLink);
    }

    /// <summary>An open session cannot be used to guess the password: after five wrong ones, not even the right one is checked for a while.</summary>
    [Fact]
    public async Task Five_wrong_current_passwords_stop_the_guessing_for_a_while()
    {
        var owner = await app.SignUpAsync();
        for (var i = 0; i < Core.Domain.Common.Account.MaxFailedSignIns; i++)
            await app.Invoking(a => a.SendAsClientAsync(owner.UserId, new ChangeMyClientPassword($"wrong-pass-{i}", "Changed-pass-555", "Changed-pass-555")))
                .Should().ThrowAsync<RequestValidationException>();
        (await app.Invoking(a => a.SendAsClientAsync(owner.UserId, new ChangeMyClientPassword(ClientAreaSession.Password, "Changed-pass-555", "Changed-pass-555")))
            .Should().ThrowAsync<TooManyAttemptsException>()).Which.Message.Should().Be("Too many wrong passwords: try again in 15 minute(s).");
        (await app.SendAnonymousAsync(new SignInClientUser(owner.Email, ClientAreaSession.Password))).Outcome.Should().Be(SignInOutcome.Succeeded,
            "the password was not changed");
    }

    /// <summary>
    /// Staff editing a user change only what they mean to: an untouched two-factor box sends nothing (it used to send "off",
    /// wiping a set-up the user had begun), and a new address starts unproven even with the old address's tick.
    /// </summary>
    [Fact]
    public async Task Staff_edits_leave_a_begun_two_factor_set_up_alone_and_a_new_address_unproven()
    {
        var user = await app.SignUpAsync();
        await app.SendAsClientAsync(user.UserId, new BeginClientTwoFactorSetup());
        var d = await app.SendAsSystemAsync(new GetUser(user.UserId));
        var kept = await app.SendAsSystemAsync(new UpdateUser(user.UserId, d.Email, d.FirstName, d.LastName, d.Phone, d.Language, "Called about the invoice", d.Status,
            EmailVerified: true, d.PhoneVerified, TwoFactorEnabled: false, NewPassword: null));
        kept.EmailVerified.Should().BeTrue("staff ticked the same address");
        await using (var db = app.CreateDbContext())
            (await db.ClientUsers.Where(u => u.Id == user.UserId).Select(u => u.PendingTotpSecret).SingleAsync()).Should().NotBeNull("the set-up the user began is theirs to finish");

        var moved = await app.SendAsSystemAsync(new UpdateUser(user.UserId, NewEmail("moved"), d.FirstName, d.LastName, d.Phone, d.Language, null, d.Status,
            EmailVerified: true, d.PhoneVerified, TwoFactorEnabled: null, NewPassword: null));
        moved.EmailVerified.Should().BeFalse("nobody proved the new address");
    }

    // ---------------------------------------------------------------- isolation

    /// <summary>
    /// Every request about one client, sent by the owner of client A (who holds every permission there)
    /// with client B's id, is refused, and client B is unchanged afterwards.
    /// </summary>
    [Fact]
    public async Task A_user_of_one_client_can_read_or_change_nothing_of_another()
    {
        var a = await app.SignUpAsync(company: "Client A");
        var b = await app.SignUpAsync(company: "Client B");
        var bMember = await app.InviteMemberAsync(b, NewEmail("b-member"), ClientPermissions.ViewTransactions);
        var before = await SnapshotAsync(b.ClientId);

        var scoped = typeof(IClientScoped).Assembly.GetTypes()
            .Where(t => t is { IsClass: true, IsAbstract: false } && typeof(IClientScoped).IsAssignableFrom(t))
            .ToList();
        scoped.Should().Contain([typeof(GetClientProfile), typeof(UpdateClientProfile), typeof(ListMyClientMembers), typeof(InviteClientUser),
            typeof(SetClientMemberPermissions), typeof(RemoveMyClientMember), typeof(TransferClientOwnership)]);

        foreach (var type in scoped)
        {
            var request = Build(type, b, bMember);
            var act = () => app.SendAsClientAsync(a.UserId, request);
            var refusal = (await act.Should().ThrowAsync<Exception>($"{type.Name} must refuse a user of another client")).Which;
            refusal.Should().Match<Exception>(e => e is NotFoundException || e is AccessDeniedException, $"{type.Name} answered {refusal.GetType().Name}: {refusal.Message}");
        }

        (await SnapshotAsync(b.ClientId)).Should().Be(before);
        // A's own memberships did not grow either (nothing of B leaked into A).
        (await app.SendAsClientAsync(a.UserId, new ListMyClientMembers(a.ClientId))).Should().ContainSingle();
        (await app.SendAsClientAsync(a.UserId, new ListMyClients())).Select(c => c.ClientId).Should().Equal(a.ClientId);

        // Naming B's user inside A's own client finds nobody either.
        await app.Invoking(x => x.SendAsClientAsync(a.UserId, new SetClientMemberPermissions(a.ClientId, bMember, ClientPermissions.All.ToList()))).Should().ThrowAsync<NotFoundException>();
        await app.Invoking(x => x.SendAsClientAsync(a.UserId, new RemoveMyClientMember(a.ClientId, bMember))).Should().ThrowAsync<NotFoundException>();
        await app.Invoking(x => x.SendAsClientAsync(a.UserId, new TransferClientOwnership(a.ClientId, b.UserId))).Should().ThrowAsync<NotFoundException>();
        (await SnapshotAsync(b.ClientId)).Should().Be(before);
    }

    /// <summary>A request of the given type aimed at client B, with valid values for everything else.</summary>
    private static object Build(Type type, SignedUp b, Guid bMember)
    {
        var constructor = type.GetConstructors().OrderByDescending(c => c.GetParameters().Length).First();
        var arguments = constructor.GetParameters().Select(p => Value(p, b, bMember)).ToArray();
        return constructor.Invoke(arguments);
    }

    private static object? Value(ParameterInfo parameter, SignedUp b, Guid bMember)
    {
        var name = parameter.Name!;
        var type = Nullable.GetUnderlyingType(parameter.ParameterType) ?? parameter.ParameterType;
        if (name == nameof(IClientScoped.ClientId)) return b.ClientId;
        if (type == typeof(Guid)) return name.Contains("Owner", StringComparison.Ordinal) ? bMember : bMember;
        if (type == typeof(string))
        {
            return name switch
            {
                "Email" => $"leak-{Guid.NewGuid():N}@example.test",
                "CountryCode" => "PL",
                "Region" => "PL-02",
                "Phone" => "+48 12 345 67 89",
                "Postcode" => "50-001",
                _ => "Changed by another client",
            };
        }
        if (type == typeof(bool)) return true;
        if (type == typeof(int) || type == typeof(decimal)) return Convert.ChangeType(1, type);
        if (typeof(IEnumerable<string>).IsAssignableFrom(type)) return ClientPermissions.All.ToList();
        if (type == typeof(PageRequest)) return new PageRequest();
        if (type.IsEnum) return Enum.GetValues(type).GetValue(0);
        return parameter.HasDefaultValue ? parameter.DefaultValue : throw new InvalidOperationException($"Add a value for {parameter.ParameterType.Name} {name} to the isolation test.");
    }

    private async Task<string> SnapshotAsync(Guid clientId)
    {
        await using var db = app.CreateDbContext();
        var client = await db.Clients.AsNoTracking().Include(c => c.Addresses).SingleAsync(c => c.Id == clientId);
        var members = await db.ClientMemberships.AsNoTracking().Where(m => m.ClientId == clientId).OrderBy(m => m.ClientUserId)
            .Select(m => new { m.ClientUserId, m.IsOwner, m.Permissions }).ToListAsync();
        var users = await db.ClientUsers.AsNoTracking().Where(u => u.Memberships.Any(m => m.ClientId == clientId)).OrderBy(u => u.Id)
            .Select(u => new { u.Id, u.Email, u.PasswordHash, u.SecurityStamp }).ToListAsync();
        return System.Text.Json.JsonSerializer.Serialize(new
        {
            client.CompanyName, client.FirstName, client.LastName, client.TaxId, client.Phone, client.Status, client.UpdatedAt,
            Addresses = client.Addresses.OrderBy(x => x.Id).Select(x => new { x.Address1, x.City, x.CountryCode, x.Region, x.UpdatedAt }),
            members, users,
            Tokens = await db.PasswordResetTokens.CountAsync(t => users.Select(u => u.Id).Contains(t.ClientUserId)),
        });
    }

    private async Task<(int Users, int Clients, int Memberships, int Addresses)> CountsAsync()
    {
        await using var db = app.CreateDbContext();
        return (await db.ClientUsers.CountAsync(), await db.Clients.CountAsync(), await db.ClientMemberships.CountAsync(), await db.ClientAddresses.CountAsync());
    }

    private async Task<int> CountMailTasksAsync()
    {
        await using var db = app.CreateDbContext();
        return await db.QueuedTasks.CountAsync(t => t.Name == PasswordResetMail.TaskName);
    }

    private async Task<Core.Domain.Engine.QueuedTask> MailTaskOfAsync(Guid tokenId)
    {
        await using var db = app.CreateDbContext();
        var tasks = await db.QueuedTasks.AsNoTracking().Where(t => t.Name == PasswordResetMail.TaskName).ToListAsync();
        return tasks.Single(t => t.InputJson!.Contains(tokenId.ToString()));
    }

    private async Task<int> CountTokensAsync()
    {
        await using var db = app.CreateDbContext();
        return await db.PasswordResetTokens.CountAsync();
    }

    private async Task<string> StampAsync(Guid userId)
    {
        await using var db = app.CreateDbContext();
        return await db.ClientUsers.Where(u => u.Id == userId).Select(u => u.SecurityStamp).SingleAsync();
    }
}

public sealed class SqliteClientAreaRequestTests(SqliteAppFixture fixture) : ClientAreaRequestTests(fixture.App), IClassFixture<SqliteAppFixture>;

public sealed class PostgresClientAreaRequestTests(PostgresAppFixture fixture) : ClientAreaRequestTests(fixture.App), IClassFixture<PostgresAppFixture>;
