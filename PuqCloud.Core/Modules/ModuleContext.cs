using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PuqCloud.Core.Common;
using PuqCloud.Core.Domain.Engine;
using PuqCloud.Core.Engine;
using PuqCloud.Core.Live;
using PuqCloud.Core.Persistence;
using PuqCloud.Core.Security;
using PuqCloud.Modules.Abstractions;

namespace PuqCloud.Core.Modules;

/// <summary>Makes the context a module works with, in the given scope.</summary>
public sealed class ModuleContextFactory(DatabaseOptions database, ISecretProtector secrets, ILiveEvents live, IHttpClientFactory http, TimeProvider clock)
{
    public const string HttpClientName = "modules";

    public IModuleContext Create(ModuleDescriptor module, IServiceProvider services) =>
        new ModuleContext(module, services, new StoredModuleSettings(module, database, secrets), database, live, http, clock);
}

internal sealed class ModuleContext(ModuleDescriptor module, IServiceProvider services, StoredModuleSettings settings, DatabaseOptions database,
    ILiveEvents live, IHttpClientFactory http, TimeProvider clock) : IModuleContext
{
    private HttpClient? _http;

    public string ModuleKey => module.Key;
    public IModuleSettings Settings => settings;
    public IModuleLogger Log { get; } = new ModuleLogWriter(module.Key, settings, database, live, clock);
    // Resolved when first used: the queue belongs to the engine, not to the module system.
    public ITaskQueue Tasks => services.GetRequiredService<ITaskQueue>();
    public HttpClient Http => _http ??= http.CreateClient(ModuleContextFactory.HttpClientName);
    public TimeProvider Clock => clock;
    public IModuleEvents Events { get; } = new ModuleEvents(live);
}

/// <summary>
/// The module's saved values, read once per context (asynchronously, by whichever caller comes first); secrets are
/// decrypted here and only handed to the module itself.
/// </summary>
internal sealed class StoredModuleSettings(ModuleDescriptor module, DatabaseOptions database, ISecretProtector secrets) : IModuleSettings
{
    private readonly SemaphoreSlim _loading = new(1, 1);
    private volatile Dictionary<string, string?>? _values;

    public async ValueTask<string?> GetAsync(string key, CancellationToken cancellationToken = default)
    {
        var values = await ValuesAsync(cancellationToken);
        lock (values)
        {
            if (values.TryGetValue(key, out var value)) return value;
        }
        return module.Instance.Settings.FirstOrDefault(f => f.Key == key)?.DefaultValue;
    }

    public async Task SetAsync(string key, string? value, CancellationToken cancellationToken = default)
    {
        if (module.Instance.Settings.Any(f => f.Key == key))
            throw new InvalidOperationException($"{key} is a setting of the administrator; a module stores its own state under other keys.");
        await using var db = database.CreatePlainContext();
        var stored = await db.ModuleSettings.FirstOrDefaultAsync(s => s.ModuleKey == module.Key && s.Key == key, cancellationToken);
        if (stored is null) db.ModuleSettings.Add(stored = new ModuleSettingValue { ModuleKey = module.Key, Key = key });
        stored.Value = value;
        await db.SaveChangesAsync(cancellationToken);
        if (_values is { } values)
            lock (values) values[key] = value;
    }

    /// <summary>The secret values in clear, so that the log can mask them wherever they appear.</summary>
    public async Task<IReadOnlyList<string>> SecretValuesAsync(CancellationToken cancellationToken)
    {
        var values = await ValuesAsync(cancellationToken);
        lock (values)
        {
            return module.Instance.Settings.Where(f => f.Type == ModuleSettingType.Secret)
                .Select(f => values.GetValueOrDefault(f.Key)).OfType<string>().Where(v => v.Length > 0).ToList();
        }
    }

    private async ValueTask<Dictionary<string, string?>> ValuesAsync(CancellationToken cancellationToken)
    {
        if (_values is { } loaded) return loaded;
        await _loading.WaitAsync(cancellationToken);
        try
        {
            if (_values is { } raced) return raced;
            await using var db = database.CreatePlainContext();
            var rows = await db.ModuleSettings.AsNoTracking().Where(s => s.ModuleKey == module.Key).ToListAsync(cancellationToken);
            return _values = rows.ToDictionary(s => s.Key, s => s.IsSecret && s.Value is { Length: > 0 } v ? secrets.Unprotect(v) : s.Value, StringComparer.Ordinal);
        }
        finally
        {
            _loading.Release();
        }
    }
}

/// <summary>Writes Module Log rows with secrets masked and tells open pages once the row is stored.</summary>
internal sealed class ModuleLogWriter(string moduleKey, StoredModuleSettings settings, DatabaseOptions database, ILiveEvents live, TimeProvider clock) : IModuleLogger
{
    public async Task LogAsync(string action, ModuleLogLevel level, string message, string? request = null, string? response = null, CancellationToken cancellationToken = default)
    {
        var secrets = await settings.SecretValuesAsync(cancellationToken);
        await using (var db = database.CreatePlainContext())
        {
            db.ModuleLog.Add(new ModuleLogEntry
            {
                At = clock.GetUtcNow().UtcDateTime,
                ModuleKey = moduleKey,
                Action = TextCut.Cut(action, 200),
                Level = level.ToString(),
                Message = TextCut.Cut(SecretMasking.Mask(message, secrets), 2000),
                Request = request is null ? null : SecretMasking.Mask(request, secrets),
                Response = response is null ? null : SecretMasking.Mask(response, secrets),
            });
            await db.SaveChangesAsync(cancellationToken);
        }
        await live.PublishAsync(new LiveEvent(EngineTopics.ModuleLog, moduleKey), cancellationToken);
    }

}

/// <summary>Replaces secrets in logged text by ***: known secret values anywhere, and values of fields named like a secret.</summary>
public static partial class SecretMasking
{
    public const string Stars = "***";

    [GeneratedRegex("""("(?<name>[^"\\]*(?:password|passwd|token|secret|api[_-]?key)[^"\\]*)"\s*:\s*)(?:"(?:[^"\\]|\\.)*"|[^,}\]\s]+)""", RegexOptions.IgnoreCase)]
    private static partial Regex JsonField();

    [GeneratedRegex("""(?<=^|[&?\s])(?<name>[\w.\-\[\]]*(?:password|passwd|token|secret|api[_-]?key)[\w.\-\[\]]*)=[^&\s]*""", RegexOptions.IgnoreCase)]
    private static partial Regex FormField();

    public static string Mask(string text, IEnumerable<string> secretValues)
    {
        // Longest first, so that a secret containing another is masked whole.
        foreach (var secret in secretValues.Distinct().OrderByDescending(s => s.Length))
        {
            text = text.Replace(secret, Stars, StringComparison.Ordinal);
            // As a module's request may carry it: form- or URL-encoded, or in JSON, where System.Text.Json writes + < > & ' as
            // \u002B and the like (half of all base64 keys have a +).
            foreach (var encoded in new[] { WebUtility.UrlEncode(secret), Uri.EscapeDataString(secret), JsonEncodedText.Encode(secret).ToString() }.Distinct())
                if (encoded != secret) text = text.Replace(encoded, Stars, StringComparison.Ordinal);
        }
        text = JsonField().Replace(text, m => m.Groups[1].Value + "\"" + Stars + "\"");
        return FormField().Replace(text, m => m.Groups["name"].Value + "=" + Stars);
    }
}

internal sealed class ModuleEvents(ILiveEvents live) : IModuleEvents
{
    public Task PublishAsync(string topic, string? subject = null, CancellationToken cancellationToken = default) =>
        live.PublishAsync(new LiveEvent(topic, subject), cancellationToken);
}

/// <summary>A small retry for modules' outside calls: transient failures (network errors, 408, 429, 5xx) of requests that can be repeated.</summary>
public sealed class TransientRetryHandler : DelegatingHandler
{
    private static readonly TimeSpan[] Delays = [TimeSpan.FromMilliseconds(200), TimeSpan.FromMilliseconds(800)];

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var repeatable = request.Method == HttpMethod.Get || request.Method == HttpMethod.Head || request.Method == HttpMethod.Put
            || request.Method == HttpMethod.Delete || request.Method == HttpMethod.Options;
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                var response = await base.SendAsync(request, cancellationToken);
                if (!repeatable || attempt >= Delays.Length || !IsTransient(response.StatusCode)) return response;
                response.Dispose();
            }
            catch (HttpRequestException) when (repeatable && attempt < Delays.Length)
            {
            }
            await Task.Delay(Delays[attempt], cancellationToken);
        }
    }

    private static bool IsTransient(HttpStatusCode status) =>
        status is HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests || (int)status >= 500;
}
