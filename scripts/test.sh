#!/usr/bin/env bash
# scripts/test.sh — the ONE command that prepares a fresh Debian 12 machine and
# runs every test of PuqCloud.Blazor.sln.
#
# Preparation (idempotent; does nothing slow when everything is already there):
#   * installs chromium-headless-shell + fonts-dejavu-core (headless browser tests / screenshots): Debian's Chromium
#     without the desktop browser around it, which costs the 2-core machine less CPU for every page the tests open
#   * installs the PostgreSQL server, makes sure a cluster exists and is running,
#     sets the `postgres` role's password to a fixed test password and checks
#     that password login over 127.0.0.1 works
#   * installs Node.js/npm if missing and the OpenAPI linter (npm ci in tools/openapi-lint, pinned by its lock file)
#   * exports PUQ_TEST_POSTGRES, PUQ_TEST_CHROMIUM and PUQ_TEST_REDOCLY for the tests
# Then runs: dotnet test PuqCloud.Blazor.sln -c Release ... "$@"
#
# Usage:
#   scripts/test.sh                                  # prepare + run all tests
#   scripts/test.sh --filter "FullyQualifiedName~X"  # extra args go to dotnet test
#   PUQ_PREPARE_ONLY=1 scripts/test.sh               # prepare only, exit 0 before dotnet test
#
# Exit code: dotnet test's exit code, or non-zero with a message if a
# preparation step fails.
set -euo pipefail

cd "$(dirname "$0")/.."

TEST_PG_PASSWORD='puqcloud-tests'
CHROMIUM=/usr/bin/chromium-headless-shell
export DEBIAN_FRONTEND=noninteractive

step() { echo "==> $*"; }
die()  { echo "ERROR: $*" >&2; exit 1; }

# Run a command as root (directly, or via sudo when available).
as_root() {
    if [ "$(id -u)" -eq 0 ]; then
        "$@"
    elif command -v sudo >/dev/null 2>&1; then
        sudo -E "$@"
    else
        die "need root privileges (not root and sudo is not available) to run: $*"
    fi
}

# Run a shell command string as the postgres OS user.
as_postgres() {
    if [ "$(id -u)" -eq 0 ]; then
        su postgres -c "$1"
    elif command -v sudo >/dev/null 2>&1; then
        sudo -u postgres sh -c "$1"
    else
        die "need root or sudo to run as the postgres user: $1"
    fi
}

APT_OPTS=(-qq -o DPkg::Lock::Timeout=300)

pkg_installed() {
    dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q 'install ok installed'
}

pg_server_installed() {
    command -v pg_ctlcluster >/dev/null 2>&1 && command -v pg_lsclusters >/dev/null 2>&1 \
        && ls /usr/lib/postgresql/*/bin/postgres >/dev/null 2>&1
}

# ---------------------------------------------------------------- packages
step "Checking required system packages"
missing=()
[ -x "$CHROMIUM" ] || missing+=(chromium-headless-shell)
pkg_installed fonts-dejavu-core || missing+=(fonts-dejavu-core)
pg_server_installed || missing+=(postgresql)
command -v node >/dev/null 2>&1 || missing+=(nodejs)
command -v npm >/dev/null 2>&1 || missing+=(npm)

if [ "${#missing[@]}" -gt 0 ]; then
    command -v apt-get >/dev/null 2>&1 || die "missing packages (${missing[*]}) and apt-get is not available"
    step "Installing: ${missing[*]} (apt-get update + install)"
    as_root apt-get "${APT_OPTS[@]}" update \
        || die "apt-get update failed; cannot install: ${missing[*]}"
    as_root apt-get "${APT_OPTS[@]}" install -y --no-install-recommends "${missing[@]}" \
        || die "apt-get install failed for: ${missing[*]}"
else
    step "All system packages present (chromium-headless-shell, fonts-dejavu-core, postgresql, node, npm)"
fi

[ -x "$CHROMIUM" ] || die "chromium-headless-shell is still missing at $CHROMIUM after installation"
pkg_installed fonts-dejavu-core || die "fonts-dejavu-core is still not installed"
pg_server_installed || die "PostgreSQL server (pg_ctlcluster / postgres binary) is still missing after installation"
command -v psql >/dev/null 2>&1 || die "psql client is missing (package postgresql-client)"
command -v pg_isready >/dev/null 2>&1 || die "pg_isready is missing (package postgresql-client)"

# ---------------------------------------------------------------- OpenAPI linter
REDOCLY="$PWD/tools/openapi-lint/node_modules/.bin/redocly"
if [ -x "$REDOCLY" ]; then
    step "OpenAPI linter present ($REDOCLY)"
else
    step "Installing the OpenAPI linter (npm ci in tools/openapi-lint)"
    (cd tools/openapi-lint && npm ci --no-audit --no-fund --loglevel=error) || die "npm ci in tools/openapi-lint failed"
    [ -x "$REDOCLY" ] || die "the OpenAPI linter is still missing at $REDOCLY"
fi

# ---------------------------------------------------------------- cluster
# pg_lsclusters -h columns: Ver Cluster Port Status Owner Datadir Logfile
step "Checking PostgreSQL cluster"
cluster_line() {
    # Prefer a cluster named "main" with the highest version, otherwise the first one.
    local lines
    lines="$(pg_lsclusters -h 2>/dev/null | sort -k1,1nr || true)"
    { echo "$lines" | awk '$2 == "main"' ; echo "$lines"; } | awk 'NF >= 4' | head -n1
}

line="$(cluster_line)"
if [ -z "$line" ]; then
    pg_ver="$(ls /usr/lib/postgresql/ | sort -n | tail -n1)"
    [ -n "$pg_ver" ] || die "cannot detect installed PostgreSQL major version under /usr/lib/postgresql"
    step "No PostgreSQL cluster found; creating cluster $pg_ver/main"
    as_root pg_createcluster "$pg_ver" main || die "pg_createcluster $pg_ver main failed"
    line="$(cluster_line)"
    [ -n "$line" ] || die "PostgreSQL cluster still missing after pg_createcluster"
fi

read -r pg_ver pg_name pg_port pg_status _ <<<"$line"
step "Using PostgreSQL cluster $pg_ver/$pg_name on port $pg_port (status: $pg_status)"

if [ "$pg_status" != "online" ]; then
    step "Starting PostgreSQL cluster $pg_ver/$pg_name"
    if ! out="$(as_root pg_ctlcluster "$pg_ver" "$pg_name" start 2>&1)"; then
        if echo "$out" | grep -qi 'already running'; then
            :
        else
            echo "$out" >&2
            die "could not start PostgreSQL cluster $pg_ver/$pg_name (see /var/log/postgresql/postgresql-$pg_ver-$pg_name.log)"
        fi
    fi
fi

step "Waiting for PostgreSQL to accept connections on 127.0.0.1:$pg_port"
ready=0
for _ in $(seq 1 30); do
    if pg_isready -q -h 127.0.0.1 -p "$pg_port"; then ready=1; break; fi
    sleep 1
done
[ "$ready" -eq 1 ] || die "PostgreSQL is not accepting connections on 127.0.0.1:$pg_port after 30 s (check listen_addresses in /etc/postgresql/$pg_ver/$pg_name/postgresql.conf)"

# ---------------------------------------------------------------- password auth
pw_login_ok() {
    PGPASSWORD="$TEST_PG_PASSWORD" PGCONNECT_TIMEOUT=5 \
        psql -h 127.0.0.1 -p "$pg_port" -U postgres -d postgres -tAq -c 'select 1' >/dev/null 2>&1
}

if pw_login_ok; then
    step "Password login as postgres@127.0.0.1:$pg_port already works"
else
    step "Setting test password for the postgres role"
    as_postgres "psql -q -p $pg_port -d postgres -c \"ALTER USER postgres PASSWORD '$TEST_PG_PASSWORD'\"" \
        || die "could not set the postgres role password"

    if ! pw_login_ok; then
        # Debian's default pg_hba.conf allows scram-sha-256 over 127.0.0.1; add it if it's gone.
        hba="/etc/postgresql/$pg_ver/$pg_name/pg_hba.conf"
        if [ -f "$hba" ] && ! grep -Eq '^[[:space:]]*host[[:space:]]+all[[:space:]]+all[[:space:]]+127\.0\.0\.1/32[[:space:]]+(md5|scram-sha-256)' "$hba"; then
            step "Adding password auth for 127.0.0.1 to $hba and reloading"
            as_root sed -i '1i host all all 127.0.0.1/32 scram-sha-256' "$hba" \
                || die "could not edit $hba"
            as_root pg_ctlcluster "$pg_ver" "$pg_name" reload || die "could not reload PostgreSQL"
            sleep 1
        fi
    fi
    pw_login_ok || die "password login as postgres@127.0.0.1:$pg_port failed (check pg_hba.conf allows md5/scram-sha-256 for 127.0.0.1/32)"
    step "Password login as postgres@127.0.0.1:$pg_port works"
fi

# ---------------------------------------------------------------- environment
export PUQ_TEST_POSTGRES="Host=127.0.0.1;Port=$pg_port;Username=postgres;Password=$TEST_PG_PASSWORD"
export PUQ_TEST_CHROMIUM="$CHROMIUM"
export PUQ_TEST_REDOCLY="$REDOCLY"
step "PUQ_TEST_POSTGRES=$PUQ_TEST_POSTGRES"
step "PUQ_TEST_CHROMIUM=$PUQ_TEST_CHROMIUM"
step "PUQ_TEST_REDOCLY=$PUQ_TEST_REDOCLY"

if [ "${PUQ_PREPARE_ONLY:-0}" = "1" ]; then
    step "PUQ_PREPARE_ONLY=1: preparation done, not running tests"
    exit 0
fi

# ---------------------------------------------------------------- tests
command -v dotnet >/dev/null 2>&1 || die "dotnet SDK is not on PATH (see global.json for the required version)"

step "Running: dotnet test PuqCloud.Blazor.sln -c Release $*"
log="$(mktemp)"
set +e
dotnet test PuqCloud.Blazor.sln -c Release --logger "console;verbosity=normal" "$@" 2>&1 | tee "$log"
rc=${PIPESTATUS[0]}
set -e
# One plain closing line, "N passed, N failed", from the runner's summary ("Passed: N" / "Failed: N").
passed="$(grep -E '^ +Passed: +[0-9]+ *$' "$log" | tail -n1 | grep -Eo '[0-9]+' || true)"
failed="$(grep -E '^ +Failed: +[0-9]+ *$' "$log" | tail -n1 | grep -Eo '[0-9]+' || true)"
# The failures again at the very end, with their messages, so that the tail of a long log names them.
if [ "${failed:-0}" != "0" ]; then
    step "Failed tests"
    grep -E -A 12 '^ +Failed PuqCloud' "$log" | cut -c1-400 | head -n 300 || true
fi
# Browser journeys drive a real Chromium against a real circuit on a busy 2-core machine; one that fails is run once
# more, alone, and the run passes only if it passes then. Only journeys (PuqCloud.Tests.E2E) get this second run, and
# only when at most three failed and the run was not aborted: any other failing test, or a journey that fails twice,
# fails the run. The first failure stays in the log above, and the journeys that needed the second run are named at
# the end.
failed_names="$(grep -Eo '^ +Failed PuqCloud\.[^ (]+' "$log" | awk '{print $2}' | sort -u || true)"
aborted=0
grep -qiE 'test run aborted|active test run was aborted|test host process crashed' "$log" && aborted=1
rm -f "$log"
[ -n "$passed" ] && echo "${passed} passed, ${failed:-0} failed"
failed_count="$(printf '%s\n' "$failed_names" | grep -c . || true)"
if [ "$rc" != "0" ] && [ "$aborted" = "0" ] && [ "$failed_count" -ge 1 ] && [ "${failed:-0}" -le 3 ] \
    && ! printf '%s\n' "$failed_names" | grep -qv '^PuqCloud\.Tests\.E2E\.'; then
    filter="$(printf '%s\n' "$failed_names" | sed 's/^/FullyQualifiedName=/' | paste -sd'|')"
    step "Running the failed browser journeys once more: $filter"
    set +e
    dotnet test PuqCloud.Tests -c Release --no-build --logger "console;verbosity=normal" --filter "$filter" 2>&1 | grep -vE '^ +Passed PuqCloud'
    rc=${PIPESTATUS[0]}
    set -e
    if [ "$rc" = "0" ]; then
        step "FLAKY: passed on the second run (the first failure is above): $(printf '%s\n' "$failed_names" | paste -sd' ')"
    fi
fi
step "dotnet test exited with code $rc"
exit "$rc"
