using PuqCloud.Core.Domain.Common;
using PuqCloud.Core.Domain.Reference;

namespace PuqCloud.Core.Domain.Clients;

public enum ClientStatus
{
    New,
    Active,
    Inactive,
    Closed,
    Fraud,
}

/// <summary>
/// An account of the company's customer: who is billed, in one currency, from a prepaid balance. People
/// reach it through <see cref="ClientMembership"/>s; exactly one of them is the owner.
/// </summary>
public class Client : Entity, IHasAuditTimes
{
    public string FirstName { get; set; } = "";
    public string LastName { get; set; } = "";
    public string? CompanyName { get; set; }
    public string? TaxId { get; set; }
    public string? Phone { get; set; }
    public string Language { get; set; } = "en";
    public Guid CurrencyId { get; set; }
    public Currency? Currency { get; set; }
    public ClientStatus Status { get; set; } = ClientStatus.New;
    /// <summary>
    /// The prepaid balance in the client's currency. Only <c>Ledger.Post</c> changes it, together with a ledger row
    /// whose sequence becomes <see cref="LedgerSequence"/>; the update is conditional on the sequence read, so two
    /// writers never lose an update.
    /// </summary>
    public decimal Balance { get; set; }
    /// <summary>The sequence number of the client's last ledger row (0 before the first).</summary>
    public long LedgerSequence { get; set; }
    /// <summary>How far below zero charges may take the balance.</summary>
    public decimal CreditLimit { get; set; }
    public string? AdminNotes { get; set; }
    /// <summary>The EU VAT ID (VIES prefix and number) that VIES was last asked about, and its answer then (see <see cref="RecordVatCheck"/>).</summary>
    public string? VatCheckedNumber { get; private set; }
    public VatCheckStatus VatCheckStatus { get; private set; }
    public DateTime? VatCheckedAt { get; private set; }
    public string? VatCheckMessage { get; private set; }
    /// <summary>The last VAT ID VIES confirmed as valid, when, and its consultation number: kept while later checks of it are Unavailable.</summary>
    public string? VatValidNumber { get; private set; }
    public DateTime? VatValidAt { get; private set; }
    public string? VatConsultationNumber { get; private set; }
    public List<ClientAddress> Addresses { get; set; } = [];
    public List<ClientMembership> Memberships { get; set; } = [];
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }

    public string DisplayName => NameOf(FirstName, LastName, CompanyName);

    /// <summary>
    /// Keeps VIES's answer about <paramref name="vatId"/> as the latest check. Valid makes it the confirmed VAT ID (with
    /// date and consultation number); Invalid withdraws a confirmation of that same number; Unavailable changes nothing
    /// of an earlier confirmation: the number stays confirmed until VIES says otherwise.
    /// </summary>
    public void RecordVatCheck(string vatId, VatCheckResult result)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(vatId);
        (VatCheckedNumber, VatCheckStatus, VatCheckedAt, VatCheckMessage) = (vatId, result.Status, result.CheckedAt, result.Message);
        if (result.Status == VatCheckStatus.Valid)
            (VatValidNumber, VatValidAt, VatConsultationNumber) = (vatId, result.CheckedAt, result.ConsultationNumber);
        else if (result.Status == VatCheckStatus.Invalid && VatValidNumber == vatId)
            (VatValidNumber, VatValidAt, VatConsultationNumber) = (null, null, null);
    }

    /// <summary>How a client is named: its company, or the person's name (for projections that do not load the entity).</summary>
    public static string NameOf(string firstName, string lastName, string? companyName) =>
        string.IsNullOrWhiteSpace(companyName) ? $"{firstName} {lastName}".Trim() : companyName;
}

public enum AddressType
{
    Billing,
    Shipping,
    Service,
}

/// <summary>An address of a client. A client always has exactly one billing address.</summary>
public class ClientAddress : Entity, IHasAuditTimes
{
    public Guid ClientId { get; set; }
    public AddressType Type { get; set; }
    public string Name { get; set; } = "";
    public string? ContactName { get; set; }
    public string? Phone { get; set; }
    public string? Email { get; set; }
    public string Address1 { get; set; } = "";
    public string? Address2 { get; set; }
    public string City { get; set; } = "";
    public string? Postcode { get; set; }
    public string CountryCode { get; set; } = "";
    /// <summary>ISO 3166-2 code of the region, or the region's name where the country has no subdivisions listed.</summary>
    public string? Region { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
}

/// <summary>A user's access to a client: owner, or a member with chosen client permissions.</summary>
public class ClientMembership
{
    public Guid ClientId { get; set; }
    public Client? Client { get; set; }
    public Guid ClientUserId { get; set; }
    public ClientUser? ClientUser { get; set; }
    public bool IsOwner { get; set; }
    /// <summary>Client permissions (see ClientPermissions), comma-separated; the owner holds all of them.</summary>
    public string Permissions { get; set; } = "";
    public DateTime CreatedAt { get; set; }

    public IReadOnlySet<string> PermissionSet =>
        Security.ClientPermissions.Parse(Permissions).ToHashSet(StringComparer.Ordinal);
}

/// <summary>
/// An existing client-area login invited to a client: the person becomes a member (with these permissions) only by
/// accepting it, and may decline it; the client's user managers may withdraw it. Until then the client learns nothing of
/// them but the address it typed. It lapses after <see cref="Lifetime"/>, goes when the member who sent it leaves the
/// client, and grants on acceptance no more than that member still holds.
/// </summary>
public class ClientInvitation
{
    /// <summary>Twice the password link an invitation to a new or unproven login carries, so that a link used on its last day still finds it.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromDays(14);

    public Guid ClientId { get; set; }
    public Client? Client { get; set; }
    public Guid ClientUserId { get; set; }
    public ClientUser? ClientUser { get; set; }
    /// <summary>Client permissions (see ClientPermissions), comma-separated, as the membership will have them.</summary>
    public string Permissions { get; set; } = "";
    /// <summary>The inviting member's name, as the invitation shows it.</summary>
    public string InvitedBy { get; set; } = "";
    /// <summary>The inviting member's login (none for invitations older than this field).</summary>
    public Guid? InvitedByUserId { get; set; }
    public DateTime CreatedAt { get; set; }

    /// <summary>Whether it can still be answered at <paramref name="now"/>.</summary>
    public bool IsOpenAt(DateTime now) => CreatedAt > now - Lifetime;
}
