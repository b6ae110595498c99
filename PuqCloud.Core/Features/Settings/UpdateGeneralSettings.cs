using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;
using PuqCloud.Core.Common;
using PuqCloud.Core.Domain.Finance;
using PuqCloud.Core.Persistence;
using PuqCloud.Core.Security;

namespace PuqCloud.Core.Features.Settings;

/// <summary>
/// Saves the four tabs of the General page at once. Field errors use the property paths of the tabs,
/// "TimeBased.TaskQueueDays", "Finance.MaxAddFunds", "Client.PasswordResetLinkMinutes", "Social.Website".
/// </summary>
[RequiresPermission(Permissions.GeneralSettingsEdit)]
public sealed record UpdateGeneralSettings(RetentionSettings TimeBased, FinanceSettings Finance, ClientSettings Client, SocialSettings Social)
    : ICommand<GeneralSettings>
{
    public static UpdateGeneralSettings From(GeneralSettings settings) => new(settings.TimeBased, settings.Finance, settings.Client, settings.Social);
}

public sealed class UpdateGeneralSettingsValidator : AbstractValidator<UpdateGeneralSettings>
{
    public const int MinDays = 1;
    public const int MaxDays = 3650;
    public const decimal MaxAmount = 1_000_000_000m;
    public const int MinResetLinkMinutes = 5;
    public const int MaxResetLinkMinutes = 10080;
    public const int MaxLinkLength = 500;

    public UpdateGeneralSettingsValidator(IDbContextFactory<AppDbContext> contexts)
    {
        _contexts = contexts;
        RuleFor(x => x.TimeBased).NotNull().WithMessage("Send the Time Based settings.");
        RuleFor(x => x.Finance).NotNull().WithMessage("Send the Finance settings.");
        RuleFor(x => x.Client).NotNull().WithMessage("Send the Client settings.");
        RuleFor(x => x.Social).NotNull().WithMessage("Send the Social settings.");

        When(x => x.TimeBased is not null, () =>
        {
            Days(RuleFor(x => x.TimeBased.TaskQueueDays));
            Days(RuleFor(x => x.TimeBased.ModuleLogDays));
            Days(RuleFor(x => x.TimeBased.AdminSessionDays));
            Days(RuleFor(x => x.TimeBased.ClientSessionDays));
            Days(RuleFor(x => x.TimeBased.ActivityLogDays));
        });

        When(x => x.Finance is not null, () =>
        {
            Amount(RuleFor(x => x.Finance.MinAddFunds));
            Amount(RuleFor(x => x.Finance.MaxAddFunds))
                .GreaterThanOrEqualTo(x => x.Finance.MinAddFunds).WithMessage("The largest top-up cannot be below the smallest one.");
            Amount(RuleFor(x => x.Finance.MaxClientBalance))
                .GreaterThanOrEqualTo(x => x.Finance.MaxAddFunds).WithMessage("The balance limit cannot be below the largest top-up.");
            RuleFor(x => x.Finance.InvoiceDueDays).InclusiveBetween(0, 365).WithMessage("Use 0 to 365 days.");
            RuleFor(x => x.Finance.ExpireProformasAfterDays).InclusiveBetween(0, 365).WithMessage("Use 0 to 365 days.");
            RuleFor(x => x.Finance.MaxUnpaidProformas).InclusiveBetween(1, 100).WithMessage("Use 1 to 100 proformas.");
        });

        When(x => x.Client is not null, () =>
            RuleFor(x => x.Client.PasswordResetLinkMinutes).InclusiveBetween(MinResetLinkMinutes, MaxResetLinkMinutes)
                .WithMessage($"Use {MinResetLinkMinutes} to {MaxResetLinkMinutes} minutes (one week)."));

        When(x => x.Social is not null, () =>
        {
            Link(RuleFor(x => x.Social.Website));
            Link(RuleFor(x => x.Social.Facebook));
            Link(RuleFor(x => x.Social.X));
            Link(RuleFor(x => x.Social.LinkedIn));
            Link(RuleFor(x => x.Social.Instagram));
            Link(RuleFor(x => x.Social.YouTube));
            Link(RuleFor(x => x.Social.GitHub));
        });
    }

    private static void Days(IRuleBuilderInitial<UpdateGeneralSettings, int> rule) =>
        rule.InclusiveBetween(MinDays, MaxDays).WithMessage($"Use {MinDays} to {MaxDays} days.");

    private readonly IDbContextFactory<AppDbContext> _contexts;

    /// <summary>Finance amounts are in the default currency, so they carry at most its minor unit's digits (2 before one is set).</summary>
    private IRuleBuilderOptions<UpdateGeneralSettings, decimal> Amount(IRuleBuilderInitial<UpdateGeneralSettings, decimal> rule) =>
        rule.GreaterThanOrEqualTo(0).WithMessage("The amount cannot be negative.")
            .LessThanOrEqualTo(MaxAmount).WithMessage("The amount is too large.")
            .MustAsync(async (_, amount, context, cancellationToken) =>
            {
                await using var db = await _contexts.CreateDbContextAsync(cancellationToken);
                var digits = await db.Currencies.Where(c => c.IsDefault).Select(c => (int?)c.Decimals).FirstOrDefaultAsync(cancellationToken) ?? 2;
                context.MessageFormatter.AppendArgument("Digits", digits);
                return MoneyRounding.Fits(amount, digits);
            }).WithMessage("Use at most {Digits} decimal place(s), as the default currency does.");

    private static void Link(IRuleBuilderInitial<UpdateGeneralSettings, string?> rule) =>
        rule.MaximumLength(MaxLinkLength).WithMessage($"Use at most {MaxLinkLength} characters.")
            .Must(IsEmptyOrWebAddress).WithMessage("Enter a full address starting with https:// or http://, or leave it empty.");

    public static bool IsEmptyOrWebAddress(string? text) =>
        string.IsNullOrWhiteSpace(text) ||
        Uri.TryCreate(text.Trim(), UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" && uri.Host.Length > 0;
}

public sealed class UpdateGeneralSettingsHandler(IGeneralSettingsStore store) : IRequestHandler<UpdateGeneralSettings, GeneralSettings>
{
    public async Task<GeneralSettings> Handle(UpdateGeneralSettings request, CancellationToken cancellationToken)
    {
        static string? Link(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
        var s = request.Social;
        var settings = new GeneralSettings(request.TimeBased, request.Finance, request.Client,
            new SocialSettings(Link(s.Website), Link(s.Facebook), Link(s.X), Link(s.LinkedIn), Link(s.Instagram), Link(s.YouTube), Link(s.GitHub)));
        await store.SaveAsync(settings, cancellationToken);
        return await store.LoadAsync(cancellationToken);
    }
}
