using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;
using PuqCloud.Core.Common;
using PuqCloud.Core.Domain.Finance;
using PuqCloud.Core.Files;
using PuqCloud.Core.Persistence;
using PuqCloud.Core.Security;

namespace PuqCloud.Core.Features.Finance;

/// <summary>
/// One counter of the Invoice settings tab as a person sets it. <see cref="ShownNextNumber"/> is the counter as the form
/// showed it: while <see cref="NextNumber"/> still equals it, the person did not touch the counter, and the live one (which
/// billing may have moved since the form loaded) is kept. Without it, <see cref="NextNumber"/> is compared with the live counter.
/// </summary>
public sealed record NumberSeriesInput(DocumentType DocumentType, string Format, long NextNumber, NumberResetPolicy ResetPolicy, long? ShownNextNumber = null);

/// <summary>
/// The Invoice settings tab: numbering of the three document types, item texts and paper size. A counter is only written
/// when the person changed it, and never so that a document would get a number issued already (the unique number index
/// would then refuse every document of that type, payments that complete a proforma included): the next number, and when
/// the counter is set back every number up to where it stood, must be free; else it is refused under the counter's field,
/// with where the counter stands. Billing takes numbers under the counters' row locks, which this
/// takes first, so what it checks is what the next document gets.
/// </summary>
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

    /// <summary>How many of the numbers a counter set back hands out again are checked (a counter set back further is rare: a new format).</summary>
    private const int MaxNumbersChecked = 10_000;

    public async Task<HomeCompanyDetails> Handle(UpdateHomeCompanyInvoiceSettings request, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.DocumentNumberSeries.Where(s => s.HomeCompanyId == request.Id).ExecuteUpdateAsync(s => s.SetProperty(x => x.NextNumber, x => x.NextNumber), cancellationToken);
        var company = await db.HomeCompanies.Include(c => c.NumberSeries).FirstOrDefaultAsync(c => c.Id == request.Id, cancellationToken)
                      ?? throw new NotFoundException("There is no such home company.");
        var now = Now;
        for (var index = 0; index < request.Numbering.Count; index++)
        {
            var input = request.Numbering[index];
            var series = company.NumberSeries.FirstOrDefault(s => s.DocumentType == input.DocumentType);
            if (series is null) company.NumberSeries.Add(series = new DocumentNumberSeries { DocumentType = input.DocumentType, HomeCompanyId = company.Id });
            var live = series.NextNumber;
            var setByHand = input.NextNumber != (input.ShownNextNumber ?? live);
            // A counter set by hand (or given a new policy) counts from now: the next document gets that number, not a reset 1.
            if (setByHand || series.ResetPolicy != input.ResetPolicy)
                series.Period = DocumentNumbering.PeriodOf(input.ResetPolicy, now);
            series.Format = input.Format.Trim();
            if (setByHand) series.NextNumber = input.NextNumber;
            series.ResetPolicy = input.ResetPolicy;
            // Set back, the counter hands out again every number up to where it stood: each must be free, or a later document
            // would stop at the unique index (a counter moved into a gap below numbers issued after a jump).
            var ahead = (int)Math.Clamp(live - series.NextNumber, 1, MaxNumbersChecked);
            var numbers = new List<string>(ahead);
            for (var (i, state) = (0, series.State); i < ahead; i++)
            {
                var (number, after) = DocumentNumbering.Next(series.Format, series.ResetPolicy, state, now);
                numbers.Add(number);
                state = after;
            }
            var taken = await db.Documents.Where(d => d.HomeCompanyId == company.Id && d.Kind == input.DocumentType && d.Number != null && numbers.Contains(d.Number))
                .Select(d => d.Number).FirstOrDefaultAsync(cancellationToken);
            if (taken is not null)
                throw RequestValidationException.For($"Numbering[{index}].NextNumber",
                    $"{taken} is issued already: set a next number no document has yet (the counter stands at {live}).");
        }
        company.AddFundsItemText = HomeCompanyRules.Clean(request.AddFundsItemText);
        company.RefundItemText = HomeCompanyRules.Clean(request.RefundItemText);
        company.PaperSize = request.PaperSize;
        await HomeCompanyRules.SaveAsync(db, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return await HomeCompanyRules.DetailsAsync(db, company.Id, now, cancellationToken);
    }
}
