#!/usr/bin/env bash
# Follows the README's "Walkthrough: add a metric column" literally, on a clone of HEAD: applies
# the diffs it shows, generates both strategies' migrations, re-records the snapshots, and runs
# the tests the change concerns. The clone lives in .build-walkthrough/, so a second run builds
# only what the diffs touch.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
work="$root/.build-walkthrough"
clone="$work/main"
mkdir -p "$work"
if [ -d "$clone/.git" ]; then
  git -C "$clone" fetch -q "$root" HEAD
  git -C "$clone" reset -q --hard FETCH_HEAD
  git -C "$clone" clean -q -fdx -e .build
else
  git clone -q "$root" "$clone"
fi
[ -e "$work/shared" ] || [ ! -d "$root/../shared" ] || ln -s "$root/../shared" "$work/shared"
cd "$clone"

step() { echo "walkthrough: $*"; }
fail() { echo "walkthrough: FAILED: $*" >&2; exit 1; }

swift build --build-tests >/dev/null
incremental="$work/incremental"
rm -rf "$incremental" "$incremental-migrations" "$incremental-migrations-state.json"
step "the incremental strategy's state before the change"
.build/debug/GenSQL --strategy incremental --output "$incremental/generated" \
  --migrations "$incremental/migrations" >/dev/null

step "applying the README's diffs"
awk '/^## Walkthrough: add a metric column/{on=1; next} on && /^## /{on=0} on' README.md |
  awk '/^   ```diff$/{inside=1; next} inside && /^   ```$/{inside=0; next} inside {sub(/^   /, ""); print}' \
    >"$work/walkthrough.patch"
[ "$(grep -c '^+++ ' "$work/walkthrough.patch")" = 3 ] || fail "the README should show three diffs"
git apply "$work/walkthrough.patch" || fail "the README's diffs do not apply to HEAD"

step "swift run GenSQL --name missed_calls"
swift build --build-tests >/dev/null
.build/debug/GenSQL --name missed_calls
ls supabase/migrations/*_missed_calls.sql >/dev/null || fail "no migration for the refresh strategy"
grep -q missed_calls supabase/generated/schema.sql || fail "schema.sql lacks missed_calls"
step "the incremental strategy's migration"
.build/debug/GenSQL --strategy incremental --output "$incremental/generated" \
  --migrations "$incremental/migrations" --name missed_calls
grep -q missed_calls "$incremental"/migrations/*_missed_calls.sql ||
  fail "no migration for the incremental strategy"

step "re-recording the snapshots"
SNAPSHOT_RECORD=1 swift test --skip-build --filter SnapshotTests >/dev/null || true
step "the tests the change concerns"
swift test --skip-build \
  --filter 'SnapshotTests|RandomizedContract|PgTAP|StrategyComparison|StrategySwitch|TypeScript|TypeAgreement|Upgrade'
.build/debug/GenSQL --check
step "passed"
