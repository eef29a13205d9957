#!/usr/bin/env bash
# Measures `microcred issue --batch` on the built CLI (npm run build first): N generated rows with
# and without status entries (file store), each run's time, rate and peak resident memory, then a
# run killed midway and resumed, checked for duplicates and gaps against the manifest.
# Usage: scripts/batch-measure.sh [ROWS] (default 100000).
set -euo pipefail
ROWS=${1:-100000}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
CLI="node $ROOT/dist/cli/main.js"
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
cd "$WORK"
$CLI keys generate --out key.json >/dev/null
cp "$ROOT/examples/batch/badge.json" badge.json
node -e '
  const n = Number(process.argv[1]); const out = ["name,email,did,evidence"];
  for (let i = 1; i <= n; i++) out.push(i % 5 ? `Teacher ${i},t${i}@school.example,,https://portfolio.example.org/${i}` : `Teacher ${i},,did:example:t${i},`);
  require("fs").writeFileSync("rows.csv", out.join("\n") + "\n");' "$ROWS"

measure() { # label, extra args...
  local label=$1; shift
  /usr/bin/time -f "%e %M" -o time.txt $CLI issue --batch rows.csv --template badge.json --key key.json \
    --progress-every 100000000 "$@" >/dev/null 2>err.txt || true
  read -r secs kb < time.txt
  echo "$label: $ROWS rows in ${secs}s, $(node -e "console.log((${ROWS}/${secs}).toFixed(1))") credentials/s, peak RSS $((kb / 1024)) MB"
}
measure "no status" --out plain.jsonl
PLAIN_SECS=$secs
$CLI status create --key key.json --list-url https://pd.example.org/status --store status.json >/dev/null
[ -n "${SKIP_STATUS:-}" ] || measure "status (file store)" --out status.jsonl --status-store status.json

# Kill midway, resume, check.
$CLI issue --batch rows.csv --template badge.json --key key.json --out resumed.jsonl --progress-every 100000000 >/dev/null 2>&1 &
PID=$!
sleep "${KILL_AFTER:-$(node -e "console.log(Math.max(2, ${PLAIN_SECS} / 2))")}"
kill -KILL "$PID" 2>/dev/null || true
wait "$PID" 2>/dev/null || true
BEFORE=$(wc -l < resumed.jsonl)
$CLI issue --batch rows.csv --template badge.json --key key.json --out resumed.jsonl --progress-every 100000000 >/dev/null 2>&1
node -e '
  const fs = require("fs");
  const manifest = fs.readFileSync("resumed.manifest.jsonl", "utf8").trim().split("\n").slice(1).map(JSON.parse);
  const out = fs.readFileSync("resumed.jsonl", "utf8").trim().split("\n").map((l) => JSON.parse(l).id);
  const rows = manifest.map((r) => r.row);
  const n = Number(process.argv[1]);
  const gaps = n - new Set(rows).size, dupRows = rows.length - new Set(rows).size, dupIds = out.length - new Set(out).size;
  const mismatched = manifest.filter((r, i) => out[i] !== r.id).length;
  console.log(`killed after ${process.argv[2]} lines written; resumed: ${out.length} credentials, ${dupRows} duplicate rows, ${gaps} missing rows, ${dupIds} duplicate ids, ${mismatched} output lines not matching the manifest`);
  if (gaps || dupRows || dupIds || mismatched || out.length !== n) process.exit(1);' "$ROWS" "$BEFORE"
