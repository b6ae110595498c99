#!/usr/bin/env bash
# scripts/migration-hashes.sh — adds the SHA-256 of every new file under the migrations projects'
# Migrations folders (PuqCloud.Persistence.*/Migrations, the ModelSnapshot excepted) to
# PuqCloud.Tests/Integration/migration-hashes.sha256. The list only grows: a committed migration is never
# edited, so a listed file whose hash changed, or that disappeared, is an error here and in
# MigrationHashTests. Line endings are normalised (CR before LF dropped) before hashing.
set -euo pipefail
cd "$(dirname "$0")/.."

LIST=PuqCloud.Tests/Integration/migration-hashes.sha256
touch "$LIST"

hash_of() { sed 's/\r$//' "$1" | sha256sum | cut -d' ' -f1; }

status=0
# Every listed file must still exist with the same content.
while read -r hash path; do
    [ -z "${hash:-}" ] && continue
    if [ ! -f "$path" ]; then
        echo "ERROR: $path is listed in $LIST but is gone: committed migrations are never removed" >&2; status=1
    elif [ "$(hash_of "$path")" != "$hash" ]; then
        echo "ERROR: $path changed after it was committed: add a new migration instead of editing this one" >&2; status=1
    fi
done < "$LIST"
[ "$status" -eq 0 ] || exit "$status"

added=0
while IFS= read -r path; do
    if ! grep -qF "  $path" "$LIST"; then
        echo "$(hash_of "$path")  $path" >> "$LIST"
        echo "added $path"
        added=$((added + 1))
    fi
done < <(find PuqCloud.Persistence.*/Migrations -type f ! -name '*ModelSnapshot.cs' | LC_ALL=C sort)

# Keep the list sorted by path, so that additions from parallel branches merge cleanly.
LC_ALL=C sort -k2 -o "$LIST" "$LIST"
echo "$LIST: $(grep -c . "$LIST") files, $added added"
