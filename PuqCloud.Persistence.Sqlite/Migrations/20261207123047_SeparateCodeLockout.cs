using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PuqCloud.Persistence.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class SeparateCodeLockout : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTime>(
                name: "CodeLockoutEndsAt",
                table: "StaffAccounts",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "FailedCodeCount",
                table: "StaffAccounts",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<DateTime>(
                name: "CodeLockoutEndsAt",
                table: "ClientUsers",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "FailedCodeCount",
                table: "ClientUsers",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "CodeLockoutEndsAt",
                table: "StaffAccounts");

            migrationBuilder.DropColumn(
                name: "FailedCodeCount",
                table: "StaffAccounts");

            migrationBuilder.DropColumn(
                name: "CodeLockoutEndsAt",
                table: "ClientUsers");

            migrationBuilder.DropColumn(
                name: "FailedCodeCount",
                table: "ClientUsers");
        }
    }
}
