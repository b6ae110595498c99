using System.Reflection;
using FluentValidation;
using MediatR;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using PuqCloud.Core.Common;
using PuqCloud.Core.Common.Behaviours;
using PuqCloud.Core.Engine.Tasks;
using PuqCloud.Core.Engine.Scheduling;
using PuqCloud.Core.Features.ApiTokens;
using PuqCloud.Core.Features.Monitoring;
using PuqCloud.Core.Features.Platform;
using PuqCloud.Core.Features.Settings;
using PuqCloud.Core.Jobs;
using PuqCloud.Core.Live;
using PuqCloud.Core.Mail;
using PuqCloud.Core.Persistence;
using PuqCloud.Core.Security;
using PuqCloud.Modules.Abstractions;
using Quartz;

namespace PuqCloud.Core;

public static class CoreServiceCollectionExtensions
{
    /// <summary>
    /// Everything of Core on the database that configuration chooses (`Database:Provider`, `ConnectionStrings:Default`,
    /// `Storage:DataPath` relative to the content root). Hosts call this one: they never see EF Core or the persistence types.
    /// </summary>
    public static IServiceCollection AddPuqCore(this IServiceCollection services, IConfiguration configuration, string contentRootPath) =>
        services.AddPuqCore(configuration, DatabaseOptions.FromConfiguration(configuration, contentRootPath));

    /// <summary>The data folder (SQLite file, logs, uploads) that configuration chooses, created when missing.</summary>
    public static string DataPath(IConfiguration configuration, string contentRootPath) =>
        DatabaseOptions.FromConfiguration(configuration, contentRootPath).DataPath;

    /// <summary>Where the host's log goes besides the console: daily files in the data folder, and on SQL Server a table too.</summary>
    public static LogStorage LogStorage(IConfiguration configuration, string contentRootPath)
    {
        var database = DatabaseOptions.FromConfiguration(configuration, contentRootPath);
        return new LogStorage(database.DataPath, database.Provider == DatabaseProvider.SqlServer ? database.ConnectionString : null);
    }

    /// <summary>Everything of Core: database, request pipeline, security services, live events and the scheduler.</summary>
    public static IServiceCollection AddPuqCore(this IServiceCollection services, IConfiguration configuration, DatabaseOptions database)
    {
        services.AddSingleton(database);
        services.TryAddSingleton(TimeProvider.System);
        var manualClock = Billing.ManualClock.IsManual(configuration) ? Billing.ManualClock.FromConfiguration(configuration) : null;
        services.AddSingleton(sp => new Billing.BillingClock(manualClock ?? sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<AppReadiness>();
        services.AddSingleton(new NodeIdentity(
            configuration["Node:Name"] is { Length: > 0 } name ? name : Environment.MachineName,
            typeof(CoreServiceCollectionExtensions).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "0.0.0",
            DateTime.UtcNow));

        services.AddOptions<SignInOptions>().Bind(configuration.GetSection("SignIn"))
            .Validate(o => o.PasswordHashIterations >= 1, "SignIn:PasswordHashIterations must be at least 1.").ValidateOnStart();
        services.Configure<ApiTokenOptions>(configuration.GetSection("Api"));
        services.Configure<JobOptions>(configuration.GetSection("Jobs"));

        // A context per operation, from a factory of the request's (or circuit's) scope, so that the save
        // interceptor can hand what changed to that scope's activity audit.
        services.AddScoped<AuditTrail>();
        services.AddScoped<PermissionGrants>();
        services.AddScoped<ClientGrants>();
        services.AddScoped<AuditSaveChangesInterceptor>();
        services.AddDbContextFactory<AppDbContext>((sp, options) =>
        {
            database.Apply(options);
            options.AddInterceptors(sp.GetRequiredService<AuditSaveChangesInterceptor>());
        }, ServiceLifetime.Scoped);

        services.AddDataProtection().SetApplicationName("PuqCloud");
        // The host registers a KeyEncryptionKey (required outside Development): new keys are then encrypted before they are stored.
        services.AddOptions<KeyManagementOptions>().Configure<IServiceProvider>((o, sp) =>
        {
            o.XmlRepository = new DbXmlRepository(database);
            if (sp.GetService<KeyEncryptionKey>() is { } key) o.XmlEncryptor = new KeyEncryptionXmlEncryptor(key);
        });
        services.AddSingleton<ISecretProtector, DataProtectionSecretProtector>();

        services.AddScoped<ActorContext>();
        services.AddScoped<IAccountAccess, AccountAccess>();
        services.AddScoped<ISignInSessions, SignInSessions>();
        // Without AddPuqModules the host knows no modules; the permission catalog still works.
        services.TryAddSingleton<Modules.IModuleCatalog>(sp => new Modules.ModuleCatalog([], database, sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<Modules.IPermissionCatalog, Modules.PermissionCatalog>();
        services.AddSingleton<PasswordHashing>();
        services.AddScoped<AccountSignIn>();
        services.AddScoped<TwoFactorSteps>();
        services.AddScoped<OwnPasswordChange>();
        services.AddScoped<ApiTokenAuthenticator>();
        services.AddScoped<ClientApiTokenAuthenticator>();
        services.AddSingleton<ILiveEvents, InProcessLiveEvents>();
        // Mapster: one configuration with every area's mappings (Features/<Area>/<Area>Mapping.cs).
        services.AddSingleton(CoreMapping.Create());
        services.AddScoped<IGeneralSettingsStore, GeneralSettingsStore>();
        services.AddMail(configuration, database);
        services.AddSingleton<Files.IImageStore, Files.FileImageStore>();
        services.AddSingleton<Features.Catalog.IProductUsage, Features.Catalog.ServiceCountUsage>();
        services.AddSingleton<ChannelRequestLogWriter>();
        services.AddSingleton<IRequestLogWriter>(sp => sp.GetRequiredService<ChannelRequestLogWriter>());

        services.AddRequestPipeline(typeof(CoreServiceCollectionExtensions).Assembly);
        // Before the scheduler's hosted service: jobs need the migrated database.
        services.AddHostedService<DatabaseInitializerService>();
        services.AddHostedService<RequestLogWriterService>();
        services.AddTaskQueue(configuration);
        services.AddScheduler(configuration, database);
        services.AddSchedules();
        return services;
    }

    /// <summary>The persistent task queue and this node's worker pool (configuration section `Tasks`).</summary>
    private static void AddTaskQueue(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<TaskQueueOptions>(configuration.GetSection("Tasks"));
        services.AddSingleton<TaskSignal>();
        services.AddSingleton<ITaskQueue, TaskQueue>();
        services.AddScoped<ITaskHandler, Features.ClientArea.PasswordResetMail>();
        services.AddScoped<ITaskHandler, Billing.ServiceModuleActionHandler>();
        services.AddScoped<ITaskHandler, Finance.Vies.VatIdCheckHandler>();
        // VIES (`Vies:BaseUrl`, `Vies:TimeoutSeconds`); tests register a fake IVatIdChecker after this one.
        var vies = Finance.Vies.ViesOptions.FromConfiguration(configuration);
        services.AddSingleton(vies);
        services.AddHttpClient(Finance.Vies.ViesOptions.HttpClientName, c => c.Timeout = vies.Timeout + TimeSpan.FromSeconds(5));
        services.AddSingleton<Finance.Vies.IVatIdChecker, Finance.Vies.ViesVatIdChecker>();
        services.AddSingleton<TaskWorkerService>();
        services.AddHostedService(sp => sp.GetRequiredService<TaskWorkerService>());
    }

    /// <summary>Automation → Scheduler: the registry of schedules, their runner, the Quartz synchronization and the cleanup schedules.</summary>
    private static void AddSchedules(this IServiceCollection services)
    {
        services.AddScoped<ScheduleRegistry>();
        services.AddSingleton<ScheduleRunner>();
        services.AddSingleton<ScheduleSynchronizer>();
        services.AddHostedService(sp => sp.GetRequiredService<ScheduleSynchronizer>());
        services.AddScoped<RetentionCleanup>();
        foreach (var definition in RetentionCleanup.Definitions()) services.AddSingleton(definition);
        services.AddScoped<Features.Catalog.PriceConversion>();
        services.AddSingleton(Features.Catalog.PriceConversion.Definition());
        // Finance, then Service: when the test clock moves, schedules due at one instant run in this order.
        services.AddSingleton<Billing.ServiceBilling>();
        services.AddSingleton(Billing.ServiceBilling.Definition());
        services.AddSingleton<Billing.BalanceReconciliation>();
        services.AddSingleton(Billing.BalanceReconciliation.Definition());
        services.AddScoped<Finance.ProformaExpiry>();
        services.AddSingleton(Finance.ProformaExpiry.Definition());
        services.AddSingleton<Billing.ServiceAutomation>();
        foreach (var definition in Billing.ServiceAutomation.Definitions()) services.AddSingleton(definition);
    }

    /// <summary>SMTP when `Mail:Smtp:Host` is set, otherwise .eml files in the outbox folder; the public address for links.</summary>
    private static void AddMail(this IServiceCollection services, IConfiguration configuration, DatabaseOptions database)
    {
        var mail = MailOptions.FromConfiguration(configuration, database);
        services.AddSingleton(mail);
        if (mail.UsesSmtp) services.AddSingleton<IMailSender, SmtpMailSender>();
        else services.AddSingleton<IMailSender, OutboxMailSender>();
        services.TryAddScoped<IPublicAddress, ConfiguredPublicAddress>();
    }

    /// <summary>
    /// MediatR 5: the service factory, the behaviours in the order they wrap (first = outermost), and every
    /// handler and validator of the assembly.
    /// </summary>
    private static void AddRequestPipeline(this IServiceCollection services, Assembly assembly)
    {
        services.AddScoped<ServiceFactory>(sp => sp.GetService!);
        services.AddScoped<IMediator, Mediator>();
        services.AddScoped(typeof(IPipelineBehavior<,>), typeof(LoggingBehaviour<,>));
        services.AddScoped(typeof(IPipelineBehavior<,>), typeof(AuthorizationBehaviour<,>));
        services.AddScoped(typeof(IPipelineBehavior<,>), typeof(ValidationBehaviour<,>));
        services.AddScoped(typeof(IPipelineBehavior<,>), typeof(AuditBehaviour<,>));
        services.AddScoped(typeof(IPipelineBehavior<,>), typeof(UniqueValueBehaviour<,>));
        services.AddScoped(typeof(IPipelineBehavior<,>), typeof(ConcurrencyConflictBehaviour<,>));

        foreach (var type in assembly.GetTypes().Where(t => t is { IsClass: true, IsAbstract: false, IsGenericTypeDefinition: false }))
        {
            foreach (var contract in type.GetInterfaces().Where(i => i.IsGenericType))
            {
                var definition = contract.GetGenericTypeDefinition();
                if (definition == typeof(IRequestHandler<,>) || definition == typeof(INotificationHandler<>) || definition == typeof(IValidator<>))
                    services.AddScoped(contract, type);
            }
        }
    }

    private static void AddScheduler(this IServiceCollection services, IConfiguration configuration, DatabaseOptions database)
    {
        var heartbeatSeconds = Math.Max(1, configuration.GetValue("Jobs:HeartbeatSeconds", new JobOptions().HeartbeatSeconds));
        services.AddQuartz(q =>
        {
            q.ConfigureScheduler(o =>
            {
                o.InstanceName = "PuqCloud";
                o.GenerateInstanceId = true;
            });
            q.UsePersistentStore(store =>
            {
                store.UseSystemTextJsonSerializer();
                switch (database.Provider)
                {
                    case DatabaseProvider.Postgres:
                        store.UsePostgres(database.ConnectionString);
                        // One trigger fires on one node only when several nodes share the database.
                        store.UseClustering();
                        break;
                    case DatabaseProvider.SqlServer:
                        store.UseSqlServer(database.ConnectionString);
                        // SQL Server is a shared, multi-node database too: cluster as on PostgreSQL.
                        store.UseClustering();
                        break;
                    default:
                        store.UseSqlite(database.ConnectionString);
                        break;
                }
                // Quartz creates its own QRTZ_ tables when they are missing; it never alters them.
                store.ProvisionSchema();
                // A fire later than this counts as missed: schedules skip it (DoNothing) instead of running late.
                store.ConfigureStore(o => o.MisfireThreshold = TimeSpan.FromSeconds(5));
            });
            q.AddJob<HeartbeatJob>(job => job.WithIdentity(HeartbeatJob.Key).StoreDurably().WithDescription("Writes this node's heartbeat and tells open dashboards."));
            q.AddTrigger(trigger => trigger
                .ForJob(HeartbeatJob.Key)
                .WithIdentity("heartbeat", "system")
                .StartNow()
                .WithSimpleSchedule(s => s.WithInterval(TimeSpan.FromSeconds(heartbeatSeconds)).RepeatForever().WithMisfireInstruction(SimpleTriggerMisfireInstruction.NextWithRemainingCount)));
        });
        services.Configure<QuartzOptions>(o =>
        {
            // A changed interval in configuration replaces the stored trigger at start.
            o.Scheduling.OverwriteExistingData = true;
        });
        services.AddQuartzHostedService(o =>
        {
            o.WaitForJobsToComplete = true;
            o.AwaitApplicationStarted = true;
        });
    }
}

/// <summary>Where logs are written: the data folder's <c>logs/</c>, and the database's <c>Logs</c> table on SQL Server.</summary>
public sealed record LogStorage(string DataPath, string? SqlServerConnectionString);
