using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PuqCloud.Persistence.SqlServer.Migrations
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
                type: "datetime2",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "FailedCodeCount",
                table: "StaffAccounts",
                type: "int",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<DateTime>(
                name: "CodeLockoutEndsAt",
                table: "ClientUsers",
                type: "datetime2",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "FailedCodeCount",
                table: "ClientUsers",
                type: "int",
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
