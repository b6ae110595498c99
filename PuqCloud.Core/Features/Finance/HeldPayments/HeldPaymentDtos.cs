using PuqCloud.Core.Domain.Finance;

namespace PuqCloud.Core.Features.Finance;

/// <summary>
/// Money a gateway reported that its document could not take (<see cref="HeldPayment"/>): whose it is, for which document it
/// came, why it was held and what became of it (<see cref="Status"/>; once applied, the document that took it).
/// <see cref="HomeCompanyId"/> is the gateway's company: only its proformas can take the money. <see cref="Amount"/> is what is
/// still held: what came (<see cref="ReceivedText"/>) less what the gateway reports given back of it (<see cref="GivenBackText"/>,
/// null while nothing was).
/// </summary>
public sealed record HeldPaymentDto(Guid Id, Guid ClientId, string ClientName, Guid DocumentId, string? DocumentNumber, Guid GatewayId, string GatewayName, Guid HomeCompanyId,
    string GatewayEventId, decimal Amount, string CurrencyCode, string AmountText, string ReceivedText, string? GivenBackText, DateTime ReceivedAt, string? Reference, string Reason, HeldPaymentStatus Status,
    DateTime CreatedAt, DateTime? ResolvedAt, string? ResolvedByName, string? ResolutionNote, Guid? PaymentId, Guid? AppliedToDocumentId, string? AppliedToDocumentNumber);
