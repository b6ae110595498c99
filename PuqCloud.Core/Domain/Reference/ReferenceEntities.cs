using PuqCloud.Core.Domain.Common;

namespace PuqCloud.Core.Domain.Reference;

/// <summary>An ISO 3166-1 country; the data comes from Debian's iso-codes (see Persistence/Seed).</summary>
public class Country
{
    public string Code { get; set; } = "";
    public string Code3 { get; set; } = "";
    public string Numeric { get; set; } = "";
    public string Name { get; set; } = "";
    public string? OfficialName { get; set; }
    public List<Region> Regions { get; set; } = [];
}

/// <summary>An ISO 3166-2 subdivision of a country (state, province, voivodeship…).</summary>
public class Region
{
    public string Code { get; set; } = "";
    public string CountryCode { get; set; } = "";
    public string Name { get; set; } = "";
    public string Type { get; set; } = "";
}

/// <summary>How amounts of a currency are written: the thousands and decimal separators.</summary>
public enum CurrencyFormat
{
    /// <summary>1,234.56</summary>
    CommaDot,
    /// <summary>1.234,56</summary>
    DotComma,
    /// <summary>1 234,56</summary>
    SpaceComma,
    /// <summary>1234.56</summary>
    PlainDot,
}

/// <summary>A currency clients are billed in. Exactly one is the default; rates are against the default.</summary>
public class Currency : Entity, IHasAuditTimes
{
    public string Code { get; set; } = "";
    public string? Prefix { get; set; }
    public string? Suffix { get; set; }
    public decimal ExchangeRate { get; set; } = 1m;
    /// <summary>Digits after the decimal point of prices and documents (ISO 4217 minor unit: 2 for EUR, 0 for JPY).</summary>
    public int Decimals { get; set; } = 2;
    public CurrencyFormat Format { get; set; } = CurrencyFormat.CommaDot;
    public bool IsDefault { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }

    /// <summary>An amount as this currency writes it, for example "$1,234.50" or "1 234,50 zł", in its precision.</summary>
    public string FormatAmount(decimal amount) => FormatAmount(amount, Decimals);

    /// <summary>The amount written with <paramref name="decimals"/> digits after the point.</summary>

    public string FormatAmount(decimal amount, int decimals)
    {
        var text = Math.Abs(Finance.MoneyRounding.MinorUnit(amount, decimals)).ToString("N" + decimals, global::System.Globalization.CultureInfo.InvariantCulture);
        text = Format switch
        {
            CurrencyFormat.DotComma => text.Replace(",", "\u0001").Replace(".", ",").Replace("\u0001", "."),
            CurrencyFormat.SpaceComma => text.Replace(",", "\u00a0").Replace(".", ","),
            CurrencyFormat.PlainDot => text.Replace(",", ""),
            _ => text,
        };
        var sign = amount < 0 ? "-" : "";
        return $"{sign}{Prefix}{text}{(string.IsNullOrEmpty(Suffix) ? "" : "\u00a0" + Suffix)}";
    }
}
