using Mapster;

namespace PuqCloud.Core.Common;

/// <summary>
/// The one Mapster configuration of Core. Each area declares its entity → DTO mirrors in one
/// <c>Features/&lt;Area&gt;/&lt;Area&gt;Mapping.cs</c> (an <see cref="IRegister"/>), found here by scanning the assembly;
/// the result is registered once in DI as a singleton and handlers project with <c>ProjectToType&lt;TDto&gt;(mapping)</c>.
/// Projections that compute (counts, names resolved to a language, joins) stay plain <c>Select</c>s.
/// </summary>
public static class CoreMapping
{
    public static TypeAdapterConfig Create()
    {
        var config = new TypeAdapterConfig();
        // Only the mappings an area registers exist, and each fills every member of its DTO: a forgotten or renamed
        // member fails the mapping test (config.Compile()), not a page at run time.
        config.RequireExplicitMapping = true;
        config.RequireDestinationMemberSource = true;
        config.Scan(typeof(CoreMapping).Assembly);
        return config;
    }
}
