using FluentValidation;
using MediatR;
using PuqCloud.Core.Common;
using PuqCloud.Core.Features.Modules;
using PuqCloud.Core.Modules;
using PuqCloud.Core.Security;
using PuqCloud.Modules.Abstractions;

namespace PuqCloud.Core.Features.Finance;

/// <summary>A Payment module a gateway can use, with its gateway form (defaults filled in) for a new gateway.</summary>
public sealed record PaymentModuleOption(string Key, string Name, IReadOnlyList<ModuleSettingDto> Fields);

/// <summary>The active modules of kind Payment, for the Create Payment Gateway form.</summary>
[RequiresPermission(Permissions.HomeCompaniesView)]
public sealed record ListPaymentModuleOptions : IQuery<IReadOnlyList<PaymentModuleOption>>;

public sealed class ListPaymentModuleOptionsHandler(IModuleCatalog modules) : IRequestHandler<ListPaymentModuleOptions, IReadOnlyList<PaymentModuleOption>>
{
    public async Task<IReadOnlyList<PaymentModuleOption>> Handle(ListPaymentModuleOptions request, CancellationToken cancellationToken) =>
        (await modules.ActiveAsync(cancellationToken)).Where(m => m.Kind == ModuleKind.Payment)
            .Select(m => new PaymentModuleOption(m.Key, m.Manifest.Name, m.Instance is IPaymentModule p ? ModuleSettingForm.Describe(p.GatewaySettings, _ => null) : [])).OrderBy(m => m.Name, StringComparer.Ordinal).ToList();
}
