using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.EntityFrameworkCore;
using PuqCloud.Core.Domain.Platform;

namespace PuqCloud.Core.Persistence;

/// <summary>Keeps the Data Protection key ring in the database so that every node shares it.</summary>
/// <remarks>A singleton of the framework, so it opens plain contexts (no per-scope audit interceptor).</remarks>
public sealed class DbXmlRepository(DatabaseOptions database) : IXmlRepository
{
    public IReadOnlyCollection<XElement> GetAllElements()
    {
        using var db = database.CreatePlainContext();
        return db.DataProtectionKeys.AsNoTracking().Select(k => k.Xml).ToList().Select(XElement.Parse).ToList();
    }

    public void StoreElement(XElement element, string friendlyName)
    {
        using var db = database.CreatePlainContext();
        db.DataProtectionKeys.Add(new DataProtectionKeyRecord { FriendlyName = friendlyName, Xml = element.ToString(SaveOptions.DisableFormatting) });
        db.SaveChanges();
    }
}
