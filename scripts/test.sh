#!/usr/bin/env bash
# Runs every test: snapshot, type-safety, CLI and database tests.
# On Debian it first installs what the database and TypeScript tests need (as root, or through
# sudo).
# Extra arguments go to `swift test`, e.g. `bash scripts/test.sh --filter DatabaseTests`; without
# them it also follows the README's walkthrough on a clone (scripts/walkthrough.sh).
set -euo pipefail
cd "$(dirname "$0")/.."

missing=()
[ -x /usr/lib/postgresql/15/bin/postgres ] || missing+=(postgresql-15)
[ -f /usr/share/postgresql/15/extension/pg_cron.control ] || missing+=(postgresql-15-cron)
[ -f /usr/share/postgresql/15/extension/pgtap.control ] || missing+=(postgresql-15-pgtap)
# pg_prove, which `supabase test db` runs.
command -v pg_prove >/dev/null || missing+=(libtap-parser-sourcehandler-pgtap-perl)
# tsc and node, for the dashboard's TypeScript (lib/queries/metrics.ts).
command -v tsc >/dev/null || missing+=(node-typescript)
command -v node >/dev/null || missing+=(nodejs)
if [ ${#missing[@]} -gt 0 ]; then
  echo "Installing ${missing[*]} ..."
  sudo=""
  [ "$(id -u)" = 0 ] || sudo="sudo"
  # The tests start their own throwaway cluster; Debian's default one is not needed.
  $sudo mkdir -p /etc/postgresql-common
  [ -f /etc/postgresql-common/createcluster.conf ] ||
    echo "create_main_cluster = false" | $sudo tee /etc/postgresql-common/createcluster.conf >/dev/null
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq \
    -o Dpkg::Options::=--force-confold "${missing[@]}" >/dev/null
fi

swift build --build-tests
swift test --skip-build "$@"
# The README's walkthrough, followed literally on a clone (not when running some tests only).
if [ $# -eq 0 ]; then bash scripts/walkthrough.sh; fi
