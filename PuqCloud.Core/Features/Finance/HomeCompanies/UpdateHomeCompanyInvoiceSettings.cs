using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;
using PuqCloud.Core.Common;
using PuqCloud.Core.Domain.Finance;
using PuqCloud.Core.Files;
using PuqCloud.Core.Persistence;
using PuqCloud.Core.Security;

namespace PuqCloud.Core.Features.Finance;

/// <summary>One counter of the Invoice settings tab as a person sets it.</summary>
public sealed record NumberSeriesInput(DocumentType DocumentType, string Format, long NextNumber, NumberResetPolicy ResetPolicy);

/// <summary>The Invoice settings tab: numbering of the three document types, item texts and paper size.</summary>
[RequiresPermission(Permissions.HomeCompaniesEdit)]
public sealed record UpdateHomeCompanyInvoiceSettings(Guid Id, IReadOnlyList<NumberSeriesInput> Numbering, string? AddFundsItemText, string? RefundItemText, PaperSize PaperSize)
    : ICommand<HomeCompanyDetails>;

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

public sealed class UpdateHomeCompanyInvoiceSettingsHandler(IDbContextFactory<AppDbContext> contexts, TimeProvider clock) : IRequestHandler<UpdateHomeCompanyInvoiceSettings, HomeCompanyDetails>
{
    private DateTime Now => clock.GetUtcNow().UtcDateTime;

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
        await HomeCompanyRules.SaveAsync(db, cancellationToken);
        return await HomeCompanyRules.DetailsAsync(db, company.Id, Now, cancellationToken);
    }
}
