using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PuqCloud.Persistence.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class AddGatewayReportedRefunds : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "GatewayEventId",
                table: "Refunds",
                type: "character varying(200)",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "PaymentGatewayId",
                table: "Refunds",
                type: "uuid",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_Refunds_PaymentGatewayId_GatewayEventId",
                table: "Refunds",
                columns: new[] { "PaymentGatewayId", "GatewayEventId" },
                unique: true);

            migrationBuilder.AddForeignKey(
                name: "FK_Refunds_PaymentGateways_PaymentGatewayId",
                table: "Refunds",
                column: "PaymentGatewayId",
                principalTable: "PaymentGateways",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_Refunds_PaymentGateways_PaymentGatewayId",
                table: "Refunds");

            migrationBuilder.DropIndex(
                name: "IX_Refunds_PaymentGatewayId_GatewayEventId",
                table: "Refunds");

            migrationBuilder.DropColumn(
                name: "GatewayEventId",
                table: "Refunds");

            migrationBuilder.DropColumn(
                name: "PaymentGatewayId",
                table: "Refunds");
        }
    }
}
