using FluentValidation;
using Microsoft.EntityFrameworkCore;
using PuqCloud.Core.Domain.Clients;
using PuqCloud.Core.Persistence;

namespace PuqCloud.Core.Features.Clients;

/// <summary>The Create/Edit Address form of the Profile tab.</summary>
public interface IAddressForm : IAddressFields
{
    AddressType Type { get; }
    string Name { get; }
    string? ContactName { get; }
    string? Phone { get; }
    string? Email { get; }
}

public sealed class AddressFormValidator<T> : AbstractValidator<T> where T : IAddressForm
{
    public AddressFormValidator(IDbContextFactory<AppDbContext> contexts)
    {
        Include(new AddressFieldsValidator<T>(contexts));
        RuleFor(x => x.Type).IsInEnum();
        RuleFor(x => x.Name).NotEmpty().WithMessage("Name the address, for example Head office.").MaximumLength(100);
        RuleFor(x => x.ContactName).MaximumLength(200);
        RuleFor(x => x.Phone).MaximumLength(40);
        RuleFor(x => x.Email).MaximumLength(254).EmailAddress().When(x => !string.IsNullOrWhiteSpace(x.Email)).WithMessage("Enter a valid e-mail address.");
    }
}
