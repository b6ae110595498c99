using PuqCloud.Core.Features.Reference;
using System.Security.Claims;
using System.Text.RegularExpressions;
using MediatR;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PuqCloud.Core.Features.ClientArea;
using PuqCloud.Core.Security;

namespace PuqCloud.Tests.Support;

/// <summary>
/// Sends Core requests through the real pipeline (authorization, validation, audit) as a client user or
/// as nobody, the way the client-area pages do, without a browser.
/// </summary>
public static partial class ClientAreaSession
{
    public const string Password = "Client-area-pass-2026";

    public static Task<T> SendAsClientAsync<T>(this PuqAppFactory app, Guid clientUserId, IRequest<T> request) =>
        app.SendAsync(new ClaimsPrincipal(new ClaimsIdentity([new Claim(PuqClaims.ClientUserId, clientUserId.ToString()), new Claim(PuqClaims.Name, "Test client user")], "Test")), request);

    /// <summary>As the client user, in a session a staff member opened with "Sign in as client".</summary>
    public static Task<T> SendAsClientSignedInByStaffAsync<T>(this PuqAppFactory app, Guid clientUserId, Guid clientId, IRequest<T> request) =>
        app.SendAsync(new ClaimsPrincipal(new ClaimsIdentity(
        [
            new Claim(PuqClaims.ClientUserId, clientUserId.ToString()), new Claim(PuqClaims.Name, "Test client user"),
            new Claim(PuqClaims.ImpersonatorName, "Stan Staff"), new Claim(PuqClaims.ImpersonatedClientId, clientId.ToString()),
        ], "Test")), request);

    /// <summary>
    /// The client user's requests sent one after another in one scope, as an open browser tab (its circuit) sends them:
    /// what a scoped service remembers from one request is still there at the next.
    /// </summary>
    public static ClientTab OpenClientTab(this PuqAppFactory app, Guid clientUserId) =>
        new(app.Services.CreateAsyncScope(), new ClaimsPrincipal(new ClaimsIdentity([new Claim(PuqClaims.ClientUserId, clientUserId.ToString()), new Claim(PuqClaims.Name, "Test client user")], "Test")));

    public sealed class ClientTab(AsyncServiceScope scope, ClaimsPrincipal user) : IAsyncDisposable
    {
        // Entered again for each request: another request sent meanwhile (in its own scope) takes the shared HTTP context over.
        public Task<T> SendAsync<T>(IRequest<T> request)
        {
            Enter(scope.ServiceProvider, user);
            return scope.ServiceProvider.GetRequiredService<IMediator>().Send(request);
        }

        public ValueTask DisposeAsync() => scope.DisposeAsync();
    }

    public static Task<T> SendAnonymousAsync<T>(this PuqAppFactory app, IRequest<T> request) => app.SendAsync(new ClaimsPrincipal(new ClaimsIdentity()), request);

    /// <summary>As nobody, from the IP address <paramref name="ip"/> (sign-in throttling and lockout are per address).</summary>
    public static Task<T> SendAnonymousFromAsync<T>(this PuqAppFactory app, string ip, IRequest<T> request) =>
        app.SendAsync(new ClaimsPrincipal(new ClaimsIdentity()), request, ip);

    /// <summary>Object-typed, for requests built by reflection.</summary>
    public static async Task SendAsClientAsync(this PuqAppFactory app, Guid clientUserId, object request)
    {
        var response = request.GetType().GetInterfaces().First(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IRequest<>)).GetGenericArguments()[0];
        var send = typeof(ClientAreaSession).GetMethod(nameof(SendTypedAsync), System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Static)!.MakeGenericMethod(response);
        await (Task)send.Invoke(null, [app, clientUserId, request])!;
    }

    private static Task<T> SendTypedAsync<T>(PuqAppFactory app, Guid clientUserId, object request) => app.SendAsClientAsync(clientUserId, (IRequest<T>)request);

    internal static async Task<T> SendAsync<T>(this PuqAppFactory app, ClaimsPrincipal user, IRequest<T> request, string? ip = null)
    {
        await using var scope = app.Services.CreateAsyncScope();
        Enter(scope.ServiceProvider, user, ip);
        return await scope.ServiceProvider.GetRequiredService<IMediator>().Send(request);
    }

    // The web actor source reads the current HTTP context; this async flow gets one of its own.
    private static void Enter(IServiceProvider services, ClaimsPrincipal user, string? ip = null)
    {
        var context = new DefaultHttpContext { User = user, RequestServices = services };
        if (ip is not null) context.Connection.RemoteIpAddress = System.Net.IPAddress.Parse(ip);
        context.Request.Scheme = "http";
        context.Request.Host = new HostString("client-area.test");
        services.GetRequiredService<IHttpContextAccessor>().HttpContext = context;
    }

    /// <summary>An HTTP client of the client API with a token <paramref name="user"/> made for <paramref name="clientId"/> in the client area.</summary>
    public static async Task<HttpClient> ClientApiClientAsync(this PuqAppFactory app, Guid user, Guid clientId)
    {
        var issued = await app.SendAsClientAsync(user, new CreateClientApiToken(clientId, "Test script", 30));
        return app.CreateClient().WithBearer(issued.Token);
    }

    /// <summary>An HTTP client of the client API for the owner of <paramref name="clientId"/> (<see cref="ClientApiClientAsync"/>).</summary>
    public static async Task<HttpClient> OwnerApiClientAsync(this PuqAppFactory app, Guid clientId)
    {
        Guid owner;
        await using (var db = app.CreateDbContext())
            owner = db.ClientMemberships.Single(m => m.ClientId == clientId && m.IsOwner).ClientUserId;
        return await app.ClientApiClientAsync(owner, clientId);
    }

    /// <summary>A sign-up with valid fields: a new client user who owns a new client.</summary>
    public static async Task<SignedUp> SignUpAsync(this PuqAppFactory app, string? email = null, string? company = null)
    {
        email ??= $"owner-{Guid.NewGuid():N}@example.test";
        var result = await app.SendAnonymousAsync(await app.SignUpRequestAsync(email, company));
        await using var db = app.CreateDbContext();
        var clientId = db.ClientMemberships.Single(m => m.ClientUserId == result.AccountId && m.IsOwner).ClientId;
        return new SignedUp(result.AccountId!.Value, clientId, email);
    }

    public static async Task<SignUpClient> SignUpRequestAsync(this PuqAppFactory app, string email, string? company = null)
    {
        var currencies = await app.SendAnonymousAsync(new ListCurrencyOptions());
        return new SignUpClient(email, Password, Password, "Olga", "Owner", company ?? "Owner Sp. z o.o.", "PL5260250274", "+48 22 123 45 67",
            "ul. Prosta 1", null, "Warszawa", "00-001", "PL", "PL-14", currencies.Single(c => c.IsDefault).Id, "en");
    }

    /// <summary>
    /// The invited person accepts the client's invitation, as the button on their home page does; a login whose address is
    /// not proven yet first follows the link in the invitation e-mail (choosing the same password), as the mail asks.
    /// </summary>
    public static async Task AcceptInvitationAsync(this PuqAppFactory app, Guid clientUserId, Guid clientId)
    {
        await using (var db = app.CreateDbContext())
        {
            var user = await db.ClientUsers.AsNoTracking().SingleAsync(u => u.Id == clientUserId);
            if (user.EmailVerifiedAt is null && app.LatestMailTo(user.Email) is { } mail && TokenOf(mail) is { Length: > 0 } token)
                await app.SendAnonymousAsync(new ResetPassword(token, Password, Password));
        }
        await app.SendAsClientAsync(clientUserId, new AnswerClientInvitation(clientId, Accept: true));
    }

    /// <summary>Adds a member to a client through the owner's invitation, and gives them a password as the link would.</summary>
    public static async Task<Guid> InviteMemberAsync(this PuqAppFactory app, SignedUp owner, string email, params string[] permissions)
    {
        var invited = await app.SendAsClientAsync(owner.UserId, new InviteClientUser(owner.ClientId, email, "Mia", "Member", permissions));
        var link = app.LatestMailTo(email)!;
        await app.SendAnonymousAsync(new ResetPassword(TokenOf(link), Password, Password));
        return invited.ClientUserId;
    }

    /// <summary>The newest .eml in the outbox addressed to <paramref name="email"/>, or null.</summary>
    public static string? LatestMailTo(this PuqAppFactory app, string email)
    {
        var outbox = Path.Combine(app.DataPath, "outbox");
        if (!Directory.Exists(outbox)) return null;
        return Directory.EnumerateFiles(outbox, "*.eml").OrderByDescending(f => f, StringComparer.Ordinal)
            .Select(File.ReadAllText).FirstOrDefault(text => text.Contains($"To: {email}\r\n", StringComparison.Ordinal));
    }

    /// <summary>Waits for the mail that the task queue sends to <paramref name="email"/> (forgot password) and answers it.</summary>
    public static async Task<string> WaitForMailToAsync(this PuqAppFactory app, string email)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            if (app.LatestMailTo(email) is { } mail) return mail;
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"No mail reached {email} within 30 s.");
            await Task.Delay(100);
        }
    }

    public static string LinkIn(string mail) => LinkPattern().Match(mail).Value;

    public static string TokenOf(string mailOrLink) => TokenPattern().Match(mailOrLink).Groups[1].Value;

    [GeneratedRegex(@"https?://\S+/login/reset\?token=[A-Za-z0-9_-]+(&welcome=1)?")]
    private static partial Regex LinkPattern();

    [GeneratedRegex(@"token=([A-Za-z0-9_-]+)")]
    private static partial Regex TokenPattern();
}

public sealed record SignedUp(Guid UserId, Guid ClientId, string Email);
