using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace PuqCloud.Core.Persistence.Migrations;

/// <summary>Home companies with their document numbering and payment gateways; tax rules.</summary>
[DbContext(typeof(AppDbContext))]
[Migration("20261122200000_Finance")]
public sealed class Finance : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "HomeCompanies",
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                Name = table.Column<string>(maxLength: 200, nullable: false),
                IsDefault = table.Column<bool>(nullable: false),
                LegalName = table.Column<string>(maxLength: 200, nullable: true),
                Address1 = table.Column<string>(maxLength: 200, nullable: true),
                Address2 = table.Column<string>(maxLength: 200, nullable: true),
                City = table.Column<string>(maxLength: 100, nullable: true),
                Postcode = table.Column<string>(maxLength: 20, nullable: true),
                CountryCode = table.Column<string>(maxLength: 2, nullable: true),
                Region = table.Column<string>(maxLength: 100, nullable: true),
                Email = table.Column<string>(maxLength: 254, nullable: true),
                Phone = table.Column<string>(maxLength: 40, nullable: true),
                Website = table.Column<string>(maxLength: 200, nullable: true),
                LogoPath = table.Column<string>(maxLength: 300, nullable: true),
                SignaturePath = table.Column<string>(maxLength: 300, nullable: true),
                EuVatId = table.Column<string>(maxLength: 30, nullable: true),
                TaxNumber = table.Column<string>(maxLength: 50, nullable: true),
                RegistrationNumber = table.Column<string>(maxLength: 50, nullable: true),
                EuTaxNote = table.Column<string>(maxLength: 1000, nullable: true),
                CountryTaxNote = table.Column<string>(maxLength: 1000, nullable: true),
                SenderName = table.Column<string>(maxLength: 100, nullable: true),
                SenderEmail = table.Column<string>(maxLength: 254, nullable: true),
                ReplyToEmail = table.Column<string>(maxLength: 254, nullable: true),
                BccEmails = table.Column<string>(maxLength: 1000, nullable: true),
                AddFundsItemText = table.Column<string>(maxLength: 200, nullable: true),
                RefundItemText = table.Column<string>(maxLength: 200, nullable: true),
                PaperSize = table.Column<string>(maxLength: 32, nullable: false),
                CreatedAt = table.Column<DateTime>(nullable: false),
                UpdatedAt = table.Column<DateTime>(nullable: false),
            },
            constraints: table => table.PrimaryKey("PK_HomeCompanies", x => x.Id));
        migrationBuilder.CreateIndex("IX_HomeCompanies_Name", "HomeCompanies", "Name", unique: true);
        migrationBuilder.CreateIndex("IX_HomeCompanies_Default", "HomeCompanies", "IsDefault", unique: true, filter: "\"IsDefault\" = TRUE");

        migrationBuilder.CreateTable(
            name: "DocumentNumberSeries",
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                HomeCompanyId = table.Column<Guid>(nullable: false),
                DocumentType = table.Column<string>(maxLength: 32, nullable: false),
                Format = table.Column<string>(maxLength: 100, nullable: false),
                NextNumber = table.Column<long>(nullable: false),
                ResetPolicy = table.Column<string>(maxLength: 32, nullable: false),
                Period = table.Column<string>(maxLength: 7, nullable: true),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_DocumentNumberSeries", x => x.Id);
                table.ForeignKey("FK_DocumentNumberSeries_HomeCompanies_HomeCompanyId", x => x.HomeCompanyId, "HomeCompanies", "Id", onDelete: ReferentialAction.Cascade);
            });
        migrationBuilder.CreateIndex("IX_DocumentNumberSeries_HomeCompanyId_DocumentType", "DocumentNumberSeries", new[] { "HomeCompanyId", "DocumentType" }, unique: true);

        migrationBuilder.CreateTable(
            name: "PaymentGateways",
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                HomeCompanyId = table.Column<Guid>(nullable: false),
                Key = table.Column<string>(maxLength: 100, nullable: false),
                ModuleKey = table.Column<string>(maxLength: 100, nullable: false),
                CreatedAt = table.Column<DateTime>(nullable: false),
                UpdatedAt = table.Column<DateTime>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_PaymentGateways", x => x.Id);
                table.ForeignKey("FK_PaymentGateways_HomeCompanies_HomeCompanyId", x => x.HomeCompanyId, "HomeCompanies", "Id", onDelete: ReferentialAction.Cascade);
            });
        migrationBuilder.CreateIndex("IX_PaymentGateways_HomeCompanyId_Key", "PaymentGateways", new[] { "HomeCompanyId", "Key" }, unique: true);

        migrationBuilder.CreateTable(
            name: "TaxRules",
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                Position = table.Column<int>(nullable: false),
                CountryCode = table.Column<string>(maxLength: 2, nullable: false),
                Region = table.Column<string>(maxLength: 100, nullable: true),
                AppliesToPrivate = table.Column<bool>(nullable: false),
                AppliesToCompanyWithoutTaxId = table.Column<bool>(nullable: false),
                AppliesToCompanyWithTaxId = table.Column<bool>(nullable: false),
                IndividualTaxRate = table.Column<bool>(nullable: false),
                Tax1Name = table.Column<string>(maxLength: 50, nullable: true),
                Tax1Rate = table.Column<decimal>(precision: 7, scale: 3, nullable: true),
                Tax2Name = table.Column<string>(maxLength: 50, nullable: true),
                Tax2Rate = table.Column<decimal>(precision: 7, scale: 3, nullable: true),
                Tax3Name = table.Column<string>(maxLength: 50, nullable: true),
                Tax3Rate = table.Column<decimal>(precision: 7, scale: 3, nullable: true),
                HomeCompanyId = table.Column<Guid>(nullable: false),
                CreatedAt = table.Column<DateTime>(nullable: false),
                UpdatedAt = table.Column<DateTime>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_TaxRules", x => x.Id);
                table.ForeignKey("FK_TaxRules_Countries_CountryCode", x => x.CountryCode, "Countries", "Code", onDelete: ReferentialAction.Restrict);
                table.ForeignKey("FK_TaxRules_HomeCompanies_HomeCompanyId", x => x.HomeCompanyId, "HomeCompanies", "Id", onDelete: ReferentialAction.Restrict);
            });
        migrationBuilder.CreateIndex("IX_TaxRules_Position", "TaxRules", "Position", unique: true);
        migrationBuilder.CreateIndex("IX_TaxRules_CountryCode", "TaxRules", "CountryCode");
        migrationBuilder.CreateIndex("IX_TaxRules_HomeCompanyId", "TaxRules", "HomeCompanyId");
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        foreach (var table in new[] { "TaxRules", "PaymentGateways", "DocumentNumberSeries", "HomeCompanies" })
            migrationBuilder.DropTable(table);
    }
}
