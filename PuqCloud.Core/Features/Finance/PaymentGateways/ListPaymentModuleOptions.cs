using FluentValidation;
using MediatR;
using PuqCloud.Core.Common;
using PuqCloud.Core.Modules;
using PuqCloud.Core.Security;
using PuqCloud.Modules.Abstractions;

namespace PuqCloud.Core.Features.Finance;

public sealed record PaymentModuleOption(string Key, string Name);

/// <summary>The active modules of kind Payment, for the Create Payment Gateway form.</summary>
[RequiresPermission(Permissions.HomeCompaniesView)]
public sealed record ListPaymentModuleOptions : IQuery<IReadOnlyList<PaymentModuleOption>>;

public sealed class ListPaymentModuleOptionsHandler(IModuleCatalog modules) : IRequestHandler<ListPaymentModuleOptions, IReadOnlyList<PaymentModuleOption>>
{
    public async Task<IReadOnlyList<PaymentModuleOption>> Handle(ListPaymentModuleOptions request, CancellationToken cancellationToken) =>
        (await modules.ActiveAsync(cancellationToken)).Where(m => m.Kind == ModuleKind.Payment)
            .Select(m => new PaymentModuleOption(m.Key, m.Manifest.Name)).OrderBy(m => m.Name, StringComparer.Ordinal).ToList();
}
