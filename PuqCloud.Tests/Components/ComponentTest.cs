using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using MediatR;
using MudBlazor;
using MudBlazor.Services;
using PuqCloud.Core.Features.Staff.MyAccount;
using PuqCloud.Core.Live;
using PuqCloud.Web.Infrastructure;

namespace PuqCloud.Tests.Components;

/// <summary>
/// A bUnit test of one component or page: MudBlazor's services, the console's texts (English), a fake request
/// sender (<see cref="Requests"/>) behind the real <see cref="UiRequests"/>, an in-process live-event bus and a
/// signed-in staff member. Pages render inside MudBlazor's providers, so dialogs, menus and selects open as in the
/// browser; what needs a real circuit (sign-in, drag and drop, uploads) stays with the browser journeys.
/// </summary>
public abstract class ComponentTest : BunitContext
{
    protected FakeRequests Requests { get; } = new();
    protected ILiveEvents LiveEvents { get; }

    /// <summary>The errors the components logged.</summary>
    protected PuqCloud.Tests.Support.ServerErrorLog ServerErrors { get; } = new();

    protected ComponentTest()
    {
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddMudServices(o => o.PopoverOptions.CheckForPopoverProvider = false);
        Services.AddLocalization(o => o.ResourcesPath = "Resources");
        Services.AddLogging();
        Services.AddSingleton<ILoggerFactory>(LoggerFactory.Create(b => b.AddProvider(ServerErrors)));
        Services.AddSingleton<IMediator>(Requests);
        Services.AddScoped<UiRequests>();
        Services.AddScoped<PersonTime>();
        Services.AddScoped<PuqCloud.Web.Infrastructure.CircuitCorrelation>();
        LiveEvents = new InProcessLiveEvents(NullLogger<InProcessLiveEvents>.Instance);
        Services.AddSingleton(LiveEvents);
        Services.AddSingleton(TimeProvider.System);
        AddAuthorization().SetAuthorized("Test Admin");
        // As in the app: components render on an interactive server circuit (live components subscribe only there).
        SetRendererInfo(new RendererInfo("Server", isInteractive: true));
        System.Globalization.CultureInfo.CurrentCulture = System.Globalization.CultureInfo.CurrentUICulture = new System.Globalization.CultureInfo("en");
    }

    /// <summary>
    /// xunit 2 disposes test classes synchronously, and some MudBlazor services are only asynchronously disposable.
    /// </summary>
    protected override void Dispose(bool disposing)
    {
        if (disposing && !_disposing)
        {
            _disposing = true;
            DisposeAsync().AsTask().GetAwaiter().GetResult();
            return;
        }
        base.Dispose(disposing);
    }

    private bool _disposing;

    /// <summary>The staff member holds these permissions (what UiRequests.StaffPermissionsAsync reads).</summary>
    protected void GivenStaffPermissions(params string[] permissions) =>
        Requests.On<GetMyAccount, MyAccount>(_ => TestAccounts.Staff(permissions));

    /// <summary>Renders <typeparamref name="TComponent"/> after MudBlazor's providers, as the layout does.</summary>
    protected IRenderedComponent<TComponent> RenderWithProviders<TComponent>(Action<ComponentParameterCollectionBuilder<TComponent>>? parameters = null)
        where TComponent : IComponent
    {
        Render<MudPopoverProvider>();
        Render<MudDialogProvider>();
        Render<MudSnackbarProvider>();
        return Render(parameters ?? (_ => { }));
    }
}
