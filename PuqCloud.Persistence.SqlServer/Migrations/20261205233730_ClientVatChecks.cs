using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PuqCloud.Persistence.SqlServer.Migrations
{
    /// <inheritdoc />
    public partial class ClientVatChecks : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "VatCheckMessage",
                table: "Clients",
                type: "nvarchar(500)",
                maxLength: 500,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "VatCheckStatus",
                table: "Clients",
                type: "nvarchar(32)",
                maxLength: 32,
                nullable: false,
                defaultValue: "NotChecked");

            migrationBuilder.AddColumn<DateTime>(
                name: "VatCheckedAt",
                table: "Clients",
                type: "datetime2",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "VatCheckedNumber",
                table: "Clients",
                type: "nvarchar(20)",
                maxLength: 20,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "VatConsultationNumber",
                table: "Clients",
                type: "nvarchar(100)",
                maxLength: 100,
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "VatValidAt",
                table: "Clients",
                type: "datetime2",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "VatValidNumber",
                table: "Clients",
                type: "nvarchar(20)",
                maxLength: 20,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "VatChecks",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    ClientId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    VatNumber = table.Column<string>(type: "nvarchar(20)", maxLength: 20, nullable: false),
                    Status = table.Column<string>(type: "nvarchar(32)", maxLength: 32, nullable: false),
                    CheckedAt = table.Column<DateTime>(type: "datetime2", nullable: false),
                    ConsultationNumber = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: true),
                    Name = table.Column<string>(type: "nvarchar(500)", maxLength: 500, nullable: true),
                    Address = table.Column<string>(type: "nvarchar(1000)", maxLength: 1000, nullable: true),
                    Message = table.Column<string>(type: "nvarchar(500)", maxLength: 500, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_VatChecks", x => x.Id);
                    table.ForeignKey(
                        name: "FK_VatChecks_Clients_ClientId",
                        column: x => x.ClientId,
                        principalTable: "Clients",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_VatChecks_ClientId_CheckedAt",
                table: "VatChecks",
                columns: new[] { "ClientId", "CheckedAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "VatChecks");

            migrationBuilder.DropColumn(
                name: "VatCheckMessage",
                table: "Clients");

            migrationBuilder.DropColumn(
                name: "VatCheckStatus",
                table: "Clients");

            migrationBuilder.DropColumn(
                name: "VatCheckedAt",
                table: "Clients");

            migrationBuilder.DropColumn(
                name: "VatCheckedNumber",
                table: "Clients");

            migrationBuilder.DropColumn(
                name: "VatConsultationNumber",
                table: "Clients");

            migrationBuilder.DropColumn(
                name: "VatValidAt",
                table: "Clients");

            migrationBuilder.DropColumn(
                name: "VatValidNumber",
                table: "Clients");
        }
    }
}
