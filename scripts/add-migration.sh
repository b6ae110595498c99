#!/usr/bin/env bash
# scripts/add-migration.sh NAME — generates migration NAME for every database provider with the pinned
# dotnet-ef (dotnet-tools.json), one set per migrations project (PuqCloud.Persistence.Sqlite, .Postgres,
# .SqlServer; each has a design-time factory, so nothing connects to a database), then records the new
# files' hashes (scripts/migration-hashes.sh). Commit the generated files with the model change.
set -euo pipefail
cd "$(dirname "$0")/.."

name="${1:-}"
if [ -z "$name" ] || [ $# -ne 1 ]; then
    echo "usage: scripts/add-migration.sh NAME   (NAME in PascalCase, e.g. AddInvoices)" >&2
    exit 2
fi

dotnet tool restore
for provider in Sqlite Postgres SqlServer; do
    project="PuqCloud.Persistence.$provider"
    echo "==> $project: migrations add $name"
    dotnet ef migrations add "$name" --project "$project" --startup-project "$project" --context AppDbContext --output-dir Migrations
done
bash scripts/migration-hashes.sh
