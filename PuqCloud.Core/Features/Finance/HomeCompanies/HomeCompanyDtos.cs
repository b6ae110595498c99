using MediatR;
using Microsoft.EntityFrameworkCore;
using PuqCloud.Core.Common;
using PuqCloud.Core.Domain.Finance;
using PuqCloud.Core.Files;
using PuqCloud.Core.Persistence;
using PuqCloud.Core.Security;

namespace PuqCloud.Core.Features.Finance;

/// <summary>A counter of one document type, with the number the next document would get today.</summary>
public sealed record NumberSeriesDto(DocumentType DocumentType, string Format, long NextNumber, NumberResetPolicy ResetPolicy, string? Period, string NextExample);

public sealed record HomeCompanyDetails(Guid Id, string Name, bool IsDefault,
    string? LegalName, string? Address1, string? Address2, string? City, string? Postcode, string? CountryCode, string? Region, string? Email, string? Phone, string? Website,
    string? LogoPath, string? SignaturePath, string? EuVatId, string? TaxNumber, string? RegistrationNumber, string? EuTaxNote, string? CountryTaxNote,
    string? SenderName, string? SenderEmail, string? ReplyToEmail, string? BccEmails,
    string? AddFundsItemText, string? RefundItemText, PaperSize PaperSize, IReadOnlyList<NumberSeriesDto> Numbering, int TaxRuleCount);
