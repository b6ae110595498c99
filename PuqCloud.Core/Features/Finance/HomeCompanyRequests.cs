using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;
using PuqCloud.Core.Common;
using PuqCloud.Core.Domain.Finance;
using PuqCloud.Core.Features.Clients;
using PuqCloud.Core.Files;
using PuqCloud.Core.Persistence;
using PuqCloud.Core.Security;

namespace PuqCloud.Core.Features.Finance;

public sealed record HomeCompanyListItem(Guid Id, string Name, string? LegalName, string? CountryCode, string? CountryName, bool IsDefault, int TaxRuleCount, int GatewayCount);

public sealed record HomeCompanyOption(Guid Id, string Name, bool IsDefault, string? CountryCode);

/// <summary>A counter of one document type, with the number the next document would get today.</summary>
public sealed record NumberSeriesDto(DocumentType DocumentType, string Format, long NextNumber, NumberResetPolicy ResetPolicy, string? Period, string NextExample);

public sealed record HomeCompanyDetails(Guid Id, string Name, bool IsDefault,
    string? LegalName, string? Address1, string? Address2, string? City, string? Postcode, string? CountryCode, string? Region, string? Email, string? Phone, string? Website,
    string? LogoPath, string? SignaturePath, string? EuVatId, string? TaxNumber, string? RegistrationNumber, string? EuTaxNote, string? CountryTaxNote,
    string? SenderName, string? SenderEmail, string? ReplyToEmail, string? BccEmails,
    string? AddFundsItemText, string? RefundItemText, PaperSize PaperSize, IReadOnlyList<NumberSeriesDto> Numbering, int TaxRuleCount);

/// <summary>One counter of the Invoice settings tab as a person sets it.</summary>
public sealed record NumberSeriesInput(DocumentType DocumentType, string Format, long NextNumber, NumberResetPolicy ResetPolicy);

[RequiresPermission(Permissions.HomeCompaniesView)]
public sealed record ListHomeCompanies(PageRequest Page) : IQuery<PagedResult<HomeCompanyListItem>>;

/// <summary>The home companies a tax rule can name, default first.</summary>
[RequiresPermission(Permissions.TaxRulesView)]
public sealed record ListHomeCompanyOptions : IQuery<IReadOnlyList<HomeCompanyOption>>;

[RequiresPermission(Permissions.HomeCompaniesView)]
public sealed record GetHomeCompany(Guid Id) : IQuery<HomeCompanyDetails>;

/// <summary>Creates a home company by its name; the first one becomes the default. Numbering starts with default formats.</summary>
[RequiresPermission(Permissions.HomeCompaniesCreate)]
public sealed record CreateHomeCompany(string Name) : ICommand<HomeCompanyDetails>;

/// <summary>The General tab: names, address, contact and the Default switch (exactly one default).</summary>
[RequiresPermission(Permissions.HomeCompaniesEdit)]
public sealed record UpdateHomeCompanyGeneral(Guid Id, string Name, string? LegalName, string Address1, string? Address2, string City, string? Postcode,
    string CountryCode, string? Region, string? Email, string? Phone, string? Website, bool IsDefault) : ICommand<HomeCompanyDetails>, IAddressFields;

/// <summary>The Tax settings tab: tax identifiers and the tax texts documents print.</summary>
[RequiresPermission(Permissions.HomeCompaniesEdit)]
public sealed record UpdateHomeCompanyTaxSettings(Guid Id, string? EuVatId, string? TaxNumber, string? RegistrationNumber, string? EuTaxNote, string? CountryTaxNote)
    : ICommand<HomeCompanyDetails>;

/// <summary>The Email settings tab: the sender identity of notifications sent for this company.</summary>
[RequiresPermission(Permissions.HomeCompaniesEdit)]
public sealed record UpdateHomeCompanyEmailSettings(Guid Id, string? SenderName, string? SenderEmail, string? ReplyToEmail, string? BccEmails)
    : ICommand<HomeCompanyDetails>;

/// <summary>The Invoice settings tab: numbering of the three document types, item texts and paper size.</summary>
[RequiresPermission(Permissions.HomeCompaniesEdit)]
public sealed record UpdateHomeCompanyInvoiceSettings(Guid Id, IReadOnlyList<NumberSeriesInput> Numbering, string? AddFundsItemText, string? RefundItemText, PaperSize PaperSize)
    : ICommand<HomeCompanyDetails>;

/// <summary>Uploads (bytes) or removes (null) the logo or the signature printed on the company's documents; answers the new path.</summary>
[RequiresPermission(Permissions.HomeCompaniesEdit)]
public sealed record SetHomeCompanyImage(Guid HomeCompanyId, HomeCompanyImageSlot? Slot, byte[]? Content) : ICommand<string?>;

/// <summary>Deletes a home company that is not the default and that no tax rule names.</summary>
[RequiresPermission(Permissions.HomeCompaniesDelete)]
public sealed record DeleteHomeCompany(Guid Id) : ICommand<Unit>;

public sealed class CreateHomeCompanyValidator : AbstractValidator<CreateHomeCompany>
{
    public CreateHomeCompanyValidator() =>
        RuleFor(x => x.Name).NotEmpty().WithMessage("Enter a name, for example North America.").MaximumLength(200);
}

public sealed class SetHomeCompanyImageValidator : AbstractValidator<SetHomeCompanyImage>
{
    public SetHomeCompanyImageValidator() => RuleFor(x => x.Slot).NotNull().WithMessage("Choose the Logo or the Signature.").IsInEnum();
}

public sealed class UpdateHomeCompanyGeneralValidator : AbstractValidator<UpdateHomeCompanyGeneral>
{
    public UpdateHomeCompanyGeneralValidator(IDbContextFactory<AppDbContext> contexts)
    {
        Include(new AddressFieldsValidator<UpdateHomeCompanyGeneral>(contexts));
        RuleFor(x => x.Name).NotEmpty().WithMessage("Enter a name, for example North America.").MaximumLength(200);
        RuleFor(x => x.LegalName).MaximumLength(200);
        RuleFor(x => x.Email).MaximumLength(254).EmailAddress().When(x => !string.IsNullOrWhiteSpace(x.Email)).WithMessage("Enter a valid e-mail address.");
        RuleFor(x => x.Phone).MaximumLength(40);
        RuleFor(x => x.Website).MaximumLength(200)
            .Must(w => Uri.TryCreate(w, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp))
            .When(x => !string.IsNullOrWhiteSpace(x.Website)).WithMessage("Enter the full address, for example https://example.com.");
    }
}

public sealed class UpdateHomeCompanyTaxSettingsValidator : AbstractValidator<UpdateHomeCompanyTaxSettings>
{
    public UpdateHomeCompanyTaxSettingsValidator()
    {
        // An EU VAT ID is the country prefix and up to 12 letters or digits (EL for Greece, XI for Northern Ireland).
        RuleFor(x => x.EuVatId).MaximumLength(30).Matches(@"^[A-Za-z]{2}[0-9A-Za-z+*. -]{2,14}$").When(x => !string.IsNullOrWhiteSpace(x.EuVatId))
            .WithMessage("Write the VAT ID with its country prefix, for example PL1234567890.");
        RuleFor(x => x.TaxNumber).MaximumLength(50);
        RuleFor(x => x.RegistrationNumber).MaximumLength(50);
        RuleFor(x => x.EuTaxNote).MaximumLength(1000);
        RuleFor(x => x.CountryTaxNote).MaximumLength(1000);
    }
}

public sealed class UpdateHomeCompanyEmailSettingsValidator : AbstractValidator<UpdateHomeCompanyEmailSettings>
{
    public UpdateHomeCompanyEmailSettingsValidator()
    {
        RuleFor(x => x.SenderName).MaximumLength(100);
        RuleFor(x => x.SenderEmail).MaximumLength(254).EmailAddress().When(x => !string.IsNullOrWhiteSpace(x.SenderEmail)).WithMessage("Enter a valid e-mail address.");
        RuleFor(x => x.ReplyToEmail).MaximumLength(254).EmailAddress().When(x => !string.IsNullOrWhiteSpace(x.ReplyToEmail)).WithMessage("Enter a valid e-mail address.");
        RuleFor(x => x.BccEmails).MaximumLength(1000)
            .Must(list => HomeCompanyRules.SplitAddresses(list).All(HomeCompanyRules.IsEmail))
            .WithMessage("Enter e-mail addresses separated by commas.");
    }
}

public sealed class UpdateHomeCompanyInvoiceSettingsValidator : AbstractValidator<UpdateHomeCompanyInvoiceSettings>
{
    public UpdateHomeCompanyInvoiceSettingsValidator()
    {
        RuleFor(x => x.PaperSize).IsInEnum();
        RuleFor(x => x.AddFundsItemText).MaximumLength(200);
        RuleFor(x => x.RefundItemText).MaximumLength(200);
        RuleFor(x => x.Numbering).NotNull().Must(n => n is not null && n.Select(s => s.DocumentType).Distinct().Count() == n.Count)
            .WithMessage("Give each document type once.");
        RuleForEach(x => x.Numbering).ChildRules(series =>
        {
            series.RuleFor(s => s.DocumentType).IsInEnum();
            series.RuleFor(s => s.ResetPolicy).IsInEnum();
            series.RuleFor(s => s.Format).MaximumLength(100).Custom((format, context) =>
            {
                if (DocumentNumbering.Problem(format, context.InstanceToValidate.ResetPolicy) is { } problem) context.AddFailure(problem);
            });
            series.RuleFor(s => s.NextNumber).GreaterThan(0).WithMessage("The next number must be 1 or more.")
                .LessThan(1_000_000_000_000L).WithMessage("The next number is too large.");
        });
    }
}

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
}

public sealed class HomeCompanyHandlers(IDbContextFactory<AppDbContext> contexts, TimeProvider clock, IImageStore images) :
    IRequestHandler<ListHomeCompanies, PagedResult<HomeCompanyListItem>>,
    IRequestHandler<ListHomeCompanyOptions, IReadOnlyList<HomeCompanyOption>>,
    IRequestHandler<GetHomeCompany, HomeCompanyDetails>,
    IRequestHandler<CreateHomeCompany, HomeCompanyDetails>,
    IRequestHandler<UpdateHomeCompanyGeneral, HomeCompanyDetails>,
    IRequestHandler<UpdateHomeCompanyTaxSettings, HomeCompanyDetails>,
    IRequestHandler<UpdateHomeCompanyEmailSettings, HomeCompanyDetails>,
    IRequestHandler<UpdateHomeCompanyInvoiceSettings, HomeCompanyDetails>,
    IRequestHandler<SetHomeCompanyImage, string?>,
    IRequestHandler<DeleteHomeCompany, Unit>
{
    private static readonly SortMap<HomeCompany> Sorts = new SortMap<HomeCompany>("name")
        .Add("name", c => c.Name)
        .Add("legalName", c => c.LegalName)
        .Add("countryCode", c => c.CountryCode)
        .Add("isDefault", c => c.IsDefault);

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    public async Task<PagedResult<HomeCompanyListItem>> Handle(ListHomeCompanies request, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var query = db.HomeCompanies.AsNoTracking();
        if (request.Page.SearchText is { } search)
        {
            var p = PagingExtensions.LikePattern(search);
            query = query.Where(c => EF.Functions.Like(c.Name.ToLower(), p, "\\") || EF.Functions.Like((c.LegalName ?? "").ToLower(), p, "\\"));
        }
        return await query.ToPageAsync(request.Page, Sorts, c => new HomeCompanyListItem(c.Id, c.Name, c.LegalName, c.CountryCode,
            db.Countries.Where(x => x.Code == c.CountryCode).Select(x => x.Name).FirstOrDefault(), c.IsDefault,
            db.TaxRules.Count(r => r.HomeCompanyId == c.Id), c.PaymentGateways.Count), cancellationToken);
    }

    public async Task<IReadOnlyList<HomeCompanyOption>> Handle(ListHomeCompanyOptions request, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.HomeCompanies.AsNoTracking().OrderByDescending(c => c.IsDefault).ThenBy(c => c.Name)
            .Select(c => new HomeCompanyOption(c.Id, c.Name, c.IsDefault, c.CountryCode)).ToListAsync(cancellationToken);
    }

    public async Task<HomeCompanyDetails> Handle(GetHomeCompany request, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await DetailsAsync(db, request.Id, cancellationToken);
    }

    public async Task<HomeCompanyDetails> Handle(CreateHomeCompany request, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var name = request.Name.Trim();
        await EnsureNameFreeAsync(db, name, null, cancellationToken);
        var company = new HomeCompany { Name = name, IsDefault = !await db.HomeCompanies.AnyAsync(cancellationToken) };
        foreach (var type in Enum.GetValues<DocumentType>())
            company.NumberSeries.Add(new DocumentNumberSeries { DocumentType = type, Format = DocumentNumbering.DefaultFormat(type), ResetPolicy = NumberResetPolicy.Yearly });
        db.HomeCompanies.Add(company);
        await SaveAsync(db, cancellationToken);
        return await DetailsAsync(db, company.Id, cancellationToken);
    }

    public async Task<HomeCompanyDetails> Handle(UpdateHomeCompanyGeneral request, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var company = await FindAsync(db, request.Id, cancellationToken);
        if (company.IsDefault && !request.IsDefault)
            throw RequestValidationException.For(nameof(request.IsDefault), "There must be a default home company: make another company the default instead.");
        var name = request.Name.Trim();
        await EnsureNameFreeAsync(db, name, company.Id, cancellationToken);
        if (request.IsDefault && !company.IsDefault)
        {
            // Exactly one default: the old one steps down in the same transaction (and first, for the unique index).
            await db.HomeCompanies.Where(c => c.IsDefault).ExecuteUpdateAsync(s => s.SetProperty(c => c.IsDefault, false), cancellationToken);
        }
        company.Name = name;
        company.IsDefault = request.IsDefault;
        company.LegalName = HomeCompanyRules.Clean(request.LegalName);
        company.Address1 = request.Address1.Trim();
        company.Address2 = HomeCompanyRules.Clean(request.Address2);
        company.City = request.City.Trim();
        company.Postcode = HomeCompanyRules.Clean(request.Postcode);
        company.CountryCode = request.CountryCode.Trim().ToUpperInvariant();
        company.Region = HomeCompanyRules.Clean(request.Region);
        company.Email = HomeCompanyRules.Clean(request.Email);
        company.Phone = HomeCompanyRules.Clean(request.Phone);
        company.Website = HomeCompanyRules.Clean(request.Website);
        await SaveAsync(db, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return await DetailsAsync(db, company.Id, cancellationToken);
    }

    public async Task<HomeCompanyDetails> Handle(UpdateHomeCompanyTaxSettings request, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var company = await FindAsync(db, request.Id, cancellationToken);
        company.EuVatId = HomeCompanyRules.Clean(request.EuVatId)?.Replace(" ", "").ToUpperInvariant();
        company.TaxNumber = HomeCompanyRules.Clean(request.TaxNumber);
        company.RegistrationNumber = HomeCompanyRules.Clean(request.RegistrationNumber);
        company.EuTaxNote = HomeCompanyRules.Clean(request.EuTaxNote);
        company.CountryTaxNote = HomeCompanyRules.Clean(request.CountryTaxNote);
        await SaveAsync(db, cancellationToken);
        return await DetailsAsync(db, company.Id, cancellationToken);
    }

    public async Task<HomeCompanyDetails> Handle(UpdateHomeCompanyEmailSettings request, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var company = await FindAsync(db, request.Id, cancellationToken);
        company.SenderName = HomeCompanyRules.Clean(request.SenderName);
        company.SenderEmail = HomeCompanyRules.Clean(request.SenderEmail);
        company.ReplyToEmail = HomeCompanyRules.Clean(request.ReplyToEmail);
        var bcc = HomeCompanyRules.SplitAddresses(request.BccEmails).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        company.BccEmails = bcc.Count == 0 ? null : string.Join(", ", bcc);
        await SaveAsync(db, cancellationToken);
        return await DetailsAsync(db, company.Id, cancellationToken);
    }

    public async Task<HomeCompanyDetails> Handle(UpdateHomeCompanyInvoiceSettings request, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var company = await db.HomeCompanies.Include(c => c.NumberSeries).FirstOrDefaultAsync(c => c.Id == request.Id, cancellationToken)
                      ?? throw new NotFoundException("There is no such home company.");
        foreach (var input in request.Numbering)
        {
            var series = company.NumberSeries.FirstOrDefault(s => s.DocumentType == input.DocumentType);
            if (series is null) company.NumberSeries.Add(series = new DocumentNumberSeries { DocumentType = input.DocumentType, HomeCompanyId = company.Id });
            // A counter set by hand (or given a new policy) counts from now: the next document gets that number, not a reset 1.
            if (series.NextNumber != input.NextNumber || series.ResetPolicy != input.ResetPolicy)
                series.Period = DocumentNumbering.PeriodOf(input.ResetPolicy, Now);
            series.Format = input.Format.Trim();
            series.NextNumber = input.NextNumber;
            series.ResetPolicy = input.ResetPolicy;
        }
        company.AddFundsItemText = HomeCompanyRules.Clean(request.AddFundsItemText);
        company.RefundItemText = HomeCompanyRules.Clean(request.RefundItemText);
        company.PaperSize = request.PaperSize;
        await SaveAsync(db, cancellationToken);
        return await DetailsAsync(db, company.Id, cancellationToken);
    }

    public async Task<Unit> Handle(DeleteHomeCompany request, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var company = await FindAsync(db, request.Id, cancellationToken);
        if (company.IsDefault) throw new RuleViolationException("The default home company cannot be deleted: make another company the default first.");
        var rules = await db.TaxRules.CountAsync(r => r.HomeCompanyId == company.Id, cancellationToken);
        if (rules > 0) throw new RuleViolationException($"{company.Name} bills through {rules} tax rule(s): change or delete those rules first.");
        db.HomeCompanies.Remove(company);
        await SaveAsync(db, cancellationToken);
        images.Delete(company.LogoPath);
        images.Delete(company.SignaturePath);
        return Unit.Value;
    }

    public async Task<string?> Handle(SetHomeCompanyImage request, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var company = await FindAsync(db, request.HomeCompanyId, cancellationToken);
        return request.Slot == HomeCompanyImageSlot.Logo
            ? await images.ReplaceAsync(db, "home-companies", request.Content, company.LogoPath, p => company.LogoPath = p, cancellationToken)
            : await images.ReplaceAsync(db, "home-companies", request.Content, company.SignaturePath, p => company.SignaturePath = p, cancellationToken);
    }

    private static async Task<HomeCompany> FindAsync(AppDbContext db, Guid id, CancellationToken cancellationToken) =>
        await db.HomeCompanies.FirstOrDefaultAsync(c => c.Id == id, cancellationToken) ?? throw new NotFoundException("There is no such home company.");

    private static async Task EnsureNameFreeAsync(AppDbContext db, string name, Guid? id, CancellationToken cancellationToken)
    {
        if (await db.HomeCompanies.AnyAsync(c => c.Name == name && c.Id != id, cancellationToken))
            throw RequestValidationException.For("Name", $"A home company named {name} already exists.");
    }

    private static async Task SaveAsync(AppDbContext db, CancellationToken cancellationToken)
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

    private async Task<HomeCompanyDetails> DetailsAsync(AppDbContext db, Guid id, CancellationToken cancellationToken)
    {
        var c = await db.HomeCompanies.AsNoTracking().Include(x => x.NumberSeries).FirstOrDefaultAsync(x => x.Id == id, cancellationToken)
                ?? throw new NotFoundException("There is no such home company.");
        var rules = await db.TaxRules.CountAsync(r => r.HomeCompanyId == id, cancellationToken);
        var numbering = c.NumberSeries.OrderBy(s => s.DocumentType).Select(s => HomeCompanyRules.ToDto(s, Now)).ToList();
        return new HomeCompanyDetails(c.Id, c.Name, c.IsDefault, c.LegalName, c.Address1, c.Address2, c.City, c.Postcode, c.CountryCode, c.Region, c.Email, c.Phone, c.Website,
            c.LogoPath, c.SignaturePath, c.EuVatId, c.TaxNumber, c.RegistrationNumber, c.EuTaxNote, c.CountryTaxNote, c.SenderName, c.SenderEmail, c.ReplyToEmail, c.BccEmails,
            c.AddFundsItemText, c.RefundItemText, c.PaperSize, numbering, rules);
    }
}
