using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PuqCloud.Persistence.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class MoneyInvariantIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Payments_LedgerEntryId",
                table: "Payments");

            migrationBuilder.CreateIndex(
                name: "IX_Refunds_GatewayRefund",
                table: "Refunds",
                columns: new[] { "PaymentId", "GatewayRefundId" },
                unique: true,
                filter: "\"GatewayRefundId\" IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_Payments_LedgerEntryId",
                table: "Payments",
                column: "LedgerEntryId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Documents_OneInvoicePerProforma",
                table: "Documents",
                column: "RelatedDocumentId",
                unique: true,
                filter: "\"Kind\" = 'Invoice' AND \"RelatedDocumentId\" IS NOT NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Refunds_GatewayRefund",
                table: "Refunds");

            migrationBuilder.DropIndex(
                name: "IX_Payments_LedgerEntryId",
                table: "Payments");

            migrationBuilder.DropIndex(
                name: "IX_Documents_OneInvoicePerProforma",
                table: "Documents");

            migrationBuilder.CreateIndex(
                name: "IX_Payments_LedgerEntryId",
                table: "Payments",
                column: "LedgerEntryId");
        }
    }
}
