using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PuqCloud.Persistence.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class AddSignInSessions : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "SignInSessions",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Scheme = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    AccountId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Ticket = table.Column<byte[]>(type: "BLOB", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ExpiresAt = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SignInSessions", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_SignInSessions_AccountId",
                table: "SignInSessions",
                column: "AccountId");

            migrationBuilder.CreateIndex(
                name: "IX_SignInSessions_ExpiresAt",
                table: "SignInSessions",
                column: "ExpiresAt");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "SignInSessions");
        }
    }
}
