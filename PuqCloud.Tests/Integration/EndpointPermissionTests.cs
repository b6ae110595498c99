using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using PuqCloud.Core.Security;
using PuqCloud.Tests.Support;

namespace PuqCloud.Tests.Integration;

/// <summary>
/// Every admin API endpoint, found from the app's own routing table, refuses a signed-in staff member who
/// holds no permission with 403 — except the few that serve the caller's own account.
/// </summary>
public sealed partial class EndpointPermissionTests(SqliteAppFixture fixture) : IClassFixture<SqliteAppFixture>
{
    /// <summary>Endpoints any signed-in staff member may use: sign-in, their own account and tokens.</summary>
    private static readonly HashSet<string> SelfService = new(StringComparer.OrdinalIgnoreCase)
    {
        "POST api/admin/v1/auth/token",
        "GET api/admin/v1/me",
        "GET api/admin/v1/tokens",
        "POST api/admin/v1/tokens",
        "DELETE api/admin/v1/tokens/{id:guid}",
    };

    [Fact]
    public async Task Every_admin_endpoint_refuses_staff_without_its_permission()
    {
        var app = fixture.App;
        var endpoints = app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText?.TrimStart('/').StartsWith("api/admin/v1", StringComparison.Ordinal) == true)
            .SelectMany(e => (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["GET"]).Select(m => (Method: m, Pattern: e.RoutePattern.RawText!.TrimStart('/'),
                Multipart: e.Metadata.GetMetadata<IAcceptsMetadata>()?.ContentTypes.Contains("multipart/form-data") == true)))
            .Distinct()
            .ToList();
        endpoints.Should().HaveCountGreaterThan(10);

        var nobody = await app.StaffClientWithAsync();
        var answers = new List<string>();
        foreach (var (method, pattern, multipart) in endpoints.Where(e => !SelfService.Contains($"{e.Method} {e.Pattern}")))
        {
            var path = "/" + RouteParameter().Replace(pattern, m => SampleRouteValue(m.Value));
            using var request = new HttpRequestMessage(new HttpMethod(method), path);
            if (multipart) request.Content = new MultipartFormDataContent { { new ByteArrayContent(CatalogData.TinyPng), "file", "icon.png" } };
            else if (method is "POST" or "PUT" or "PATCH") request.Content = new StringContent("{}", Encoding.UTF8, "application/json");
            var response = await nobody.SendAsync(request);
            if (response.StatusCode != HttpStatusCode.Forbidden) answers.Add($"{method} {pattern} answered {(int)response.StatusCode}");
        }
        answers.Should().BeEmpty("every endpoint checks the permission of its request before anything else");
    }

    [Fact]
    public async Task Self_service_endpoints_stay_open_to_any_staff_member()
    {
        var nobody = await fixture.App.StaffClientWithAsync();

        (await nobody.GetAsync("/api/admin/v1/me")).StatusCode.Should().Be(HttpStatusCode.OK);
        (await nobody.GetAsync("/api/admin/v1/tokens")).StatusCode.Should().Be(HttpStatusCode.OK);
        Permissions.All.Should().NotBeEmpty();
    }

    /// <summary>A value a route parameter accepts, so that routing and binding let the request reach its permission check.</summary>
    private static string SampleRouteValue(string parameter) => parameter switch
    {
        _ when parameter.Contains(":guid") => Guid.NewGuid().ToString(),
        "{slot}" => "Icon",
        _ => "PL",
    };

    [GeneratedRegex(@"\{[^}]+\}")]
    private static partial Regex RouteParameter();
}
