using System.Collections.Concurrent;
using PuqCloud.Core.Domain.Clients;
using PuqCloud.Core.Finance.Vies;

namespace PuqCloud.Tests.Support;

/// <summary>
/// VIES for the tests (every test app has one instead of the real service): a VAT ID answers what <see cref="Answer"/>
/// set for it, otherwise by its last digits: "000" is Invalid, "999" Unavailable (MS_UNAVAILABLE), any other Valid with
/// a consultation number. Remembers every question.
/// </summary>
public sealed class FakeVatIdChecker : IVatIdChecker
{
    private readonly ConcurrentDictionary<string, VatCheckStatus> _answers = new(StringComparer.Ordinal);

    public ConcurrentQueue<(string Country, string Number, string? RequesterCountry, string? RequesterNumber)> Questions { get; } = new();

    /// <summary>What VIES says from now on about <paramref name="vatId"/> (with its VIES prefix, e.g. "DE123456789").</summary>
    public void Answer(string vatId, VatCheckStatus status) => _answers[vatId] = status;

    public Task<VatCheckResult> CheckAsync(string countryCode, string vatNumber, string? requesterCountryCode, string? requesterVatNumber, CancellationToken cancellationToken)
    {
        Questions.Enqueue((countryCode, vatNumber, requesterCountryCode, requesterVatNumber));
        var country = ViesOptions.ViesCountry(countryCode);
        var vatId = vatNumber.StartsWith(country, StringComparison.Ordinal) ? vatNumber : country + vatNumber;
        var status = _answers.TryGetValue(vatId, out var set) ? set
            : vatId.EndsWith("000", StringComparison.Ordinal) ? VatCheckStatus.Invalid
            : vatId.EndsWith("999", StringComparison.Ordinal) ? VatCheckStatus.Unavailable
            : VatCheckStatus.Valid;
        var now = DateTime.UtcNow;
        return Task.FromResult(status switch
        {
            VatCheckStatus.Valid => new VatCheckResult(status, now, $"WAPI{Math.Abs(vatId.GetHashCode()) % 100000000:D8}", "Test Company", "Test Street 1"),
            VatCheckStatus.Unavailable => new VatCheckResult(status, now, Message: "MS_UNAVAILABLE"),
            _ => new VatCheckResult(status, now),
        });
    }
}
