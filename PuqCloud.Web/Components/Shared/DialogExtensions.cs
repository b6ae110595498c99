using MudBlazor;

namespace PuqCloud.Web.Components.Shared;

/// <summary>The console's one way to ask "are you sure?".</summary>
public static class DialogExtensions
{
    /// <summary>Asks to confirm a destructive or lasting action; true only when the person pressed the confirm button.</summary>
    public static async Task<bool> ConfirmAsync(this IDialogService dialogs, string title, string message, string confirmText, string cancelText)
    {
        var answer = await dialogs.ShowMessageBoxAsync(new MessageBoxOptions
        {
            Title = title,
            Message = message,
            YesText = confirmText,
            CancelText = cancelText,
        }, new DialogOptions { MaxWidth = MaxWidth.ExtraSmall, FullWidth = true, CloseButton = false, BackdropClick = false });
        return answer == true;
    }
}
