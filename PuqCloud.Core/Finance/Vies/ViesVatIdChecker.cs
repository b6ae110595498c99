using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using PuqCloud.Core.Domain.Clients;

namespace PuqCloud.Core.Finance.Vies;

/// <summary>
/// Asks whether an EU VAT ID exists: the real one asks VIES (<see cref="ViesVatIdChecker"/>), tests register a fake. Never
/// throws for a service that does not answer: that is <see cref="VatCheckStatus.Unavailable"/>, never Invalid.
/// </summary>
public interface IVatIdChecker
{
    /// <param name="countryCode">the member state: ISO ("GR") or VIES ("EL") code</param>
    /// <param name="vatNumber">the number, with or without the state's prefix</param>
    /// <param name="requesterCountryCode">the billing company's state; with <paramref name="requesterVatNumber"/> VIES answers with a consultation number</param>
    Task<VatCheckResult> CheckAsync(string countryCode, string vatNumber, string? requesterCountryCode, string? requesterVatNumber, CancellationToken cancellationToken);
}

/// <summary>`Vies:BaseUrl` (the REST API's root) and `Vies:TimeoutSeconds`.</summary>
public sealed record ViesOptions(Uri BaseUrl, TimeSpan Timeout)
{
    public const string DefaultBaseUrl = "https://ec.europa.eu/taxation_customs/vies/rest-api/";
    public const string HttpClientName = "vies";

    public static ViesOptions FromConfiguration(IConfiguration configuration)
    {
        var url = configuration["Vies:BaseUrl"] is { Length: > 0 } configured ? configured : DefaultBaseUrl;
        var seconds = configuration.GetValue("Vies:TimeoutSeconds", 20);
        return new ViesOptions(new Uri(url.EndsWith('/') ? url : url + "/"), TimeSpan.FromSeconds(Math.Clamp(seconds, 1, 120)));
    }

    /// <summary>VIES names Greece EL; every other state by its ISO code.</summary>
    public static string ViesCountry(string countryCode)
    {
        var code = countryCode.Trim().ToUpperInvariant();
        return code == "GR" ? "EL" : code;
    }
}

/// <summary>
/// VIES's REST API: POST check-vat-number with countryCode, vatNumber and (for a consultation number)
/// requesterMemberStateCode and requesterNumber; it answers valid, requestDate, requestIdentifier, name and address.
/// Its error codes (MS_UNAVAILABLE, SERVICE_UNAVAILABLE, TIMEOUT, MS_MAX_CONCURRENT_REQ, GLOBAL_MAX_CONCURRENT_REQ…),
/// an HTTP failure, a timeout or an unreadable answer are Unavailable; only INVALID_INPUT or valid = false is Invalid.
/// </summary>
public sealed class ViesVatIdChecker(IHttpClientFactory clients, ViesOptions options, TimeProvider clock, ILogger<ViesVatIdChecker> logger) : IVatIdChecker
{
    private static readonly HashSet<string> InvalidCodes = new(StringComparer.OrdinalIgnoreCase) { "INVALID_INPUT", "INVALID" };
    private static readonly HashSet<string> AnswerCodes = new(StringComparer.OrdinalIgnoreCase) { "VALID", "INVALID" };

    public async Task<VatCheckResult> CheckAsync(string countryCode, string vatNumber, string? requesterCountryCode, string? requesterVatNumber,
        CancellationToken cancellationToken)
    {
        var country = ViesOptions.ViesCountry(countryCode);
        var body = new Dictionary<string, string>
        {
            ["countryCode"] = country,
            ["vatNumber"] = Strip(vatNumber, country),
        };
        if (!string.IsNullOrWhiteSpace(requesterCountryCode) && !string.IsNullOrWhiteSpace(requesterVatNumber))
        {
            var requester = ViesOptions.ViesCountry(requesterCountryCode);
            body["requesterMemberStateCode"] = requester;
            body["requesterNumber"] = Strip(requesterVatNumber, requester);
        }
        var now = clock.GetUtcNow().UtcDateTime;
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(options.Timeout);
            var http = clients.CreateClient(ViesOptions.HttpClientName);
            using var response = await http.PostAsJsonAsync(new Uri(options.BaseUrl, "check-vat-number"), body, timeout.Token);
            var text = await response.Content.ReadAsStringAsync(timeout.Token);
            return Parse(text, (int)response.StatusCode, now);
        }
        catch (Exception e) when (e is HttpRequestException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            logger.LogWarning(e, "VIES did not answer for {Country}", country);
            return new VatCheckResult(VatCheckStatus.Unavailable, now, Message: e is OperationCanceledException ? "TIMEOUT" : "SERVICE_UNAVAILABLE");
        }
    }

    /// <summary>Reads VIES's answer (or error) into a result; public for the tests of the parsing.</summary>
    public static VatCheckResult Parse(string json, int httpStatus, DateTime now)
    {
        JsonElement root;
        try
        {
            root = JsonDocument.Parse(string.IsNullOrWhiteSpace(json) ? "{}" : json).RootElement;
        }
        catch (JsonException)
        {
            return new VatCheckResult(VatCheckStatus.Unavailable, now, Message: $"HTTP {httpStatus}: an unreadable answer");
        }
        if (root.ValueKind != JsonValueKind.Object) return new VatCheckResult(VatCheckStatus.Unavailable, now, Message: $"HTTP {httpStatus}: an unreadable answer");

        // Errors come as errorWrappers [{ error, message }] (with actionSucceed false), or as userError beside the answer.
        var error = root.TryGetProperty("errorWrappers", out var wrappers) && wrappers.ValueKind == JsonValueKind.Array && wrappers.GetArrayLength() > 0
            ? Text(wrappers[0], "error") ?? "SERVICE_UNAVAILABLE"
            : Text(root, "userError") is { } userError && !AnswerCodes.Contains(userError) ? userError : null;
        if (error is not null)
            return new VatCheckResult(InvalidCodes.Contains(error) ? VatCheckStatus.Invalid : VatCheckStatus.Unavailable, now, Message: error);
        if (httpStatus is < 200 or > 299 || !root.TryGetProperty("valid", out var valid) || valid.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
            return new VatCheckResult(VatCheckStatus.Unavailable, now, Message: $"HTTP {httpStatus}: no answer");

        var at = DateTimeOffset.TryParse(Text(root, "requestDate"), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var date)
            ? date.UtcDateTime : now;
        return new VatCheckResult(valid.GetBoolean() ? VatCheckStatus.Valid : VatCheckStatus.Invalid, at, Text(root, "requestIdentifier"),
            Meaningful(Text(root, "name")), Meaningful(Text(root, "address")));
    }

    private static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String && !string.IsNullOrWhiteSpace(value.GetString()) ? value.GetString()!.Trim() : null;

    /// <summary>VIES writes "---" where a state does not give the name or address.</summary>
    private static string? Meaningful(string? text) => text is null || text.Trim('-', ' ').Length == 0 ? null : text;

    private static string Strip(string number, string country)
    {
        var text = new string(number.Where(char.IsLetterOrDigit).ToArray()).ToUpperInvariant();
        return text.StartsWith(country, StringComparison.Ordinal) || (country == "EL" && text.StartsWith("GR", StringComparison.Ordinal)) ? text[2..] : text;
    }
}
