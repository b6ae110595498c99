using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PuqCloud.Persistence.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class BillingScanIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Services_NextChargeAt",
                table: "Services");

            migrationBuilder.DropIndex(
                name: "IX_Services_Status",
                table: "Services");

            migrationBuilder.CreateIndex(
                name: "IX_Services_NextChargeAt_Id",
                table: "Services",
                columns: new[] { "NextChargeAt", "Id" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Services_NextChargeAt_Id",
                table: "Services");

            migrationBuilder.CreateIndex(
                name: "IX_Services_NextChargeAt",
                table: "Services",
                column: "NextChargeAt");

            migrationBuilder.CreateIndex(
                name: "IX_Services_Status",
                table: "Services",
                column: "Status");
        }
    }
}
