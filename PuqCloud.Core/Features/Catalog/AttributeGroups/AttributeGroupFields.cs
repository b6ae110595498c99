using MediatR;
using Microsoft.EntityFrameworkCore;
using PuqCloud.Core.Common;
using PuqCloud.Core.Domain.Catalog;
using PuqCloud.Core.Files;
using PuqCloud.Core.Persistence;
using PuqCloud.Core.Security;

namespace PuqCloud.Core.Features.Catalog;

/// <summary>The fields a person sets on an attribute (create and update share them).</summary>
public interface IAttributeFields : ICatalogNamedFields
{
    bool IsVisible { get; }
}
