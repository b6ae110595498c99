using PuqCloud.Core.Domain.Common;

namespace PuqCloud.Core.Domain.Clients;

/// <summary>
/// What VIES said about an EU VAT ID. Unavailable (the member state's service or VIES itself did not answer) is not
/// Invalid: the number may well exist, so it is asked again later.
/// </summary>
public enum VatCheckStatus
{
    NotChecked,
    Valid,
    Invalid,
    Unavailable,
}

/// <summary>
/// One answer of VIES (or of a fake in tests): the status, when it was given, the consultation number (VIES's
/// requestIdentifier, the proof for a tax office that the check was made; only when the requester named its own VAT
/// ID), the registered name and address when the member state gives them, and a message (the error code when Unavailable).
/// </summary>
public sealed record VatCheckResult(VatCheckStatus Status, DateTime CheckedAt, string? ConsultationNumber = null, string? Name = null, string? Address = null,
    string? Message = null);

/// <summary>A VIES check kept for the record: which number of which client, what VIES said and when (a tax office may ask years later).</summary>
public class VatCheck : Entity
{
    public Guid ClientId { get; set; }
    /// <summary>The VAT ID with its VIES prefix ("DE123456789", Greece's "EL…").</summary>
    public string VatNumber { get; set; } = "";
    public VatCheckStatus Status { get; set; }
    public DateTime CheckedAt { get; set; }
    public string? ConsultationNumber { get; set; }
    public string? Name { get; set; }
    public string? Address { get; set; }
    public string? Message { get; set; }
}
