using FluentValidation;
using Microsoft.EntityFrameworkCore;
using PuqCloud.Core.Common;
using PuqCloud.Core.Domain.Common;
using PuqCloud.Core.Features.Reference;
using PuqCloud.Core.Persistence;
using PuqCloud.Core.Security;

namespace PuqCloud.Core.Features.Clients;

public interface IUserFields
{
    string Email { get; }
    string FirstName { get; }
    string LastName { get; }
    string? Phone { get; }
    string Language { get; }
    string? AdminNotes { get; }
}

public sealed class UserFieldsValidator<T> : AbstractValidator<T> where T : IUserFields
{
    public UserFieldsValidator()
    {
        RuleFor(x => x.Email).NotEmpty().WithMessage("Enter the e-mail address.").MaximumLength(254).EmailAddress().WithMessage("Enter a valid e-mail address.");
        RuleFor(x => x.FirstName).NotEmpty().WithMessage("Enter the first name.").MaximumLength(100);
        RuleFor(x => x.LastName).NotEmpty().WithMessage("Enter the last name.").MaximumLength(100);
        RuleFor(x => x.Phone).PhoneNumber();
        RuleFor(x => x.Language).Must(l => Languages.IsSupported(l)).WithMessage("Choose a language.");
        RuleFor(x => x.AdminNotes).MaximumLength(4000);
    }
}
