using Microsoft.EntityFrameworkCore;
using PuqCloud.Core.Common;
using PuqCloud.Core.Domain.Finance;
using PuqCloud.Core.Features.Modules;
using PuqCloud.Core.Modules;
using PuqCloud.Core.Persistence;
using PuqCloud.Core.Security;
using PuqCloud.Modules.Abstractions;

namespace PuqCloud.Core.Features.Finance;

/// <summary>Steps that several PaymentGateway use cases share.</summary>
internal static class PaymentGatewayRules
{
    /// <summary>
    /// Writes the fields into the gateway (tracked, new or loaded with its settings) and saves: a key of the company's
    /// own, currencies that exist, the module's form through the same rules as every module form (secrets encrypted,
    /// an empty secret keeps the saved one). A different module than before drops the old module's settings.
    /// </summary>
    internal static async Task<PaymentGatewayDto> SaveAsync(IModuleCatalog modules, ISecretProtector secrets, AppDbContext db, PaymentGateway gateway,
        IPaymentGatewayFields input, CancellationToken cancellationToken)
    {
        if (await db.PaymentGateways.AnyAsync(g => g.HomeCompanyId == input.HomeCompanyId && g.Key == input.Key && g.Id != gateway.Id, cancellationToken))
            throw RequestValidationException.For(nameof(input.Key), $"This home company already has a gateway with the key {input.Key}.");
        if (input.Currencies is { } asked)
        {
            var codes = PaymentGateway.JoinCurrencies(asked).Split(',', StringSplitOptions.RemoveEmptyEntries);
            var known = await db.Currencies.Where(c => codes.Contains(c.Code)).Select(c => c.Code).ToListAsync(cancellationToken);
            if (codes.Except(known, StringComparer.Ordinal).ToList() is { Count: > 0 } unknown)
                throw RequestValidationException.For(nameof(input.Currencies), $"There is no currency {string.Join(", ", unknown)} in Settings → Currencies.");
            gateway.CurrencyCodes = string.Join(',', codes);
        }
        else if (gateway.CurrencyCodes.Length == 0)
        {
            gateway.CurrencyCodes = await db.Currencies.Where(c => c.IsDefault).Select(c => c.Code).FirstOrDefaultAsync(cancellationToken)
                ?? throw RequestValidationException.For(nameof(input.Currencies), "Choose at least one currency the gateway takes.");
        }
        if (gateway.ModuleKey.Length > 0 && gateway.ModuleKey != input.ModuleKey)
        {
            // Another module's form means nothing to the new one (and its secrets must not linger).
            db.PaymentGatewaySettings.RemoveRange(gateway.Settings);
            gateway.Settings.Clear();
        }
        gateway.Key = input.Key;
        gateway.ModuleKey = input.ModuleKey;
        if (input.Name is not null) gateway.Name = input.Name.Trim();
        if (input.IsEnabled is { } enabled) gateway.IsEnabled = enabled;
        if (input.Settings is { } values && modules.Find(input.ModuleKey)?.Instance is IPaymentModule module)
        {
            var stored = gateway.Settings.ToDictionary(s => s.Key, StringComparer.Ordinal);
            foreach (var (key, value) in ModuleSettingForm.Read(module.GatewaySettings, values, key => stored.GetValueOrDefault(key)?.Value is { Length: > 0 }, secrets))
            {
                if (!stored.TryGetValue(key, out var row))
                {
                    row = new PaymentGatewaySetting { PaymentGatewayId = gateway.Id, Key = key };
                    gateway.Settings.Add(row);
                    stored[key] = row;
                }
                (row.Value, row.IsSecret) = (value.Value, value.IsSecret);
            }
        }
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            throw RequestValidationException.For(nameof(input.Key), $"This home company already has a gateway with the key {input.Key}.");
        }
        return ToDto(modules, gateway, await modules.ActiveAsync(cancellationToken));
    }

    internal static async Task EnsureCompanyAsync(AppDbContext db, Guid id, CancellationToken cancellationToken)
    {
        if (!await db.HomeCompanies.AnyAsync(c => c.Id == id, cancellationToken)) throw new NotFoundException("There is no such home company.");
    }

    internal static async Task<PaymentGateway> FindAsync(AppDbContext db, Guid companyId, Guid id, CancellationToken cancellationToken) =>
        await db.PaymentGateways.Include(g => g.Settings).FirstOrDefaultAsync(g => g.Id == id && g.HomeCompanyId == companyId, cancellationToken)
        ?? throw new NotFoundException("There is no such payment gateway.");

    /// <summary>The company's gateways in the order payers see them.</summary>
    internal static Task<List<PaymentGateway>> ListAsync(AppDbContext db, Guid companyId, CancellationToken cancellationToken) =>
        db.PaymentGateways.AsNoTracking().Include(g => g.Settings).Where(g => g.HomeCompanyId == companyId)
            .OrderBy(g => g.Position).ThenBy(g => g.Key).ToListAsync(cancellationToken);

    internal static string ModuleName(IModuleCatalog modules, string moduleKey) => modules.Find(moduleKey)?.Manifest.Name ?? moduleKey;

    internal static string DisplayName(IModuleCatalog modules, PaymentGateway g) => g.Name.Length > 0 ? g.Name : ModuleName(modules, g.ModuleKey);

    internal static PaymentGatewayDto ToDto(IModuleCatalog modules, PaymentGateway g, IReadOnlyList<ModuleDescriptor> active)
    {
        var fields = modules.Find(g.ModuleKey)?.Instance is IPaymentModule module
            ? ModuleSettingForm.Describe(module.GatewaySettings, key => g.Settings.FirstOrDefault(s => s.Key == key)?.Value)
            : [];
        return new PaymentGatewayDto(g.Id, g.Key, g.ModuleKey, ModuleName(modules, g.ModuleKey), active.Any(m => m.Key == g.ModuleKey), g.Name,
            DisplayName(modules, g), g.IsEnabled, g.Position, g.Currencies, fields);
    }

    /// <summary>A gateway's settings as its module reads them: secrets decrypted, for the module alone.</summary>
    internal static IReadOnlyDictionary<string, string> Values(PaymentGateway g, ISecretProtector secrets) =>
        g.Settings.ToDictionary(s => s.Key, s => s.Value is null ? "" : s.IsSecret ? secrets.Unprotect(s.Value) : s.Value, StringComparer.Ordinal);
}
