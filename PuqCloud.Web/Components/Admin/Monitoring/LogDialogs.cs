using MudBlazor;

namespace PuqCloud.Web.Components.Admin.Monitoring;

/// <summary>How the log pages open an entry's details: wide, with a close button, closed by Escape.</summary>
public static class LogDialogs
{
    public static DialogOptions Options { get; } = new() { MaxWidth = MaxWidth.Medium, FullWidth = true, CloseButton = true, CloseOnEscapeKey = true };
}
