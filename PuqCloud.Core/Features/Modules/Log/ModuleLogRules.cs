using Microsoft.EntityFrameworkCore;
using PuqCloud.Core.Common;
using PuqCloud.Core.Domain.Engine;
using PuqCloud.Core.Engine;
using PuqCloud.Core.Features.Monitoring;
using PuqCloud.Core.Live;
using PuqCloud.Core.Modules;
using PuqCloud.Core.Security;

namespace PuqCloud.Core.Features.Modules;

/// <summary>Steps that several ModuleLog use cases share.</summary>
internal static class ModuleLogRules
{
    // Entries of a module that is no longer in the code keep its key as their name.
    internal static string NameOf(IModuleCatalog catalog, string key) => catalog.Find(key)?.Manifest.Name ?? key;
}
