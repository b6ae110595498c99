using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace PuqCloud.Core.Persistence.Migrations;

/// <summary>
/// The product catalog: products with prices and module settings, product groups, attribute groups with
/// attributes, option groups with options and their prices; and the precision (decimal places) of currencies.
/// </summary>
[DbContext(typeof(AppDbContext))]
[Migration("20261122210000_Catalog")]
public sealed class Catalog : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        // Existing currencies get their ISO 4217 minor unit. The column keeps its default of 2 (SQLite cannot drop
        // a default without rebuilding the table); the model declares the same default and always sends a value.
        migrationBuilder.AddColumn<int>("Decimals", "Currencies", nullable: false, defaultValue: 2);
        migrationBuilder.Sql("UPDATE \"Currencies\" SET \"Decimals\" = 0 WHERE \"Code\" IN ('BIF','CLP','DJF','GNF','ISK','JPY','KMF','KRW','PYG','RWF','UGX','UYI','VND','VUV','XAF','XOF','XPF')");
        migrationBuilder.Sql("UPDATE \"Currencies\" SET \"Decimals\" = 3 WHERE \"Code\" IN ('BHD','IQD','JOD','KWD','LYD','OMR','TND')");
        migrationBuilder.Sql("UPDATE \"Currencies\" SET \"Decimals\" = 4 WHERE \"Code\" IN ('CLF','UYW')");

        migrationBuilder.CreateTable(
            name: "Products",
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                Key = table.Column<string>(maxLength: 100, nullable: false),
                Name = table.Column<string>(maxLength: 2000, nullable: false),
                Description = table.Column<string>(maxLength: 20000, nullable: false),
                IsVisible = table.Column<bool>(nullable: false),
                IsActive = table.Column<bool>(nullable: false),
                IsHidden = table.Column<bool>(nullable: false),
                IsRetired = table.Column<bool>(nullable: false),
                StockControl = table.Column<bool>(nullable: false),
                StockQuantity = table.Column<int>(nullable: false),
                HourlyBilling = table.Column<bool>(nullable: false),
                AllowIdle = table.Column<bool>(nullable: false),
                TerminationDelayHours = table.Column<int>(nullable: false),
                CancellationDelayHours = table.Column<int>(nullable: false),
                NotifyWelcome = table.Column<bool>(nullable: false),
                NotifySuspension = table.Column<bool>(nullable: false),
                NotifyUnsuspension = table.Column<bool>(nullable: false),
                NotifyTermination = table.Column<bool>(nullable: false),
                NotifyCancellation = table.Column<bool>(nullable: false),
                ConvertPrice = table.Column<bool>(nullable: false),
                IconPath = table.Column<string>(maxLength: 300, nullable: true),
                BackgroundPath = table.Column<string>(maxLength: 300, nullable: true),
                ModuleKey = table.Column<string>(maxLength: 100, nullable: true),
                CreatedAt = table.Column<DateTime>(nullable: false),
                UpdatedAt = table.Column<DateTime>(nullable: false),
            },
            constraints: table => table.PrimaryKey("PK_Products", x => x.Id));
        migrationBuilder.CreateIndex("IX_Products_Key", "Products", "Key", unique: true);

        migrationBuilder.CreateTable(
            name: "ProductPrices",
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                ProductId = table.Column<Guid>(nullable: false),
                CurrencyId = table.Column<Guid>(nullable: false),
                Period = table.Column<string>(maxLength: 32, nullable: false),
                Setup = table.Column<decimal>(precision: 19, scale: 4, nullable: false),
                Base = table.Column<decimal>(precision: 19, scale: 4, nullable: false),
                Idle = table.Column<decimal>(precision: 19, scale: 4, nullable: false),
                SwitchDown = table.Column<decimal>(precision: 19, scale: 4, nullable: false),
                SwitchUp = table.Column<decimal>(precision: 19, scale: 4, nullable: false),
                Uninstall = table.Column<decimal>(precision: 19, scale: 4, nullable: false),
                IsDerived = table.Column<bool>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_ProductPrices", x => x.Id);
                table.ForeignKey("FK_ProductPrices_Products_ProductId", x => x.ProductId, "Products", "Id", onDelete: ReferentialAction.Cascade);
                table.ForeignKey("FK_ProductPrices_Currencies_CurrencyId", x => x.CurrencyId, "Currencies", "Id", onDelete: ReferentialAction.Restrict);
            });
        migrationBuilder.CreateIndex("IX_ProductPrices_ProductId_CurrencyId_Period", "ProductPrices", new[] { "ProductId", "CurrencyId", "Period" }, unique: true);
        migrationBuilder.CreateIndex("IX_ProductPrices_CurrencyId", "ProductPrices", "CurrencyId");

        migrationBuilder.CreateTable(
            name: "ProductModuleSettings",
            columns: table => new
            {
                ProductId = table.Column<Guid>(nullable: false),
                Key = table.Column<string>(maxLength: 100, nullable: false),
                Value = table.Column<string>(maxLength: 4000, nullable: true),
                IsSecret = table.Column<bool>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_ProductModuleSettings", x => new { x.ProductId, x.Key });
                table.ForeignKey("FK_ProductModuleSettings_Products_ProductId", x => x.ProductId, "Products", "Id", onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateTable(
            name: "ProductGroups",
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                Key = table.Column<string>(maxLength: 100, nullable: false),
                Name = table.Column<string>(maxLength: 2000, nullable: false),
                Description = table.Column<string>(maxLength: 20000, nullable: false),
                IsVisible = table.Column<bool>(nullable: false),
                Position = table.Column<int>(nullable: false),
                IconPath = table.Column<string>(maxLength: 300, nullable: true),
                BackgroundPath = table.Column<string>(maxLength: 300, nullable: true),
                ListView = table.Column<string>(maxLength: 100, nullable: false),
                OrderView = table.Column<string>(maxLength: 100, nullable: false),
                ManageView = table.Column<string>(maxLength: 100, nullable: false),
                CreatedAt = table.Column<DateTime>(nullable: false),
                UpdatedAt = table.Column<DateTime>(nullable: false),
            },
            constraints: table => table.PrimaryKey("PK_ProductGroups", x => x.Id));
        migrationBuilder.CreateIndex("IX_ProductGroups_Key", "ProductGroups", "Key", unique: true);
        migrationBuilder.CreateIndex("IX_ProductGroups_Position", "ProductGroups", "Position");

        migrationBuilder.CreateTable(
            name: "ProductGroupItems",
            columns: table => new
            {
                ProductGroupId = table.Column<Guid>(nullable: false),
                ProductId = table.Column<Guid>(nullable: false),
                Position = table.Column<int>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_ProductGroupItems", x => new { x.ProductGroupId, x.ProductId });
                table.ForeignKey("FK_ProductGroupItems_ProductGroups_ProductGroupId", x => x.ProductGroupId, "ProductGroups", "Id", onDelete: ReferentialAction.Cascade);
                table.ForeignKey("FK_ProductGroupItems_Products_ProductId", x => x.ProductId, "Products", "Id", onDelete: ReferentialAction.Cascade);
            });
        migrationBuilder.CreateIndex("IX_ProductGroupItems_ProductId", "ProductGroupItems", "ProductId");

        migrationBuilder.CreateTable(
            name: "AttributeGroups",
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                Key = table.Column<string>(maxLength: 100, nullable: false),
                Name = table.Column<string>(maxLength: 2000, nullable: false),
                Description = table.Column<string>(maxLength: 20000, nullable: false),
                IsVisible = table.Column<bool>(nullable: false),
                IconPath = table.Column<string>(maxLength: 300, nullable: true),
                BackgroundPath = table.Column<string>(maxLength: 300, nullable: true),
                CreatedAt = table.Column<DateTime>(nullable: false),
                UpdatedAt = table.Column<DateTime>(nullable: false),
            },
            constraints: table => table.PrimaryKey("PK_AttributeGroups", x => x.Id));
        migrationBuilder.CreateIndex("IX_AttributeGroups_Key", "AttributeGroups", "Key", unique: true);

        migrationBuilder.CreateTable(
            name: "ProductAttributes",
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                AttributeGroupId = table.Column<Guid>(nullable: false),
                Key = table.Column<string>(maxLength: 100, nullable: false),
                Name = table.Column<string>(maxLength: 2000, nullable: false),
                IsVisible = table.Column<bool>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_ProductAttributes", x => x.Id);
                table.ForeignKey("FK_ProductAttributes_AttributeGroups_AttributeGroupId", x => x.AttributeGroupId, "AttributeGroups", "Id", onDelete: ReferentialAction.Cascade);
            });
        migrationBuilder.CreateIndex("IX_ProductAttributes_Key", "ProductAttributes", "Key", unique: true);
        migrationBuilder.CreateIndex("IX_ProductAttributes_AttributeGroupId", "ProductAttributes", "AttributeGroupId");

        migrationBuilder.CreateTable(
            name: "ProductAttributeLinks",
            columns: table => new
            {
                ProductId = table.Column<Guid>(nullable: false),
                AttributeId = table.Column<Guid>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_ProductAttributeLinks", x => new { x.ProductId, x.AttributeId });
                table.ForeignKey("FK_ProductAttributeLinks_Products_ProductId", x => x.ProductId, "Products", "Id", onDelete: ReferentialAction.Cascade);
                table.ForeignKey("FK_ProductAttributeLinks_ProductAttributes_AttributeId", x => x.AttributeId, "ProductAttributes", "Id", onDelete: ReferentialAction.Cascade);
            });
        migrationBuilder.CreateIndex("IX_ProductAttributeLinks_AttributeId", "ProductAttributeLinks", "AttributeId");

        migrationBuilder.CreateTable(
            name: "OptionGroups",
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                Key = table.Column<string>(maxLength: 100, nullable: false),
                Name = table.Column<string>(maxLength: 2000, nullable: false),
                Description = table.Column<string>(maxLength: 20000, nullable: false),
                Position = table.Column<int>(nullable: false),
                IconPath = table.Column<string>(maxLength: 300, nullable: true),
                BackgroundPath = table.Column<string>(maxLength: 300, nullable: true),
                CreatedAt = table.Column<DateTime>(nullable: false),
                UpdatedAt = table.Column<DateTime>(nullable: false),
            },
            constraints: table => table.PrimaryKey("PK_OptionGroups", x => x.Id));
        migrationBuilder.CreateIndex("IX_OptionGroups_Key", "OptionGroups", "Key", unique: true);
        migrationBuilder.CreateIndex("IX_OptionGroups_Position", "OptionGroups", "Position");

        migrationBuilder.CreateTable(
            name: "ProductOptions",
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                OptionGroupId = table.Column<Guid>(nullable: false),
                Key = table.Column<string>(maxLength: 100, nullable: false),
                Name = table.Column<string>(maxLength: 2000, nullable: false),
                Position = table.Column<int>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_ProductOptions", x => x.Id);
                table.ForeignKey("FK_ProductOptions_OptionGroups_OptionGroupId", x => x.OptionGroupId, "OptionGroups", "Id", onDelete: ReferentialAction.Cascade);
            });
        migrationBuilder.CreateIndex("IX_ProductOptions_OptionGroupId_Key", "ProductOptions", new[] { "OptionGroupId", "Key" }, unique: true);

        migrationBuilder.CreateTable(
            name: "ProductOptionPrices",
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                ProductOptionId = table.Column<Guid>(nullable: false),
                CurrencyId = table.Column<Guid>(nullable: false),
                Period = table.Column<string>(maxLength: 32, nullable: false),
                Setup = table.Column<decimal>(precision: 19, scale: 4, nullable: false),
                Base = table.Column<decimal>(precision: 19, scale: 4, nullable: false),
                Idle = table.Column<decimal>(precision: 19, scale: 4, nullable: false),
                SwitchDown = table.Column<decimal>(precision: 19, scale: 4, nullable: false),
                SwitchUp = table.Column<decimal>(precision: 19, scale: 4, nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_ProductOptionPrices", x => x.Id);
                table.ForeignKey("FK_ProductOptionPrices_ProductOptions_ProductOptionId", x => x.ProductOptionId, "ProductOptions", "Id", onDelete: ReferentialAction.Cascade);
                table.ForeignKey("FK_ProductOptionPrices_Currencies_CurrencyId", x => x.CurrencyId, "Currencies", "Id", onDelete: ReferentialAction.Restrict);
            });
        migrationBuilder.CreateIndex("IX_ProductOptionPrices_ProductOptionId_CurrencyId_Period", "ProductOptionPrices", new[] { "ProductOptionId", "CurrencyId", "Period" }, unique: true);
        migrationBuilder.CreateIndex("IX_ProductOptionPrices_CurrencyId", "ProductOptionPrices", "CurrencyId");

        migrationBuilder.CreateTable(
            name: "ProductOptionGroupLinks",
            columns: table => new
            {
                ProductId = table.Column<Guid>(nullable: false),
                OptionGroupId = table.Column<Guid>(nullable: false),
                Position = table.Column<int>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_ProductOptionGroupLinks", x => new { x.ProductId, x.OptionGroupId });
                table.ForeignKey("FK_ProductOptionGroupLinks_Products_ProductId", x => x.ProductId, "Products", "Id", onDelete: ReferentialAction.Cascade);
                table.ForeignKey("FK_ProductOptionGroupLinks_OptionGroups_OptionGroupId", x => x.OptionGroupId, "OptionGroups", "Id", onDelete: ReferentialAction.Restrict);
            });
        migrationBuilder.CreateIndex("IX_ProductOptionGroupLinks_OptionGroupId", "ProductOptionGroupLinks", "OptionGroupId");
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        foreach (var table in new[] { "ProductOptionGroupLinks", "ProductOptionPrices", "ProductOptions", "OptionGroups", "ProductAttributeLinks",
                     "ProductAttributes", "AttributeGroups", "ProductGroupItems", "ProductGroups", "ProductModuleSettings", "ProductPrices", "Products" })
            migrationBuilder.DropTable(table);
        migrationBuilder.DropColumn("Decimals", "Currencies");
    }
}
