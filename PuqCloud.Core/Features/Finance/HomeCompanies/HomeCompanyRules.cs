using MediatR;
using Microsoft.EntityFrameworkCore;
using PuqCloud.Core.Common;
using PuqCloud.Core.Domain.Finance;
using PuqCloud.Core.Files;
using PuqCloud.Core.Persistence;

namespace PuqCloud.Core.Features.Finance;

/// <summary>Rules of home companies the handlers and validators share.</summary>
public static class HomeCompanyRules
{
    public static IEnumerable<string> SplitAddresses(string? list) =>
        (list ?? "").Split([',', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    public static bool IsEmail(string address) =>
        address.Length <= 254 && System.Net.Mail.MailAddress.TryCreate(address, out var parsed) && parsed.Address == address;

    public static string? Clean(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    public static NumberSeriesDto ToDto(DocumentNumberSeries s, DateTime now) =>
        new(s.DocumentType, s.Format, s.NextNumber, s.ResetPolicy, s.Period, DocumentNumbering.Next(s.Format, s.ResetPolicy, s.State, now).Number);

    internal static async Task<HomeCompany> FindAsync(AppDbContext db, Guid id, CancellationToken cancellationToken) =>
        await db.HomeCompanies.FirstOrDefaultAsync(c => c.Id == id, cancellationToken) ?? throw new NotFoundException("There is no such home company.");

    internal static async Task EnsureNameFreeAsync(AppDbContext db, string name, Guid? id, CancellationToken cancellationToken)
    {
        if (await db.HomeCompanies.AnyAsync(c => c.Name == name && c.Id != id, cancellationToken))
            throw RequestValidationException.For("Name", $"A home company named {name} already exists.");
    }

    internal static async Task SaveAsync(AppDbContext db, CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            throw new RuleViolationException("Another change to home companies happened at the same time. Reload and try again.");
        }
    }

    internal static async Task<HomeCompanyDetails> DetailsAsync(AppDbContext db, Guid id, DateTime now, CancellationToken cancellationToken)
    {
        var c = await db.HomeCompanies.AsNoTracking().Include(x => x.NumberSeries).FirstOrDefaultAsync(x => x.Id == id, cancellationToken)
                ?? throw new NotFoundException("There is no such home company.");
        var rules = await db.TaxRules.CountAsync(r => r.HomeCompanyId == id, cancellationToken);
        var numbering = c.NumberSeries.OrderBy(s => s.DocumentType).Select(s => HomeCompanyRules.ToDto(s, now)).ToList();
        return new HomeCompanyDetails(c.Id, c.Name, c.IsDefault, c.LegalName, c.Address1, c.Address2, c.City, c.Postcode, c.CountryCode, c.Region, c.Email, c.Phone, c.Website,
            c.LogoPath, c.SignaturePath, c.EuVatId, c.TaxNumber, c.RegistrationNumber, c.EuTaxNote, c.CountryTaxNote, c.SenderName, c.SenderEmail, c.ReplyToEmail, c.BccEmails,
            c.AddFundsItemText, c.RefundItemText, c.PaperSize, numbering, rules);
    }
}
