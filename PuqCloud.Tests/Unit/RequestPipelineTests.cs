using System.Reflection;
using FluentValidation;
using MediatR;
using PuqCloud.Core.Common;
using PuqCloud.Core.Common.Behaviours;
using PuqCloud.Core.Features.Auth;
using PuqCloud.Core.Security;

namespace PuqCloud.Tests.Unit;

public sealed class RequestPipelineTests
{
    private static readonly Assembly Core = typeof(RequestValidationException).Assembly;

    /// <summary>No permission, no access: every request of the product declares who may send it, exactly once.</summary>
    [Fact]
    public void Every_request_type_declares_its_access()
    {
        var requests = Core.GetTypes()
            .Where(t => t is { IsClass: true, IsAbstract: false } && t.GetInterfaces().Any(i => i == typeof(IBaseRequest)))
            .ToList();

        requests.Should().NotBeEmpty();
        requests.Where(t => t.GetCustomAttributes<AccessAttribute>(inherit: false).Count() != 1)
            .Select(t => t.FullName).Should().BeEmpty("each request must carry exactly one access attribute");
    }

    [Fact]
    public void Every_declared_permission_is_in_the_catalog()
    {
        var declared = Core.GetTypes().Select(t => t.GetCustomAttribute<RequiresPermissionAttribute>(inherit: false)?.Permission).OfType<string>();

        Permissions.All.Should().Contain(declared);
    }

    [Fact]
    public async Task A_save_that_found_its_row_changed_is_refused_as_a_conflict_not_a_failure()
    {
        var behaviour = new ConcurrencyConflictBehaviour<SignInStaff, SignInResult>();
        var refused = await behaviour.Invoking(b => b.Handle(new SignInStaff("a@b.test", "x"), CancellationToken.None,
            () => throw new Microsoft.EntityFrameworkCore.DbUpdateConcurrencyException("changed"))).Should().ThrowAsync<RuleViolationException>();
        refused.Which.Message.Should().Be(ConcurrencyConflictBehaviour<SignInStaff, SignInResult>.Message);
    }

    [Fact]
    public async Task Validation_turns_failures_into_field_errors_before_the_handler()
    {
        var behaviour = new ValidationBehaviour<SignInStaff, SignInResult>([new SignInStaffValidator()]);
        var handlerRan = false;

        var act = () => behaviour.Handle(new SignInStaff("", ""), CancellationToken.None, () =>
        {
            handlerRan = true;
            return Task.FromResult(new SignInResult(SignInOutcome.Succeeded));
        });

        var error = (await act.Should().ThrowAsync<RequestValidationException>()).Which;
        error.Errors.Keys.Should().BeEquivalentTo(["Email", "Password"]);
        handlerRan.Should().BeFalse();
    }

    [Fact]
    public async Task Authorization_refuses_a_request_without_a_declaration()
    {
        var behaviour = new AuthorizationBehaviour<UndeclaredRequest, int>(new ActorContext([]), new FakeAccess(null));

        await behaviour.Invoking(b => b.Handle(new UndeclaredRequest(), CancellationToken.None, () => Task.FromResult(1)))
            .Should().ThrowAsync<AccessDeniedException>();
    }

    [Fact]
    public async Task Authorization_wants_a_signed_in_active_staff_member()
    {
        var anonymous = new AuthorizationBehaviour<NeedsDashboard, int>(new ActorContext([]), new FakeAccess(null));
        await anonymous.Invoking(b => b.Handle(new NeedsDashboard(), CancellationToken.None, () => Task.FromResult(1)))
            .Should().ThrowAsync<NotAuthenticatedException>();

        // Signed in once, but the account is disabled now: the database says so, not the old cookie.
        var disabled = new AuthorizationBehaviour<NeedsDashboard, int>(StaffActor(Guid.NewGuid()), new FakeAccess(null));
        await disabled.Invoking(b => b.Handle(new NeedsDashboard(), CancellationToken.None, () => Task.FromResult(1)))
            .Should().ThrowAsync<NotAuthenticatedException>();
    }

    [Fact]
    public async Task Authorization_checks_the_declared_permission()
    {
        var id = Guid.NewGuid();
        var without = new AuthorizationBehaviour<NeedsDashboard, int>(StaffActor(id), new FakeAccess(new StaffAccess(id, "a@b.c", "A", false, new HashSet<string>())));
        await without.Invoking(b => b.Handle(new NeedsDashboard(), CancellationToken.None, () => Task.FromResult(1)))
            .Should().ThrowAsync<AccessDeniedException>();

        var with = new AuthorizationBehaviour<NeedsDashboard, int>(StaffActor(id), new FakeAccess(new StaffAccess(id, "a@b.c", "A", false, new HashSet<string> { Permissions.DashboardView })));
        (await with.Handle(new NeedsDashboard(), CancellationToken.None, () => Task.FromResult(7))).Should().Be(7);
    }

    [Fact]
    public async Task System_only_requests_refuse_people()
    {
        var id = Guid.NewGuid();
        var staff = new AuthorizationBehaviour<SystemWork, int>(StaffActor(id), new FakeAccess(new StaffAccess(id, "a@b.c", "A", true, new HashSet<string>())));
        await staff.Invoking(b => b.Handle(new SystemWork(), CancellationToken.None, () => Task.FromResult(1)))
            .Should().ThrowAsync<AccessDeniedException>();

        var system = new ActorContext([]);
        system.RunAsSystem("test");
        (await new AuthorizationBehaviour<SystemWork, int>(system, new FakeAccess(null)).Handle(new SystemWork(), CancellationToken.None, () => Task.FromResult(3))).Should().Be(3);
    }

    private static ActorContext StaffActor(Guid id) => new([new FixedActor(new Actor(id, null, "Someone", "127.0.0.1", Channels.Web))]);

    private sealed record UndeclaredRequest : IRequest<int>;

    [RequiresPermission(Permissions.DashboardView)]
    private sealed record NeedsDashboard : IRequest<int>;

    [SystemOnly]
    private sealed record SystemWork : IRequest<int>;

    private sealed class FixedActor(Actor actor) : IActorSource
    {
        public Actor GetActor() => actor;
    }

    private sealed class FakeAccess(StaffAccess? staff) : IAccountAccess
    {
        public Task<StaffAccess?> GetStaffAccessAsync(Guid staffId, CancellationToken cancellationToken = default) => Task.FromResult(staff);
        public Task<bool> IsActiveClientUserAsync(Guid clientUserId, CancellationToken cancellationToken = default) => Task.FromResult(false);
        public Task<ClientAccess?> GetClientAccessAsync(Guid clientUserId, Guid clientId, CancellationToken cancellationToken = default) => Task.FromResult<ClientAccess?>(null);
        public Task<bool> IsStaffSessionValidAsync(Guid staffId, string? stamp, string? ip, CancellationToken cancellationToken = default) => Task.FromResult(staff is not null);
        public Task<bool> IsClientSessionValidAsync(Guid clientUserId, string? stamp, CancellationToken cancellationToken = default) => Task.FromResult(false);
        public Task<bool> MayStillSignInAsClientAsync(Guid staffId, string? stamp, string? ip, CancellationToken cancellationToken = default) => Task.FromResult(false);
    }
}
