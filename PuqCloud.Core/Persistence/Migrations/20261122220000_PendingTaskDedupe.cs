using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using PuqCloud.Core.Persistence.Configurations;

namespace PuqCloud.Core.Persistence.Migrations;

/// <summary>
/// At most one queued or processing task per dedupe key, enforced by a filtered unique index. Queued tasks that
/// the old check-then-insert let through twice become duplicates of the earliest first.
/// </summary>
[DbContext(typeof(AppDbContext))]
[Migration("20261122220000_PendingTaskDedupe")]
public sealed class PendingTaskDedupe : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.Sql("""
            UPDATE "QueuedTasks" SET "Status" = 'Duplicate'
            WHERE "Status" = 'Queued' AND "DedupeKey" IS NOT NULL AND EXISTS (
                SELECT 1 FROM "QueuedTasks" AS other
                WHERE other."DedupeKey" = "QueuedTasks"."DedupeKey" AND other."Id" <> "QueuedTasks"."Id"
                  AND (other."Status" = 'Processing' OR (other."Status" = 'Queued' AND other."Id" < "QueuedTasks"."Id")))
            """);
        migrationBuilder.CreateIndex("IX_QueuedTasks_PendingDedupeKey", "QueuedTasks", "DedupeKey", unique: true, filter: QueuedTaskIndexes.PendingDedupeFilter);
    }

    protected override void Down(MigrationBuilder migrationBuilder) =>
        migrationBuilder.DropIndex("IX_QueuedTasks_PendingDedupeKey", "QueuedTasks");
}
