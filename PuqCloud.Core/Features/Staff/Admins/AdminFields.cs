using System.Data.Common;
using FluentValidation;
using Microsoft.EntityFrameworkCore;
using PuqCloud.Core.Common;
using PuqCloud.Core.Domain.Staff;
using PuqCloud.Core.Persistence;
using PuqCloud.Core.Security;

namespace PuqCloud.Core.Features.Staff;

/// <summary>The name and language rules the create and update forms share.</summary>
public interface IAdminFields
{
    string Email { get; }
    string FirstName { get; }
    string LastName { get; }
    string Language { get; }
    IReadOnlyList<Guid> GroupIds { get; }
}

public abstract class AdminFieldsValidator<T> : AbstractValidator<T> where T : IAdminFields
{
    protected AdminFieldsValidator()
    {
        RuleFor(x => x.Email).NotEmpty().WithMessage("Enter an e-mail address.")
            .MaximumLength(254).EmailAddress().WithMessage("Enter a valid e-mail address.");
        RuleFor(x => x.FirstName).NotEmpty().WithMessage("Enter a first name.").MaximumLength(100);
        RuleFor(x => x.LastName).NotEmpty().WithMessage("Enter a last name.").MaximumLength(100);
        RuleFor(x => x.Language).Must(l => Languages.IsSupported(l)).WithMessage("Choose English (en) or Polish (pl).");
        RuleFor(x => x.GroupIds).NotNull().Must(ids => ids.Count <= 100).WithMessage("Choose at most 100 groups.");
    }
}
