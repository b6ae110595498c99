using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace PuqCloud.Core.Persistence.Migrations;

/// <summary>
/// Accounts, API tokens, audit, Data Protection keys and node heartbeats. Hand-written and
/// provider-neutral (no column types): EF's design tools cannot be restored here. Never edit a released
/// migration; add a new one. The schema test compares the result with the model on SQLite and PostgreSQL.
/// </summary>
[DbContext(typeof(AppDbContext))]
[Migration("20261121000000_Initial")]
public sealed class Initial : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "StaffAccounts",
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                Email = table.Column<string>(maxLength: 254, nullable: false),
                FirstName = table.Column<string>(maxLength: 100, nullable: false),
                LastName = table.Column<string>(maxLength: 100, nullable: false),
                Status = table.Column<string>(maxLength: 32, nullable: false),
                Language = table.Column<string>(maxLength: 10, nullable: false),
                PasswordHash = table.Column<string>(maxLength: 500, nullable: false),
                SecurityStamp = table.Column<string>(maxLength: 64, nullable: false),
                TwoFactorEnabled = table.Column<bool>(nullable: false),
                TotpSecret = table.Column<string>(maxLength: 1000, nullable: true),
                PendingTotpSecret = table.Column<string>(maxLength: 1000, nullable: true),
                LastTotpStep = table.Column<long>(nullable: true),
                FailedSignInCount = table.Column<int>(nullable: false),
                LockoutEndsAt = table.Column<DateTime>(nullable: true),
                LastSignInAt = table.Column<DateTime>(nullable: true),
                CreatedAt = table.Column<DateTime>(nullable: false),
                UpdatedAt = table.Column<DateTime>(nullable: false),
                IsSuperAdmin = table.Column<bool>(nullable: false),
            },
            constraints: table => table.PrimaryKey("PK_StaffAccounts", x => x.Id));
        migrationBuilder.CreateIndex("IX_StaffAccounts_Email", "StaffAccounts", "Email", unique: true);

        migrationBuilder.CreateTable(
            name: "ClientUsers",
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                Email = table.Column<string>(maxLength: 254, nullable: false),
                FirstName = table.Column<string>(maxLength: 100, nullable: false),
                LastName = table.Column<string>(maxLength: 100, nullable: false),
                Status = table.Column<string>(maxLength: 32, nullable: false),
                Language = table.Column<string>(maxLength: 10, nullable: false),
                PasswordHash = table.Column<string>(maxLength: 500, nullable: false),
                SecurityStamp = table.Column<string>(maxLength: 64, nullable: false),
                TwoFactorEnabled = table.Column<bool>(nullable: false),
                TotpSecret = table.Column<string>(maxLength: 1000, nullable: true),
                PendingTotpSecret = table.Column<string>(maxLength: 1000, nullable: true),
                LastTotpStep = table.Column<long>(nullable: true),
                FailedSignInCount = table.Column<int>(nullable: false),
                LockoutEndsAt = table.Column<DateTime>(nullable: true),
                LastSignInAt = table.Column<DateTime>(nullable: true),
                CreatedAt = table.Column<DateTime>(nullable: false),
                UpdatedAt = table.Column<DateTime>(nullable: false),
                Phone = table.Column<string>(maxLength: 40, nullable: true),
            },
            constraints: table => table.PrimaryKey("PK_ClientUsers", x => x.Id));
        migrationBuilder.CreateIndex("IX_ClientUsers_Email", "ClientUsers", "Email", unique: true);

        migrationBuilder.CreateTable(
            name: "ApiTokens",
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                StaffAccountId = table.Column<Guid>(nullable: false),
                Name = table.Column<string>(maxLength: 100, nullable: false),
                Prefix = table.Column<string>(maxLength: 20, nullable: false),
                TokenHash = table.Column<string>(maxLength: 64, nullable: false),
                CreatedAt = table.Column<DateTime>(nullable: false),
                ExpiresAt = table.Column<DateTime>(nullable: false),
                LastUsedAt = table.Column<DateTime>(nullable: true),
                RevokedAt = table.Column<DateTime>(nullable: true),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_ApiTokens", x => x.Id);
                table.ForeignKey("FK_ApiTokens_StaffAccounts_StaffAccountId", x => x.StaffAccountId, "StaffAccounts", "Id", onDelete: ReferentialAction.Cascade);
            });
        migrationBuilder.CreateIndex("IX_ApiTokens_StaffAccountId", "ApiTokens", "StaffAccountId");
        migrationBuilder.CreateIndex("IX_ApiTokens_TokenHash", "ApiTokens", "TokenHash", unique: true);

        migrationBuilder.CreateTable(
            name: "ActivityLog",
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                At = table.Column<DateTime>(nullable: false),
                ActorKind = table.Column<string>(maxLength: 32, nullable: false),
                ActorId = table.Column<Guid>(nullable: true),
                ActorName = table.Column<string>(maxLength: 200, nullable: true),
                Ip = table.Column<string>(maxLength: 45, nullable: true),
                Channel = table.Column<string>(maxLength: 8, nullable: false),
                Action = table.Column<string>(maxLength: 200, nullable: false),
                Succeeded = table.Column<bool>(nullable: false),
                Error = table.Column<string>(maxLength: 2000, nullable: true),
                Changes = table.Column<string>(nullable: true),
            },
            constraints: table => table.PrimaryKey("PK_ActivityLog", x => x.Id));
        migrationBuilder.CreateIndex("IX_ActivityLog_At", "ActivityLog", "At");

        migrationBuilder.CreateTable(
            name: "SignInAttempts",
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                At = table.Column<DateTime>(nullable: false),
                AccountKind = table.Column<string>(maxLength: 32, nullable: false),
                Email = table.Column<string>(maxLength: 254, nullable: false),
                Ip = table.Column<string>(maxLength: 45, nullable: true),
                Succeeded = table.Column<bool>(nullable: false),
            },
            constraints: table => table.PrimaryKey("PK_SignInAttempts", x => x.Id));
        migrationBuilder.CreateIndex("IX_SignInAttempts_Ip_At", "SignInAttempts", new[] { "Ip", "At" });

        migrationBuilder.CreateTable(
            name: "DataProtectionKeys",
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                FriendlyName = table.Column<string>(maxLength: 200, nullable: true),
                Xml = table.Column<string>(nullable: false),
            },
            constraints: table => table.PrimaryKey("PK_DataProtectionKeys", x => x.Id));

        migrationBuilder.CreateTable(
            name: "InstallationMarkers",
            columns: table => new
            {
                Key = table.Column<string>(maxLength: 100, nullable: false),
                At = table.Column<DateTime>(nullable: false),
            },
            constraints: table => table.PrimaryKey("PK_InstallationMarkers", x => x.Key));

        migrationBuilder.CreateTable(
            name: "NodeHeartbeats",
            columns: table => new
            {
                NodeName = table.Column<string>(maxLength: 200, nullable: false),
                StartedAt = table.Column<DateTime>(nullable: false),
                LastBeatAt = table.Column<DateTime>(nullable: false),
                Beats = table.Column<long>(nullable: false),
                Version = table.Column<string>(maxLength: 50, nullable: false),
            },
            constraints: table => table.PrimaryKey("PK_NodeHeartbeats", x => x.NodeName));
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        foreach (var table in new[] { "NodeHeartbeats", "InstallationMarkers", "DataProtectionKeys", "SignInAttempts", "ActivityLog", "ApiTokens", "ClientUsers", "StaffAccounts" })
            migrationBuilder.DropTable(table);
    }
}
