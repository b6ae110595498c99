using PuqCloud.Core.Persistence;
using PuqCloud.Core.Security;

namespace PuqCloud.Web.Infrastructure;

/// <summary>
/// `DataProtection:KeyEncryptionKey` at start-up: outside Development the console does not start without it (or with a
/// malformed one) and says why; Development without one keeps a key file in the data folder.
/// </summary>
public static class KeyEncryptionSetup
{
    public static void AddKeyEncryption(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        if (configuration[KeyEncryptionKey.Setting] is { Length: > 0 } configured)
        {
            services.AddSingleton(KeyEncryptionKey.FromBase64(configured));
            return;
        }
        if (!environment.IsDevelopment()) throw new InvalidOperationException(KeyEncryptionKey.MissingMessage);
        services.AddSingleton(sp => KeyEncryptionKey.DevelopmentKey(sp.GetRequiredService<DatabaseOptions>().DataPath));
    }
}
