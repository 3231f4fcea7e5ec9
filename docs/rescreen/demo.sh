#!/usr/bin/env bash
# A real re-screening, start to finish:
#   1. the rules as they stood on 2026-02-23: the control list (Ann. 2026 No. 11) and the watch
#      list (No. 12) cut before their first entries of 2026-02-24;
#   2. a ledger of open orders decided and recorded on those rules (`dualuse batch --record`);
#   3. the recorded orders dated from 2026-02-24 re-screened on today's rules (`dualuse rescreen`),
#      which prints the report and exits 3 because answers changed.
# The store is a fresh SQLite file in a temporary folder; the Markdown report is written beside
# this script (report.md). Run from anywhere: docs/rescreen/demo.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
./dev --help >/dev/null  # sets up .venv on the first run
.venv/bin/python docs/rescreen/cut_lists.py rules "$work/rules"
export DUALUSE_DB="sqlite:///$work/records.db"
DUALUSE_USER="export desk" ./dev batch docs/rescreen/open-orders.csv \
  --out "$work/decisions.csv" --rules "$work/rules" --record --workers 1
./dev records list
./dev rescreen --since 2026-02-24 --workers 1 --no-record --format markdown \
  --out docs/rescreen/report.md >/dev/null || true
status=0
DUALUSE_USER=compliance ./dev rescreen --since 2026-02-24 --workers 1 || status=$?
echo "rescreen exit code: $status (3: answers changed)"
