using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace PuqCloud.Core.Persistence.Migrations;

/// <summary>
/// Staff groups and IP allowlists; clients with addresses and memberships; client-user details and
/// password resets; countries, regions and currencies; settings; the request log of sessions.
/// </summary>
[DbContext(typeof(AppDbContext))]
[Migration("20261122000000_PeopleAndAccess")]
public sealed class PeopleAndAccess : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.AddColumn<string>("AllowedIps", "StaffAccounts", maxLength: 2000, nullable: true);
        migrationBuilder.AddColumn<string>("AdminNotes", "ClientUsers", maxLength: 4000, nullable: true);
        migrationBuilder.AddColumn<DateTime>("EmailVerifiedAt", "ClientUsers", nullable: true);
        migrationBuilder.AddColumn<DateTime>("PhoneVerifiedAt", "ClientUsers", nullable: true);

        migrationBuilder.CreateTable(
            name: "AdminGroups",
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                Name = table.Column<string>(maxLength: 100, nullable: false),
                Type = table.Column<string>(maxLength: 32, nullable: false),
                Description = table.Column<string>(maxLength: 1000, nullable: true),
                CreatedAt = table.Column<DateTime>(nullable: false),
                UpdatedAt = table.Column<DateTime>(nullable: false),
            },
            constraints: table => table.PrimaryKey("PK_AdminGroups", x => x.Id));
        migrationBuilder.CreateIndex("IX_AdminGroups_Name", "AdminGroups", "Name", unique: true);

        migrationBuilder.CreateTable(
            name: "AdminGroupPermissions",
            columns: table => new
            {
                GroupId = table.Column<Guid>(nullable: false),
                Permission = table.Column<string>(maxLength: 100, nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_AdminGroupPermissions", x => new { x.GroupId, x.Permission });
                table.ForeignKey("FK_AdminGroupPermissions_AdminGroups_GroupId", x => x.GroupId, "AdminGroups", "Id", onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateTable(
            name: "StaffGroupMemberships",
            columns: table => new
            {
                StaffAccountId = table.Column<Guid>(nullable: false),
                GroupId = table.Column<Guid>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_StaffGroupMemberships", x => new { x.StaffAccountId, x.GroupId });
                table.ForeignKey("FK_StaffGroupMemberships_AdminGroups_GroupId", x => x.GroupId, "AdminGroups", "Id", onDelete: ReferentialAction.Cascade);
                table.ForeignKey("FK_StaffGroupMemberships_StaffAccounts_StaffAccountId", x => x.StaffAccountId, "StaffAccounts", "Id", onDelete: ReferentialAction.Cascade);
            });
        migrationBuilder.CreateIndex("IX_StaffGroupMemberships_GroupId", "StaffGroupMemberships", "GroupId");

        migrationBuilder.CreateTable(
            name: "Countries",
            columns: table => new
            {
                Code = table.Column<string>(maxLength: 2, nullable: false),
                Code3 = table.Column<string>(maxLength: 3, nullable: false),
                Numeric = table.Column<string>(maxLength: 3, nullable: false),
                Name = table.Column<string>(maxLength: 200, nullable: false),
                OfficialName = table.Column<string>(maxLength: 300, nullable: true),
            },
            constraints: table => table.PrimaryKey("PK_Countries", x => x.Code));

        migrationBuilder.CreateTable(
            name: "Regions",
            columns: table => new
            {
                Code = table.Column<string>(maxLength: 10, nullable: false),
                CountryCode = table.Column<string>(maxLength: 2, nullable: false),
                Name = table.Column<string>(maxLength: 200, nullable: false),
                Type = table.Column<string>(maxLength: 100, nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_Regions", x => x.Code);
                table.ForeignKey("FK_Regions_Countries_CountryCode", x => x.CountryCode, "Countries", "Code", onDelete: ReferentialAction.Cascade);
            });
        migrationBuilder.CreateIndex("IX_Regions_CountryCode", "Regions", "CountryCode");

        migrationBuilder.CreateTable(
            name: "Currencies",
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                Code = table.Column<string>(maxLength: 3, nullable: false),
                Prefix = table.Column<string>(maxLength: 10, nullable: true),
                Suffix = table.Column<string>(maxLength: 10, nullable: true),
                ExchangeRate = table.Column<decimal>(precision: 18, scale: 8, nullable: false),
                Format = table.Column<string>(maxLength: 32, nullable: false),
                IsDefault = table.Column<bool>(nullable: false),
                CreatedAt = table.Column<DateTime>(nullable: false),
                UpdatedAt = table.Column<DateTime>(nullable: false),
            },
            constraints: table => table.PrimaryKey("PK_Currencies", x => x.Id));
        migrationBuilder.CreateIndex("IX_Currencies_Code", "Currencies", "Code", unique: true);
        migrationBuilder.CreateIndex("IX_Currencies_Default", "Currencies", "IsDefault", unique: true, filter: "\"IsDefault\" = TRUE");

        migrationBuilder.CreateTable(
            name: "Clients",
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                FirstName = table.Column<string>(maxLength: 100, nullable: false),
                LastName = table.Column<string>(maxLength: 100, nullable: false),
                CompanyName = table.Column<string>(maxLength: 200, nullable: true),
                TaxId = table.Column<string>(maxLength: 50, nullable: true),
                Phone = table.Column<string>(maxLength: 40, nullable: true),
                Language = table.Column<string>(maxLength: 10, nullable: false),
                CurrencyId = table.Column<Guid>(nullable: false),
                Status = table.Column<string>(maxLength: 32, nullable: false),
                Balance = table.Column<decimal>(precision: 19, scale: 4, nullable: false),
                AdminNotes = table.Column<string>(maxLength: 4000, nullable: true),
                CreatedAt = table.Column<DateTime>(nullable: false),
                UpdatedAt = table.Column<DateTime>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_Clients", x => x.Id);
                table.ForeignKey("FK_Clients_Currencies_CurrencyId", x => x.CurrencyId, "Currencies", "Id", onDelete: ReferentialAction.Restrict);
            });
        migrationBuilder.CreateIndex("IX_Clients_CurrencyId", "Clients", "CurrencyId");
        migrationBuilder.CreateIndex("IX_Clients_Status", "Clients", "Status");
        migrationBuilder.CreateIndex("IX_Clients_CreatedAt", "Clients", "CreatedAt");

        migrationBuilder.CreateTable(
            name: "ClientAddresses",
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                ClientId = table.Column<Guid>(nullable: false),
                Type = table.Column<string>(maxLength: 32, nullable: false),
                Name = table.Column<string>(maxLength: 100, nullable: false),
                ContactName = table.Column<string>(maxLength: 200, nullable: true),
                Phone = table.Column<string>(maxLength: 40, nullable: true),
                Email = table.Column<string>(maxLength: 254, nullable: true),
                Address1 = table.Column<string>(maxLength: 200, nullable: false),
                Address2 = table.Column<string>(maxLength: 200, nullable: true),
                City = table.Column<string>(maxLength: 100, nullable: false),
                Postcode = table.Column<string>(maxLength: 20, nullable: true),
                CountryCode = table.Column<string>(maxLength: 2, nullable: false),
                Region = table.Column<string>(maxLength: 100, nullable: true),
                CreatedAt = table.Column<DateTime>(nullable: false),
                UpdatedAt = table.Column<DateTime>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_ClientAddresses", x => x.Id);
                table.ForeignKey("FK_ClientAddresses_Clients_ClientId", x => x.ClientId, "Clients", "Id", onDelete: ReferentialAction.Cascade);
                table.ForeignKey("FK_ClientAddresses_Countries_CountryCode", x => x.CountryCode, "Countries", "Code", onDelete: ReferentialAction.Restrict);
            });
        migrationBuilder.CreateIndex("IX_ClientAddresses_ClientId", "ClientAddresses", "ClientId");
        migrationBuilder.CreateIndex("IX_ClientAddresses_CountryCode", "ClientAddresses", "CountryCode");

        migrationBuilder.CreateTable(
            name: "ClientMemberships",
            columns: table => new
            {
                ClientId = table.Column<Guid>(nullable: false),
                ClientUserId = table.Column<Guid>(nullable: false),
                IsOwner = table.Column<bool>(nullable: false),
                Permissions = table.Column<string>(maxLength: 1000, nullable: false),
                CreatedAt = table.Column<DateTime>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_ClientMemberships", x => new { x.ClientId, x.ClientUserId });
                table.ForeignKey("FK_ClientMemberships_Clients_ClientId", x => x.ClientId, "Clients", "Id", onDelete: ReferentialAction.Cascade);
                table.ForeignKey("FK_ClientMemberships_ClientUsers_ClientUserId", x => x.ClientUserId, "ClientUsers", "Id", onDelete: ReferentialAction.Cascade);
            });
        migrationBuilder.CreateIndex("IX_ClientMemberships_ClientUserId", "ClientMemberships", "ClientUserId");
        migrationBuilder.CreateIndex("IX_ClientMemberships_Owner", "ClientMemberships", "ClientId", unique: true, filter: "\"IsOwner\" = TRUE");

        migrationBuilder.CreateTable(
            name: "PasswordResetTokens",
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                ClientUserId = table.Column<Guid>(nullable: false),
                TokenHash = table.Column<string>(maxLength: 64, nullable: false),
                CreatedAt = table.Column<DateTime>(nullable: false),
                ExpiresAt = table.Column<DateTime>(nullable: false),
                UsedAt = table.Column<DateTime>(nullable: true),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_PasswordResetTokens", x => x.Id);
                table.ForeignKey("FK_PasswordResetTokens_ClientUsers_ClientUserId", x => x.ClientUserId, "ClientUsers", "Id", onDelete: ReferentialAction.Cascade);
            });
        migrationBuilder.CreateIndex("IX_PasswordResetTokens_ClientUserId", "PasswordResetTokens", "ClientUserId");
        migrationBuilder.CreateIndex("IX_PasswordResetTokens_TokenHash", "PasswordResetTokens", "TokenHash", unique: true);

        migrationBuilder.CreateTable(
            name: "Settings",
            columns: table => new
            {
                Key = table.Column<string>(maxLength: 100, nullable: false),
                Value = table.Column<string>(maxLength: 4000, nullable: true),
                UpdatedAt = table.Column<DateTime>(nullable: false),
            },
            constraints: table => table.PrimaryKey("PK_Settings", x => x.Key));

        migrationBuilder.CreateTable(
            name: "RequestLog",
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                At = table.Column<DateTime>(nullable: false),
                ActorKind = table.Column<string>(maxLength: 32, nullable: false),
                StaffId = table.Column<Guid>(nullable: true),
                ClientUserId = table.Column<Guid>(nullable: true),
                ClientId = table.Column<Guid>(nullable: true),
                Name = table.Column<string>(maxLength: 200, nullable: true),
                Email = table.Column<string>(maxLength: 254, nullable: true),
                Ip = table.Column<string>(maxLength: 45, nullable: true),
                Url = table.Column<string>(maxLength: 2000, nullable: false),
                Channel = table.Column<string>(maxLength: 8, nullable: false),
                Method = table.Column<string>(maxLength: 10, nullable: false),
            },
            constraints: table => table.PrimaryKey("PK_RequestLog", x => x.Id));
        migrationBuilder.CreateIndex("IX_RequestLog_ActorKind_At", "RequestLog", new[] { "ActorKind", "At" });
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        foreach (var table in new[] { "RequestLog", "Settings", "PasswordResetTokens", "ClientMemberships", "ClientAddresses", "Clients", "Currencies", "Regions", "Countries", "StaffGroupMemberships", "AdminGroupPermissions", "AdminGroups" })
            migrationBuilder.DropTable(table);
        migrationBuilder.DropColumn("PhoneVerifiedAt", "ClientUsers");
        migrationBuilder.DropColumn("EmailVerifiedAt", "ClientUsers");
        migrationBuilder.DropColumn("AdminNotes", "ClientUsers");
        migrationBuilder.DropColumn("AllowedIps", "StaffAccounts");
    }
}
