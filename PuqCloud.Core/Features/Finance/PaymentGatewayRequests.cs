using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;
using PuqCloud.Core.Common;
using PuqCloud.Core.Domain.Finance;
using PuqCloud.Core.Modules;
using PuqCloud.Core.Persistence;
using PuqCloud.Core.Security;
using PuqCloud.Modules.Abstractions;

namespace PuqCloud.Core.Features.Finance;

/// <summary>A gateway of a home company; ModuleActive is false when its module was switched off since.</summary>
public sealed record PaymentGatewayDto(Guid Id, string Key, string ModuleKey, string ModuleName, bool ModuleActive);

public sealed record PaymentModuleOption(string Key, string Name);

public interface IPaymentGatewayFields
{
    Guid HomeCompanyId { get; }
    string Key { get; }
    string ModuleKey { get; }
}

[RequiresPermission(Permissions.HomeCompaniesView)]
public sealed record ListPaymentGateways(Guid HomeCompanyId) : IQuery<IReadOnlyList<PaymentGatewayDto>>;

/// <summary>The active modules of kind Payment, for the Create Payment Gateway form.</summary>
[RequiresPermission(Permissions.HomeCompaniesView)]
public sealed record ListPaymentModuleOptions : IQuery<IReadOnlyList<PaymentModuleOption>>;

[RequiresPermission(Permissions.HomeCompaniesEdit)]
public sealed record CreatePaymentGateway(Guid HomeCompanyId, string Key, string ModuleKey) : ICommand<PaymentGatewayDto>, IPaymentGatewayFields;

[RequiresPermission(Permissions.HomeCompaniesEdit)]
public sealed record UpdatePaymentGateway(Guid HomeCompanyId, Guid GatewayId, string Key, string ModuleKey) : ICommand<PaymentGatewayDto>, IPaymentGatewayFields;

[RequiresPermission(Permissions.HomeCompaniesEdit)]
public sealed record DeletePaymentGateway(Guid HomeCompanyId, Guid GatewayId) : ICommand<Unit>;

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

public sealed class CreatePaymentGatewayValidator(IModuleCatalog modules) : PaymentGatewayFieldsValidator<CreatePaymentGateway>(modules);

public sealed class UpdatePaymentGatewayValidator(IModuleCatalog modules) : PaymentGatewayFieldsValidator<UpdatePaymentGateway>(modules);

public sealed class PaymentGatewayHandlers(IDbContextFactory<AppDbContext> contexts, IModuleCatalog modules) :
    IRequestHandler<ListPaymentGateways, IReadOnlyList<PaymentGatewayDto>>,
    IRequestHandler<ListPaymentModuleOptions, IReadOnlyList<PaymentModuleOption>>,
    IRequestHandler<CreatePaymentGateway, PaymentGatewayDto>,
    IRequestHandler<UpdatePaymentGateway, PaymentGatewayDto>,
    IRequestHandler<DeletePaymentGateway, Unit>
{
    public async Task<IReadOnlyList<PaymentGatewayDto>> Handle(ListPaymentGateways request, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await EnsureCompanyAsync(db, request.HomeCompanyId, cancellationToken);
        var gateways = await db.PaymentGateways.AsNoTracking().Where(g => g.HomeCompanyId == request.HomeCompanyId).OrderBy(g => g.Key).ToListAsync(cancellationToken);
        var active = await modules.ActiveAsync(cancellationToken);
        return gateways.Select(g => ToDto(g, active)).ToList();
    }

    public async Task<IReadOnlyList<PaymentModuleOption>> Handle(ListPaymentModuleOptions request, CancellationToken cancellationToken) =>
        (await modules.ActiveAsync(cancellationToken)).Where(m => m.Kind == ModuleKind.Payment)
            .Select(m => new PaymentModuleOption(m.Key, m.Manifest.Name)).OrderBy(m => m.Name, StringComparer.Ordinal).ToList();

    public async Task<PaymentGatewayDto> Handle(CreatePaymentGateway request, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await EnsureCompanyAsync(db, request.HomeCompanyId, cancellationToken);
        var gateway = new PaymentGateway { HomeCompanyId = request.HomeCompanyId };
        db.PaymentGateways.Add(gateway);
        return await SaveAsync(db, gateway, request, cancellationToken);
    }

    public async Task<PaymentGatewayDto> Handle(UpdatePaymentGateway request, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var gateway = await FindAsync(db, request.HomeCompanyId, request.GatewayId, cancellationToken);
        return await SaveAsync(db, gateway, request, cancellationToken);
    }

    public async Task<Unit> Handle(DeletePaymentGateway request, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        db.PaymentGateways.Remove(await FindAsync(db, request.HomeCompanyId, request.GatewayId, cancellationToken));
        await db.SaveChangesAsync(cancellationToken);
        return Unit.Value;
    }

    private async Task<PaymentGatewayDto> SaveAsync(AppDbContext db, PaymentGateway gateway, IPaymentGatewayFields input, CancellationToken cancellationToken)
    {
        if (await db.PaymentGateways.AnyAsync(g => g.HomeCompanyId == input.HomeCompanyId && g.Key == input.Key && g.Id != gateway.Id, cancellationToken))
            throw RequestValidationException.For(nameof(input.Key), $"This home company already has a gateway with the key {input.Key}.");
        gateway.Key = input.Key;
        gateway.ModuleKey = input.ModuleKey;
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            throw RequestValidationException.For(nameof(input.Key), $"This home company already has a gateway with the key {input.Key}.");
        }
        return ToDto(gateway, await modules.ActiveAsync(cancellationToken));
    }

    private static async Task EnsureCompanyAsync(AppDbContext db, Guid id, CancellationToken cancellationToken)
    {
        if (!await db.HomeCompanies.AnyAsync(c => c.Id == id, cancellationToken)) throw new NotFoundException("There is no such home company.");
    }

    private static async Task<PaymentGateway> FindAsync(AppDbContext db, Guid companyId, Guid id, CancellationToken cancellationToken) =>
        await db.PaymentGateways.FirstOrDefaultAsync(g => g.Id == id && g.HomeCompanyId == companyId, cancellationToken)
        ?? throw new NotFoundException("There is no such payment gateway.");

    private PaymentGatewayDto ToDto(PaymentGateway g, IReadOnlyList<ModuleDescriptor> active) =>
        new(g.Id, g.Key, g.ModuleKey, modules.Find(g.ModuleKey)?.Manifest.Name ?? g.ModuleKey, active.Any(m => m.Key == g.ModuleKey));
}
