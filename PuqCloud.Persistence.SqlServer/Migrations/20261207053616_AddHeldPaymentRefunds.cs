using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PuqCloud.Persistence.SqlServer.Migrations
{
    /// <inheritdoc />
    public partial class AddHeldPaymentRefunds : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<decimal>(
                name: "RefundedAmount",
                table: "HeldPayments",
                type: "decimal(19,4)",
                precision: 19,
                scale: 4,
                nullable: false,
                defaultValue: 0m);

            migrationBuilder.CreateTable(
                name: "HeldPaymentRefunds",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    HeldPaymentId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    PaymentGatewayId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    GatewayEventId = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: false),
                    Amount = table.Column<decimal>(type: "decimal(19,4)", precision: 19, scale: 4, nullable: false),
                    Reason = table.Column<string>(type: "nvarchar(500)", maxLength: 500, nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "datetime2", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_HeldPaymentRefunds", x => x.Id);
                    table.ForeignKey(
                        name: "FK_HeldPaymentRefunds_HeldPayments_HeldPaymentId",
                        column: x => x.HeldPaymentId,
                        principalTable: "HeldPayments",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_HeldPaymentRefunds_PaymentGateways_PaymentGatewayId",
                        column: x => x.PaymentGatewayId,
                        principalTable: "PaymentGateways",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_HeldPaymentRefunds_HeldPaymentId_CreatedAt",
                table: "HeldPaymentRefunds",
                columns: new[] { "HeldPaymentId", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_HeldPaymentRefunds_PaymentGatewayId_GatewayEventId",
                table: "HeldPaymentRefunds",
                columns: new[] { "PaymentGatewayId", "GatewayEventId" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "HeldPaymentRefunds");

            migrationBuilder.DropColumn(
                name: "RefundedAmount",
                table: "HeldPayments");
        }
    }
}
