using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using PuqCloud.Core.Domain.Clients;
using PuqCloud.Core.Finance.Vies;

namespace PuqCloud.Tests.Integration;

/// <summary>
/// The real VIES client against a stand-in of VIES's REST API on loopback (Vies:BaseUrl points at it): the request it
/// sends (Greece as EL, numbers without prefix, the requester for a consultation number) and how it reads answers:
/// valid with date, consultation number, name and address; invalid; and every kind of "could not answer" (member state
/// down, too many requests, HTTP 500, timeout) as Unavailable, never Invalid.
/// </summary>
public sealed class ViesClientTests : IAsyncLifetime
{
    private readonly ConcurrentQueue<JsonElement> _requests = new();
    private WebApplication _vies = default!;
    private ViesVatIdChecker _checker = default!;
    private string _address = "";

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        _vies = builder.Build();
        _vies.MapPost("/taxation_customs/vies/rest-api/check-vat-number", async (HttpRequest request) =>
        {
            var body = (await JsonDocument.ParseAsync(request.Body)).RootElement.Clone();
            _requests.Enqueue(body);
            var number = body.GetProperty("vatNumber").GetString();
            var country = body.GetProperty("countryCode").GetString();
            return number switch
            {
                "094259216" => Json(200, $$"""{"countryCode":"{{country}}","vatNumber":"094259216","requestDate":"2026-12-01T10:15:30.000Z","valid":true,"requestIdentifier":"WAPIAAAAZ4Qk9X","name":"ANONYMI ETAIREIA","address":"ODOS 1 ATHINA","userError":"VALID"}"""),
                "111111111" => Json(200, """{"countryCode":"DE","vatNumber":"111111111","requestDate":"2026-12-01T10:15:30.000Z","valid":false,"requestIdentifier":"","name":"---","address":"---","userError":"INVALID"}"""),
                "222222222" => Json(200, """{"actionSucceed":false,"errorWrappers":[{"error":"MS_UNAVAILABLE","message":"The member state service is unavailable"}]}"""),
                "333333333" => Json(200, """{"countryCode":"DE","vatNumber":"333333333","valid":false,"userError":"MS_MAX_CONCURRENT_REQ"}"""),
                "444444444" => Json(500, "<html>Internal error</html>"),
                "555555555" => Json(400, """{"actionSucceed":false,"errorWrappers":[{"error":"INVALID_INPUT"}]}"""),
                "666666666" => await SlowAsync(),
                _ => Json(200, """{"actionSucceed":false,"errorWrappers":[{"error":"GLOBAL_MAX_CONCURRENT_REQ"}]}"""),
            };
        });
        await _vies.StartAsync();
        _address = _vies.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        // Answers that come are never cut short on a busy machine (a 1 s limit once timed out the first request on CI);
        // the timeout case has a checker of its own.
        _checker = Checker(TimeSpan.FromSeconds(30));
    }


    private ViesVatIdChecker Checker(TimeSpan timeout) => new(new ServiceCollection().AddHttpClient().BuildServiceProvider().GetRequiredService<IHttpClientFactory>(),
        new ViesOptions(new Uri($"{_address}/taxation_customs/vies/rest-api/"), timeout), TimeProvider.System, NullLogger<ViesVatIdChecker>.Instance);

    public async Task DisposeAsync() => await _vies.DisposeAsync();

    private static IResult Json(int status, string body) => Results.Content(body, "application/json", statusCode: status);

    private static async Task<IResult> SlowAsync()
    {
        await Task.Delay(3000);
        return Json(200, """{"valid":true}""");
    }

    private Task<VatCheckResult> CheckAsync(string country, string number) => _checker.CheckAsync(country, number, "PL", "PL1234567890", CancellationToken.None);

    [Fact]
    public async Task Greece_is_asked_as_el_without_the_prefix_with_the_requester_and_a_valid_answer_keeps_date_consultation_number_name_and_address()
    {
        var fromIso = await CheckAsync("GR", "094259216");
        var fromPrefix = await CheckAsync("EL", "EL094259216");
        var typedGr = await CheckAsync("GR", "GR 094 259 216");

        foreach (var result in new[] { fromIso, fromPrefix, typedGr })
            result.Should().Be(new VatCheckResult(VatCheckStatus.Valid, new DateTime(2026, 12, 1, 10, 15, 30, DateTimeKind.Utc), "WAPIAAAAZ4Qk9X", "ANONYMI ETAIREIA", "ODOS 1 ATHINA"));
        _requests.Should().HaveCount(3).And.AllSatisfy(r =>
        {
            r.GetProperty("countryCode").GetString().Should().Be("EL");
            r.GetProperty("vatNumber").GetString().Should().Be("094259216");
            r.GetProperty("requesterMemberStateCode").GetString().Should().Be("PL");
            r.GetProperty("requesterNumber").GetString().Should().Be("1234567890");
        });
    }

    [Fact]
    public async Task Only_a_number_vies_says_does_not_exist_is_invalid_and_every_failure_to_answer_is_unavailable()
    {
        var invalid = await CheckAsync("DE", "111111111");
        (invalid.Status, invalid.Name, invalid.Address).Should().Be((VatCheckStatus.Invalid, null, null), "\"---\" means the state does not give them");
        (await CheckAsync("DE", "555555555")).Should().Match<VatCheckResult>(r => r.Status == VatCheckStatus.Invalid && r.Message == "INVALID_INPUT");

        (await CheckAsync("DE", "222222222")).Should().Match<VatCheckResult>(r => r.Status == VatCheckStatus.Unavailable && r.Message == "MS_UNAVAILABLE");
        (await CheckAsync("DE", "333333333")).Should().Match<VatCheckResult>(r => r.Status == VatCheckStatus.Unavailable && r.Message == "MS_MAX_CONCURRENT_REQ",
            "valid: false beside an error code is no answer");
        (await CheckAsync("DE", "444444444")).Status.Should().Be(VatCheckStatus.Unavailable);
        (await CheckAsync("DE", "777777777")).Should().Match<VatCheckResult>(r => r.Status == VatCheckStatus.Unavailable && r.Message == "GLOBAL_MAX_CONCURRENT_REQ");
        (await Checker(TimeSpan.FromSeconds(1)).CheckAsync("DE", "666666666", "PL", "PL1234567890", CancellationToken.None))
            .Should().Match<VatCheckResult>(r => r.Status == VatCheckStatus.Unavailable && r.Message == "TIMEOUT");

        var unreachable = new ViesVatIdChecker(new ServiceCollection().AddHttpClient().BuildServiceProvider().GetRequiredService<IHttpClientFactory>(),
            new ViesOptions(new Uri("http://127.0.0.1:1/"), TimeSpan.FromSeconds(2)), TimeProvider.System, NullLogger<ViesVatIdChecker>.Instance);
        (await unreachable.CheckAsync("DE", "123456789", null, null, CancellationToken.None)).Status.Should().Be(VatCheckStatus.Unavailable);
    }
}
