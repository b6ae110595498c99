using System.Text.Encodings.Web;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PuqCloud.Core.Domain.Catalog;

namespace PuqCloud.Core.Persistence.Configurations;

/// <summary>Translatable texts are stored as a JSON object of language → text in one column.</summary>
internal static class TranslationColumn
{
    // Letters stay as they are ("ł", not "\u0142"), so that searching the stored text finds them.
    private static readonly JsonSerializerOptions Json = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private static readonly ValueComparer<Dictionary<string, string>> Comparer = new(
        (a, b) => a != null && b != null && a.Count == b.Count && a.All(p => b.ContainsKey(p.Key) && b[p.Key] == p.Value),
        d => d.Aggregate(0, (hash, p) => HashCode.Combine(hash, p.Key.GetHashCode(), p.Value.GetHashCode())),
        d => new Dictionary<string, string>(d));

    public static PropertyBuilder<Dictionary<string, string>> IsTranslation(this PropertyBuilder<Dictionary<string, string>> property, int maxLength) =>
        property
            .HasConversion(
                v => JsonSerializer.Serialize(v, Json),
                v => JsonSerializer.Deserialize<Dictionary<string, string>>(v, Json) ?? new Dictionary<string, string>(),
                Comparer)
            .HasMaxLength(maxLength)
            .IsRequired();
}

internal static class PriceRowColumns
{
    public static void ConfigurePriceRow<T>(this EntityTypeBuilder<T> b) where T : PriceRow
    {
        b.HasKey(x => x.Id);
        b.HasOne(x => x.Currency).WithMany().HasForeignKey(x => x.CurrencyId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class ProductConfiguration : IEntityTypeConfiguration<Product>
{
    public void Configure(EntityTypeBuilder<Product> b)
    {
        b.ToTable("Products");
        b.HasKey(x => x.Id);
        b.Property(x => x.Key).HasMaxLength(100).IsRequired();
        b.HasIndex(x => x.Key).IsUnique();
        b.Property(x => x.Name).IsTranslation(2000);
        b.Property(x => x.Description).IsTranslation(20000);
        b.Property(x => x.IconPath).HasMaxLength(300);
        b.Property(x => x.BackgroundPath).HasMaxLength(300);
        b.Property(x => x.ModuleKey).HasMaxLength(100);
        b.HasMany(x => x.Prices).WithOne().HasForeignKey(x => x.ProductId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class ProductPriceConfiguration : IEntityTypeConfiguration<ProductPrice>
{
    public void Configure(EntityTypeBuilder<ProductPrice> b)
    {
        b.ToTable("ProductPrices");
        b.ConfigurePriceRow();
        // One row per currency and period.
        b.HasIndex(x => new { x.ProductId, x.CurrencyId, x.Period }).IsUnique();
    }
}

internal sealed class ProductModuleSettingConfiguration : IEntityTypeConfiguration<ProductModuleSetting>
{
    public void Configure(EntityTypeBuilder<ProductModuleSetting> b)
    {
        b.ToTable("ProductModuleSettings");
        b.HasKey(x => new { x.ProductId, x.Key });
        b.Property(x => x.Key).HasMaxLength(100);
        b.Property(x => x.Value).HasMaxLength(4000);
        b.HasOne<Product>().WithMany().HasForeignKey(x => x.ProductId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class ProductGroupConfiguration : IEntityTypeConfiguration<ProductGroup>
{
    public void Configure(EntityTypeBuilder<ProductGroup> b)
    {
        b.ToTable("ProductGroups");
        b.HasKey(x => x.Id);
        b.Property(x => x.Key).HasMaxLength(100).IsRequired();
        b.HasIndex(x => x.Key).IsUnique();
        b.Property(x => x.Name).IsTranslation(2000);
        b.Property(x => x.Description).IsTranslation(20000);
        b.Property(x => x.IconPath).HasMaxLength(300);
        b.Property(x => x.BackgroundPath).HasMaxLength(300);
        b.Property(x => x.ListView).HasMaxLength(100).IsRequired();
        b.Property(x => x.OrderView).HasMaxLength(100).IsRequired();
        b.Property(x => x.ManageView).HasMaxLength(100).IsRequired();
        b.HasIndex(x => x.Position);
        b.HasMany(x => x.Items).WithOne().HasForeignKey(x => x.ProductGroupId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class ProductGroupItemConfiguration : IEntityTypeConfiguration<ProductGroupItem>
{
    public void Configure(EntityTypeBuilder<ProductGroupItem> b)
    {
        b.ToTable("ProductGroupItems");
        b.HasKey(x => new { x.ProductGroupId, x.ProductId });
        b.HasOne(x => x.Product).WithMany().HasForeignKey(x => x.ProductId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(x => x.ProductId);
    }
}

internal sealed class AttributeGroupConfiguration : IEntityTypeConfiguration<AttributeGroup>
{
    public void Configure(EntityTypeBuilder<AttributeGroup> b)
    {
        b.ToTable("AttributeGroups");
        b.HasKey(x => x.Id);
        b.Property(x => x.Key).HasMaxLength(100).IsRequired();
        b.HasIndex(x => x.Key).IsUnique();
        b.Property(x => x.Name).IsTranslation(2000);
        b.Property(x => x.Description).IsTranslation(20000);
        b.Property(x => x.IconPath).HasMaxLength(300);
        b.Property(x => x.BackgroundPath).HasMaxLength(300);
        b.HasMany(x => x.Attributes).WithOne().HasForeignKey(x => x.AttributeGroupId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class ProductAttributeConfiguration : IEntityTypeConfiguration<ProductAttribute>
{
    public void Configure(EntityTypeBuilder<ProductAttribute> b)
    {
        b.ToTable("ProductAttributes");
        b.HasKey(x => x.Id);
        b.Property(x => x.Key).HasMaxLength(100).IsRequired();
        b.HasIndex(x => x.Key).IsUnique();
        b.Property(x => x.Name).IsTranslation(2000);
        b.HasIndex(x => x.AttributeGroupId);
    }
}

internal sealed class ProductAttributeLinkConfiguration : IEntityTypeConfiguration<ProductAttributeLink>
{
    public void Configure(EntityTypeBuilder<ProductAttributeLink> b)
    {
        b.ToTable("ProductAttributeLinks");
        b.HasKey(x => new { x.ProductId, x.AttributeId });
        b.HasOne<Product>().WithMany().HasForeignKey(x => x.ProductId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne(x => x.Attribute).WithMany().HasForeignKey(x => x.AttributeId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(x => x.AttributeId);
    }
}

internal sealed class OptionGroupConfiguration : IEntityTypeConfiguration<OptionGroup>
{
    public void Configure(EntityTypeBuilder<OptionGroup> b)
    {
        b.ToTable("OptionGroups");
        b.HasKey(x => x.Id);
        b.Property(x => x.Key).HasMaxLength(100).IsRequired();
        b.HasIndex(x => x.Key).IsUnique();
        b.Property(x => x.Name).IsTranslation(2000);
        b.Property(x => x.Description).IsTranslation(20000);
        b.Property(x => x.IconPath).HasMaxLength(300);
        b.Property(x => x.BackgroundPath).HasMaxLength(300);
        b.HasIndex(x => x.Position);
        b.HasMany(x => x.Options).WithOne().HasForeignKey(x => x.OptionGroupId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class ProductOptionConfiguration : IEntityTypeConfiguration<ProductOption>
{
    public void Configure(EntityTypeBuilder<ProductOption> b)
    {
        b.ToTable("ProductOptions");
        b.HasKey(x => x.Id);
        b.Property(x => x.Key).HasMaxLength(100).IsRequired();
        // Keys are unique within their group.
        b.HasIndex(x => new { x.OptionGroupId, x.Key }).IsUnique();
        b.Property(x => x.Name).IsTranslation(2000);
        b.HasMany(x => x.Prices).WithOne().HasForeignKey(x => x.ProductOptionId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class ProductOptionPriceConfiguration : IEntityTypeConfiguration<ProductOptionPrice>
{
    public void Configure(EntityTypeBuilder<ProductOptionPrice> b)
    {
        b.ToTable("ProductOptionPrices");
        b.ConfigurePriceRow();
        b.HasIndex(x => new { x.ProductOptionId, x.CurrencyId, x.Period }).IsUnique();
    }
}

internal sealed class ProductOptionGroupLinkConfiguration : IEntityTypeConfiguration<ProductOptionGroupLink>
{
    public void Configure(EntityTypeBuilder<ProductOptionGroupLink> b)
    {
        b.ToTable("ProductOptionGroupLinks");
        b.HasKey(x => new { x.ProductId, x.OptionGroupId });
        b.HasOne<Product>().WithMany().HasForeignKey(x => x.ProductId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne(x => x.OptionGroup).WithMany().HasForeignKey(x => x.OptionGroupId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(x => x.OptionGroupId);
    }
}
