using FluentValidation;
using Microsoft.EntityFrameworkCore;
using PuqCloud.Core.Common;
using PuqCloud.Core.Domain.Common;
using PuqCloud.Core.Features.Reference;
using PuqCloud.Core.Persistence;
using PuqCloud.Core.Security;

namespace PuqCloud.Core.Features.Clients;

/// <summary>The client's own fields, shared by create and update (and their rules).</summary>
public interface IClientFields
{
    string FirstName { get; }
    string LastName { get; }
    string? CompanyName { get; }
    string? TaxId { get; }
    string? Phone { get; }
    string Language { get; }
}

public sealed class ClientFieldsValidator<T> : AbstractValidator<T> where T : IClientFields
{
    public ClientFieldsValidator()
    {
        RuleFor(x => x.FirstName).NotEmpty().WithMessage("Enter the first name.").MaximumLength(100);
        RuleFor(x => x.LastName).NotEmpty().WithMessage("Enter the last name.").MaximumLength(100);
        RuleFor(x => x.CompanyName).MaximumLength(200);
        RuleFor(x => x.TaxId).MaximumLength(50);
        RuleFor(x => x.Phone).PhoneNumber();
        RuleFor(x => x.Language).Must(l => Languages.IsSupported(l)).WithMessage("Choose a language.");
    }
}
