using System.Text.Json;
using Microsoft.AspNetCore.Components;
using PuqCloud.Core.Features.Finance;
using PuqCloud.Web.Components.Shared;
using PuqCloud.Web.Infrastructure;

namespace PuqCloud.Web.Components.Admin.Finance;

/// <summary>
/// A form tab of the home company editor (General, Email settings, Tax settings, Invoice settings): it loads the
/// company itself when it is first shown and keeps its fields while the person visits other tabs; the page's Save
/// sends the request of every tab whose fields changed.
/// </summary>
public abstract class HomeCompanyForm : PuqComponentBase
{
    [Inject] protected UiRequests Ui { get; set; } = default!;

    [Parameter, EditorRequired] public Guid Id { get; set; }
    [Parameter] public bool CanEdit { get; set; }
    /// <summary>The company as this tab loaded it, for the page's header.</summary>
    [Parameter] public EventCallback<HomeCompanyDetails> Loaded { get; set; }

    protected HomeCompanyDetails? Company { get; private set; }
    protected UiResult<HomeCompanyDetails>? Result { get; private set; }
    protected string? LoadMessage { get; private set; }
    private string? _baseline;

    /// <summary>True when a field differs from what was loaded or last saved.</summary>
    public bool Changed => Company is not null && _baseline != Snapshot();

    /// <summary>True when the last save of this tab was refused on one of its fields.</summary>
    public bool HasErrors => Result is { FieldErrors.Count: > 0 };

    protected override async Task OnInitializedAsync()
    {
        var result = await Ui.SendAsync(new GetHomeCompany(Id), Closing);
        LoadMessage = result.Message;
        if (result.Value is not { } company) return;
        Show(company);
        await Loaded.InvokeAsync(company);
    }

    /// <summary>Sends this tab's request; the fields show the server's errors, or take the saved values.</summary>
    public async Task<UiResult<HomeCompanyDetails>> SaveAsync()
    {
        Result = await Ui.SendAsync(Request(), Closing);
        if (Result.Value is { } saved) Show(saved);
        StateHasChanged();
        return Result;
    }

    private void Show(HomeCompanyDetails company)
    {
        Company = company;
        Fill(company);
        _baseline = Snapshot();
    }

    /// <summary>The tab's request as JSON (of its own type: the interface has no properties), to tell whether a field changed.</summary>
    private string Snapshot() => JsonSerializer.Serialize((object)Request());

    /// <summary>Copies the company's values into the tab's fields.</summary>
    protected abstract void Fill(HomeCompanyDetails company);

    /// <summary>The update request of the tab's fields as they are now.</summary>
    protected abstract MediatR.IRequest<HomeCompanyDetails> Request();
}
