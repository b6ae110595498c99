using FluentValidation;
using PuqCloud.Core.Common;

namespace PuqCloud.Core.Features.Catalog;

/// <summary>What a person sets on a named catalog record (an attribute, an option): its key and its name per language.</summary>
public interface ICatalogNamedFields
{
    string Key { get; }
    IReadOnlyDictionary<string, string>? Name { get; }
}

/// <summary>A group of the catalog (attribute group, option group) adds a description per language.</summary>
public interface ICatalogGroupFields : ICatalogNamedFields
{
    IReadOnlyDictionary<string, string>? Description { get; }
}

public abstract class CatalogNamedFieldsValidator<T> : AbstractValidator<T> where T : ICatalogNamedFields
{
    public const int MaxName = 200;

    protected CatalogNamedFieldsValidator()
    {
        RuleFor(x => x.Key).ValidCatalogKey();
        RuleFor(x => x.Name).ValidTranslations(MaxName);
    }
}

public abstract class CatalogGroupFieldsValidator<T> : CatalogNamedFieldsValidator<T> where T : ICatalogGroupFields
{
    public const int MaxDescription = 5000;

    protected CatalogGroupFieldsValidator() => RuleFor(x => x.Description).ValidTranslations(MaxDescription);
}

/// <summary>Applies a reorder request to the items it names.</summary>
internal static class CatalogPositions
{
    /// <summary>
    /// Gives each item its place in <paramref name="ids"/> (from 1); refuses on <paramref name="field"/> unless the ids
    /// hold every item exactly once.
    /// </summary>
    public static void Apply<T>(IReadOnlyList<Guid> ids, IReadOnlyCollection<T> items, Func<T, Guid> id, Action<T, int> setPosition, string refusal, string field = "Ids")
    {
        if (!Reordering.IsPermutationOf(ids, items.Select(id).ToList())) throw RequestValidationException.For(field, refusal);
        var byId = items.ToDictionary(id);
        for (var i = 0; i < ids.Count; i++) setPosition(byId[ids[i]], i + 1);
    }
}
