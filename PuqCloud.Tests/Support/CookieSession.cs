using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;

namespace PuqCloud.Tests.Support;

/// <summary>Sign-in through the static sign-in forms, as a browser does, for tests that need a cookie session over plain HTTP.</summary>
public static partial class CookieSession
{
    /// <summary>An HTTP client (with its own cookie jar) signed in to the console.</summary>
    public static Task<HttpClient> StaffCookieClientAsync(this PuqAppFactory app, string email, string password, CookieContainer? jar = null) =>
        SignInAsync(app, "/admin/login", "staff-login", email, password, jar);

    /// <summary>An HTTP client (with its own cookie jar) signed in to the client area.</summary>
    public static Task<HttpClient> ClientCookieClientAsync(this PuqAppFactory app, string email, string password, CookieContainer? jar = null) =>
        SignInAsync(app, "/login", "client-login", email, password, jar);

    /// <summary>An HTTP client that does not follow redirects and keeps its cookies in <paramref name="jar"/>, which the test can read and copy.</summary>
    public static HttpClient BrowserWith(this PuqAppFactory app, CookieContainer jar) => app.CreateDefaultClient(new CookieContainerHandler(jar));

    /// <summary>
    /// Posts a form of the host's own endpoints (sign out, sign in as client, return to the console) as the signed-in
    /// browser does, with an antiforgery token issued to this session (the staff sign-in page renders one for anybody).
    /// </summary>
    public static async Task<HttpResponseMessage> PostFormAsync(this HttpClient browser, string path) =>
        await browser.PostAsync(path, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = await AntiforgeryTokenAsync(browser, "/admin/login"),
        }));

    private static async Task<string> AntiforgeryTokenAsync(HttpClient browser, string path) =>
        AntiforgeryField().Match(await browser.GetStringAsync(path)) is { Success: true } match ? (match.Groups[1].Success ? match.Groups[1].Value : match.Groups[2].Value)
            : throw new InvalidOperationException($"{path} has no antiforgery field.");

    private static async Task<HttpClient> SignInAsync(PuqAppFactory app, string path, string formName, string email, string password, CookieContainer? jar)
    {
        var client = jar is null ? app.CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = true, AllowAutoRedirect = false }) : app.BrowserWith(jar);
        var token = await AntiforgeryTokenAsync(client, path);
        var response = await client.PostAsync(path, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = formName,
            ["__RequestVerificationToken"] = token,
            ["Input.Email"] = email,
            ["Input.Password"] = password,
        }));
        if ((int)response.StatusCode is < 300 or >= 400)
            throw new InvalidOperationException($"Signing in at {path} did not redirect: {(int)response.StatusCode}");
        return client;
    }

    [GeneratedRegex("""name="__RequestVerificationToken"[^>]*value="([^"]+)"|value="([^"]+)"[^>]*name="__RequestVerificationToken""")]
    private static partial Regex AntiforgeryField();
}
