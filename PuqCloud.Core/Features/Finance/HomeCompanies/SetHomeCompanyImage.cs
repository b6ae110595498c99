using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;
using PuqCloud.Core.Common;
using PuqCloud.Core.Domain.Finance;
using PuqCloud.Core.Files;
using PuqCloud.Core.Persistence;
using PuqCloud.Core.Security;

namespace PuqCloud.Core.Features.Finance;

/// <summary>Uploads (bytes) or removes (null) the logo or the signature printed on the company's documents; answers the new path.</summary>
[RequiresPermission(Permissions.HomeCompaniesEdit)]
public sealed record SetHomeCompanyImage(Guid HomeCompanyId, HomeCompanyImageSlot? Slot, byte[]? Content) : ICommand<string?>;

public sealed class SetHomeCompanyImageValidator : AbstractValidator<SetHomeCompanyImage>
{
    public SetHomeCompanyImageValidator() => RuleFor(x => x.Slot).NotNull().WithMessage("Choose the Logo or the Signature.").IsInEnum();
}

public sealed class SetHomeCompanyImageHandler(IDbContextFactory<AppDbContext> contexts, IImageStore images) : IRequestHandler<SetHomeCompanyImage, string?>
{
    public async Task<string?> Handle(SetHomeCompanyImage request, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var company = await HomeCompanyRules.FindAsync(db, request.HomeCompanyId, cancellationToken);
        return request.Slot == HomeCompanyImageSlot.Logo
            ? await images.ReplaceAsync(db, "home-companies", request.Content, company.LogoPath, p => company.LogoPath = p, cancellationToken)
            : await images.ReplaceAsync(db, "home-companies", request.Content, company.SignaturePath, p => company.SignaturePath = p, cancellationToken);
    }
}
