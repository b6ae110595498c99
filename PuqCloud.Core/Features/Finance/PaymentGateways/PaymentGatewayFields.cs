using FluentValidation;
using PuqCloud.Core.Modules;
using PuqCloud.Modules.Abstractions;

namespace PuqCloud.Core.Features.Finance;

public interface IPaymentGatewayFields
{
    Guid HomeCompanyId { get; }
    string Key { get; }
    string ModuleKey { get; }
    /// <summary>What payers see; null keeps it (empty on a new gateway: the module's name is shown).</summary>
    string? Name { get; }
    /// <summary>Null keeps it (on by default).</summary>
    bool? IsEnabled { get; }
    /// <summary>The currency codes the gateway takes; null keeps them (a new gateway takes the default currency); never empty.</summary>
    IReadOnlyList<string>? Currencies { get; }
    /// <summary>The module's gateway form by field key; null keeps the saved values; an empty secret keeps the saved one.</summary>
    IReadOnlyDictionary<string, string?>? Settings { get; }
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
        RuleFor(x => x.Name).MaximumLength(100).WithMessage("Use at most 100 characters.");
        RuleFor(x => x.Currencies).Must(c => c is null || c.Any(code => !string.IsNullOrWhiteSpace(code)))
            .WithMessage("Choose at least one currency the gateway takes.");
    }
}
