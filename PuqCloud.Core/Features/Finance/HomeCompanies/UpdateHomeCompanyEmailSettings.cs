using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;
using PuqCloud.Core.Common;
using PuqCloud.Core.Features.Clients;
using PuqCloud.Core.Files;
using PuqCloud.Core.Persistence;
using PuqCloud.Core.Security;

namespace PuqCloud.Core.Features.Finance;

/// <summary>The Email settings tab: the sender identity of notifications sent for this company.</summary>
[RequiresPermission(Permissions.HomeCompaniesEdit)]
public sealed record UpdateHomeCompanyEmailSettings(Guid Id, string? SenderName, string? SenderEmail, string? ReplyToEmail, string? BccEmails)
    : ICommand<HomeCompanyDetails>;

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

public sealed class UpdateHomeCompanyEmailSettingsHandler(IDbContextFactory<AppDbContext> contexts, TimeProvider clock) : IRequestHandler<UpdateHomeCompanyEmailSettings, HomeCompanyDetails>
{
    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    public async Task<HomeCompanyDetails> Handle(UpdateHomeCompanyEmailSettings request, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var company = await HomeCompanyRules.FindAsync(db, request.Id, cancellationToken);
        company.SenderName = HomeCompanyRules.Clean(request.SenderName);
        company.SenderEmail = HomeCompanyRules.Clean(request.SenderEmail);
        company.ReplyToEmail = HomeCompanyRules.Clean(request.ReplyToEmail);
        var bcc = HomeCompanyRules.SplitAddresses(request.BccEmails).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        company.BccEmails = bcc.Count == 0 ? null : string.Join(", ", bcc);
        await HomeCompanyRules.SaveAsync(db, cancellationToken);
        return await HomeCompanyRules.DetailsAsync(db, company.Id, Now, cancellationToken);
    }
}
