using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace PuqCloud.Core.Persistence.Migrations;

/// <summary>The task queue, modules with their settings and log, schedules with their runs, dashboard layouts.</summary>
[DbContext(typeof(AppDbContext))]
[Migration("20261122100000_EngineRoom")]
public sealed class EngineRoom : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "QueuedTasks",
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                Queue = table.Column<string>(maxLength: 100, nullable: false),
                Name = table.Column<string>(maxLength: 200, nullable: false),
                Status = table.Column<string>(maxLength: 32, nullable: false),
                InputJson = table.Column<string>(nullable: true),
                OutputJson = table.Column<string>(nullable: true),
                Error = table.Column<string>(maxLength: 4000, nullable: true),
                Tries = table.Column<int>(nullable: false),
                MaxTries = table.Column<int>(nullable: false),
                BackoffSeconds = table.Column<int>(nullable: false),
                TimeoutSeconds = table.Column<int>(nullable: false),
                DedupeKey = table.Column<string>(maxLength: 200, nullable: true),
                Tags = table.Column<string>(maxLength: 1000, nullable: true),
                CreatedAt = table.Column<DateTime>(nullable: false),
                AvailableAt = table.Column<DateTime>(nullable: false),
                StartedAt = table.Column<DateTime>(nullable: true),
                FinishedAt = table.Column<DateTime>(nullable: true),
                LockedBy = table.Column<string>(maxLength: 200, nullable: true),
                LockedUntil = table.Column<DateTime>(nullable: true),
            },
            constraints: table => table.PrimaryKey("PK_QueuedTasks", x => x.Id));
        migrationBuilder.CreateIndex("IX_QueuedTasks_Status_AvailableAt", "QueuedTasks", new[] { "Status", "AvailableAt" });
        migrationBuilder.CreateIndex("IX_QueuedTasks_DedupeKey", "QueuedTasks", "DedupeKey");
        migrationBuilder.CreateIndex("IX_QueuedTasks_CreatedAt", "QueuedTasks", "CreatedAt");

        migrationBuilder.CreateTable(
            name: "Modules",
            columns: table => new
            {
                Key = table.Column<string>(maxLength: 100, nullable: false),
                Kind = table.Column<string>(maxLength: 32, nullable: false),
                Status = table.Column<string>(maxLength: 32, nullable: false),
                InstalledVersion = table.Column<string>(maxLength: 50, nullable: true),
                ActivatedAt = table.Column<DateTime>(nullable: true),
                UpdatedAt = table.Column<DateTime>(nullable: false),
            },
            constraints: table => table.PrimaryKey("PK_Modules", x => x.Key));

        migrationBuilder.CreateTable(
            name: "ModuleSettings",
            columns: table => new
            {
                ModuleKey = table.Column<string>(maxLength: 100, nullable: false),
                Key = table.Column<string>(maxLength: 100, nullable: false),
                Value = table.Column<string>(maxLength: 4000, nullable: true),
                IsSecret = table.Column<bool>(nullable: false),
            },
            constraints: table => table.PrimaryKey("PK_ModuleSettings", x => new { x.ModuleKey, x.Key }));

        migrationBuilder.CreateTable(
            name: "ModuleLog",
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                At = table.Column<DateTime>(nullable: false),
                ModuleKey = table.Column<string>(maxLength: 100, nullable: false),
                Action = table.Column<string>(maxLength: 200, nullable: false),
                Level = table.Column<string>(maxLength: 16, nullable: false),
                Message = table.Column<string>(maxLength: 2000, nullable: false),
                Request = table.Column<string>(nullable: true),
                Response = table.Column<string>(nullable: true),
            },
            constraints: table => table.PrimaryKey("PK_ModuleLog", x => x.Id));
        migrationBuilder.CreateIndex("IX_ModuleLog_At", "ModuleLog", "At");

        migrationBuilder.CreateTable(
            name: "Schedules",
            columns: table => new
            {
                Key = table.Column<string>(maxLength: 200, nullable: false),
                Cron = table.Column<string>(maxLength: 120, nullable: false),
                Enabled = table.Column<bool>(nullable: false),
                LastRunAt = table.Column<DateTime>(nullable: true),
                LastOutcome = table.Column<string>(maxLength: 32, nullable: true),
                UpdatedAt = table.Column<DateTime>(nullable: false),
            },
            constraints: table => table.PrimaryKey("PK_Schedules", x => x.Key));

        migrationBuilder.CreateTable(
            name: "ScheduleRuns",
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                ScheduleKey = table.Column<string>(maxLength: 200, nullable: false),
                StartedAt = table.Column<DateTime>(nullable: false),
                FinishedAt = table.Column<DateTime>(nullable: true),
                Outcome = table.Column<string>(maxLength: 32, nullable: false),
                Error = table.Column<string>(maxLength: 4000, nullable: true),
                Node = table.Column<string>(maxLength: 200, nullable: true),
            },
            constraints: table => table.PrimaryKey("PK_ScheduleRuns", x => x.Id));
        migrationBuilder.CreateIndex("IX_ScheduleRuns_ScheduleKey_StartedAt", "ScheduleRuns", new[] { "ScheduleKey", "StartedAt" });

        migrationBuilder.CreateTable(
            name: "DashboardLayouts",
            columns: table => new
            {
                StaffAccountId = table.Column<Guid>(nullable: false),
                LayoutJson = table.Column<string>(maxLength: 4000, nullable: false),
                UpdatedAt = table.Column<DateTime>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_DashboardLayouts", x => x.StaffAccountId);
                table.ForeignKey("FK_DashboardLayouts_StaffAccounts_StaffAccountId", x => x.StaffAccountId, "StaffAccounts", "Id", onDelete: ReferentialAction.Cascade);
            });
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        foreach (var table in new[] { "DashboardLayouts", "ScheduleRuns", "Schedules", "ModuleLog", "ModuleSettings", "Modules", "QueuedTasks" })
            migrationBuilder.DropTable(table);
    }
}
