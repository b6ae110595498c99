using FluentValidation;
using Microsoft.EntityFrameworkCore;
using PuqCloud.Core.Domain.Finance;
using PuqCloud.Core.Modules;
using PuqCloud.Core.Security;
using PuqCloud.Modules.Abstractions;

namespace PuqCloud.Core.Features.Finance;

public interface IPaymentGatewayFields
{
    Guid HomeCompanyId { get; }
    string Key { get; }
    string ModuleKey { get; }
}

public abstract class PaymentGatewayFieldsValidator<T> : AbstractValidator<T> where T : IPaymentGatewayFields
{
    protected PaymentGatewayFieldsValidator(IModuleCatalog modules)
    {
        RuleFor(x => x.Key).NotEmpty().WithMessage("Enter a key, for example stripe_main.").MaximumLength(100)
            .Matches("^[a-z0-9][a-z0-9_-]*$").WithMessage("Use lower-case letters, digits, - and _, for example stripe_main.");
        RuleFor(x => x.ModuleKey).NotEmpty().WithMessage("Choose a payment module.")
            .MustAsync(async (key, ct) => (await modules.ActiveAsync(ct)).Any(m => m.Key == key && m.Kind == ModuleKind.Payment))
            .When(x => !string.IsNullOrEmpty(x.ModuleKey)).WithMessage("Choose an active payment module.");
    }
}
