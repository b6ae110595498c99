using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PuqCloud.Persistence.SqlServer.Migrations
{
    /// <inheritdoc />
    public partial class AddTaskLane : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "Lane",
                table: "QueuedTasks",
                type: "nvarchar(200)",
                maxLength: 200,
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_QueuedTasks_Lane_Status_CreatedAt",
                table: "QueuedTasks",
                columns: new[] { "Lane", "Status", "CreatedAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_QueuedTasks_Lane_Status_CreatedAt",
                table: "QueuedTasks");

            migrationBuilder.DropColumn(
                name: "Lane",
                table: "QueuedTasks");
        }
    }
}
