namespace PuqCloud.Web.Components.Admin.Catalog;

/// <summary>
/// What the General tab of a product, attribute or option group holds while it is edited. The page keeps it, so that
/// typing survives a visit to another tab; the tab's Save sends it. Fields a kind of group does not have stay unused.
/// </summary>
public sealed class CatalogGroupForm
{
    public string? Key { get; set; }
    public IReadOnlyDictionary<string, string>? Name { get; set; }
    public IReadOnlyDictionary<string, string>? Description { get; set; }
    public bool IsVisible { get; set; }
    public string ListView { get; set; } = "";
    public string OrderView { get; set; } = "";
    public string ManageView { get; set; } = "";
}
