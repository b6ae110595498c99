using MudBlazor;

namespace PuqCloud.Web.Components.Shared;

/// <summary>
/// The one theme of the console and the client area. Colours are chosen for WCAG AA contrast on their
/// backgrounds in both palettes (axe-core checks every page in light and dark).
/// </summary>
public static class PuqTheme
{
    public static readonly MudTheme Theme = new()
    {
        PaletteLight = new PaletteLight
        {
            Primary = "#2F5BD3",
            PrimaryContrastText = "#FFFFFF",
            Secondary = "#5B4FC4",
            Tertiary = "#0F766E",
            Info = "#1D63B8",
            Success = "#1E7B34",
            Warning = "#9A5B00",
            Error = "#B42318",
            Dark = "#27303F",
            AppbarBackground = "#FFFFFF",
            AppbarText = "#1F2937",
            DrawerBackground = "#F7F8FA",
            DrawerText = "#1F2937",
            DrawerIcon = "#4B5563",
            Background = "#F3F4F6",
            Surface = "#FFFFFF",
            TextPrimary = "#1F2937",
            TextSecondary = "#4B5563",
            ActionDefault = "#4B5563",
            LinesDefault = "#D9DDE3",
            TableLines = "#E5E7EB",
            Divider = "#E5E7EB",
        },
        PaletteDark = new PaletteDark
        {
            Primary = "#8AB4FF",
            PrimaryContrastText = "#0B1220",
            Secondary = "#B4A9FF",
            Tertiary = "#5EEAD4",
            Info = "#7CC0FF",
            Success = "#6EE7A0",
            Warning = "#FBBF5A",
            Error = "#FF8A80",
            Dark = "#0B1220",
            AppbarBackground = "#161B24",
            AppbarText = "#E5E7EB",
            DrawerBackground = "#161B24",
            DrawerText = "#E5E7EB",
            DrawerIcon = "#AEB6C2",
            Background = "#10141B",
            Surface = "#1B212C",
            TextPrimary = "#E5E7EB",
            TextSecondary = "#AEB6C2",
            ActionDefault = "#C3CAD5",
            LinesDefault = "#3B414B",
            TableLines = "#2C3340",
            Divider = "#2C3340",
        },
        LayoutProperties = new LayoutProperties { DefaultBorderRadius = "8px", DrawerWidthLeft = "250px" },
        Typography = new Typography
        {
            Default = new DefaultTypography { FontFamily = ["Inter", "Segoe UI", "Roboto", "DejaVu Sans", "Helvetica", "Arial", "sans-serif"] },
        },
    };
}
