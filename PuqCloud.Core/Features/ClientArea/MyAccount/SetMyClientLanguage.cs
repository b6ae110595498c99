using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;
using PuqCloud.Core.Common;
using PuqCloud.Core.Domain.Common;
using PuqCloud.Core.Persistence;
using PuqCloud.Core.Security;

namespace PuqCloud.Core.Features.ClientArea;

/// <summary>The language the client area and its e-mails use for this user.</summary>
[AnyClientUser]
public sealed record SetMyClientLanguage(string Language) : ICommand<Unit>;

public sealed class SetMyClientLanguageValidator : AbstractValidator<SetMyClientLanguage>
{
    public SetMyClientLanguageValidator() =>
        RuleFor(x => x.Language).NotEmpty().WithMessage("Choose a language.").MaximumLength(10).Matches("^[a-z]{2,3}(-[A-Za-z]{2,4})?$");
}

public sealed class SetMyClientLanguageHandler(IDbContextFactory<AppDbContext> contexts, ActorContext actors) : IRequestHandler<SetMyClientLanguage, Unit>
{
    public async Task<Unit> Handle(SetMyClientLanguage request, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var me = await MyClientAccountRules.LoadMeAsync(actors, db, cancellationToken);
        me.Language = request.Language.Trim();
        await db.SaveChangesAsync(cancellationToken);
        return Unit.Value;
    }
}
