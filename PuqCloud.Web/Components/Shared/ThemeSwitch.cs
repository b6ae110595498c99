namespace PuqCloud.Web.Components.Shared;

/// <summary>
/// Switches an interactive page between light and dark where it stands: no reload, so what a person has typed stays.
/// The Routes component owns the theme and cascades this; the switch links call it and keep their address only for the
/// static pages (sign-in), where the server's preference endpoint sets the cookie and sends the person back.
/// </summary>
public sealed class ThemeSwitch(Func<Task> toggle)
{
    public Task ToggleAsync() => toggle();
}
