namespace PuqCloud.Web;

/// <summary>
/// Anchor of the shell's texts: keys are the English texts (so English is always complete);
/// Resources/SharedResource.pl.resx translates them to Polish.
/// </summary>
public sealed class SharedResource;
