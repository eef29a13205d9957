#!/usr/bin/env bash
# Measures `microcred issue --batch` on the built CLI (npm run build first): N generated rows, each
# run's time, rate, peak resident memory and load average, then (RUNS includes resume) a run killed
# midway and resumed, checked for duplicates and gaps against the manifest.
# Usage: scripts/batch-measure.sh [ROWS] (default 100000).
#   RUNS="plain file postgres resume" picks the runs (default "plain file resume"); postgres needs
#   MICROCRED_TEST_POSTGRES (source .ci/postgres.sh && start_postgres) and uses a fresh schema.
#   MEMORY_LOG=FILE samples process.memoryUsage() every 3 s of each run into FILE (rss, heapTotal,
#   heapUsed, external, arrayBuffers in MB), to tell V8's heap sizing from data kept.
set -euo pipefail
ROWS=${1:-100000}
RUNS=${RUNS:-plain file resume}
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
cat > sampler.mjs <<'EOF'
import { appendFileSync } from 'node:fs';
const mb = (n) => (n / 1048576).toFixed(0);
const t0 = Date.now();
setInterval(() => {
  const m = process.memoryUsage();
  appendFileSync(process.env.MEMORY_LOG, `${((Date.now() - t0) / 1000).toFixed(0)}s rss ${mb(m.rss)} heapTotal ${mb(m.heapTotal)} heapUsed ${mb(m.heapUsed)} external ${mb(m.external)} arrayBuffers ${mb(m.arrayBuffers)}\n`);
}, 3000).unref();
EOF

measure() { # label, extra args...
  local label=$1; shift
  local sample=()
  if [ -n "${MEMORY_LOG:-}" ]; then echo "== $label" >> "$MEMORY_LOG"; sample=(--import "$WORK/sampler.mjs"); fi
  /usr/bin/time -f "%e %M" -o time.txt node "${sample[@]}" "$ROOT/dist/cli/main.js" issue --batch rows.csv \
    --template badge.json --key key.json --progress-every 100000000 "$@" >out.txt 2>err.txt || true
  read -r secs kb < time.txt
  echo "$label: $ROWS rows in ${secs}s, $(node -e "console.log((${ROWS}/${secs}).toFixed(1))") credentials/s, peak RSS $((kb / 1024)) MB, load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
  tail -n 1 out.txt
}
PLAIN_SECS=
for run in $RUNS; do
  case $run in
    plain)
      measure "no status" --out plain.jsonl
      PLAIN_SECS=$secs ;;
    file)
      $CLI status create --key key.json --list-url https://pd.example.org/status --store status.json >/dev/null
      measure "status (file store)" --out status.jsonl --status-store status.json
      ls -l status.json status.json.journal | awk '{print "  " $9 ": " $5 " bytes"}' ;;
    postgres)
      : "${MICROCRED_TEST_POSTGRES:?postgres needs MICROCRED_TEST_POSTGRES}"
      SCHEMA="batch_measure_$$"
      $CLI status create --key key.json --list-url https://pd.example.org/status \
        --postgres "$MICROCRED_TEST_POSTGRES" --postgres-schema "$SCHEMA" >/dev/null
      # Transactions committed during the run: about one per 256-row chunk (status entries allocated in bulk).
      xacts() { node -e '
        const { Client } = require(process.argv[2]);
        const c = new Client({ connectionString: process.argv[1] });
        c.connect().then(() => c.query("SELECT xact_commit FROM pg_stat_database WHERE datname = current_database()"))
          .then((r) => { console.log(r.rows[0].xact_commit); return c.end(); });' "$MICROCRED_TEST_POSTGRES" "$ROOT/node_modules/pg"; }
      BEFORE_XACTS=$(xacts)
      measure "status (PostgreSQL)" --out pg.jsonl --postgres "$MICROCRED_TEST_POSTGRES" --postgres-schema "$SCHEMA"
      sleep 1 # the statistics collector reports with a short delay
      echo "  transactions committed during the run: $(( $(xacts) - BEFORE_XACTS )) for $(( (ROWS + 255) / 256 )) chunks of 256 rows (the rest: about ten reads that open the store, and the server's own autovacuum)" ;;
    resume)
      # Kill midway, resume, check.
      $CLI issue --batch rows.csv --template badge.json --key key.json --out resumed.jsonl --progress-every 100000000 >/dev/null 2>&1 &
      PID=$!
      sleep "${KILL_AFTER:-$(node -e "console.log(Math.max(2, ${PLAIN_SECS:-60} / 2))")}"
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
        if (gaps || dupRows || dupIds || mismatched || out.length !== n) process.exit(1);' "$ROWS" "$BEFORE" ;;
    *) echo "unknown run $run (plain, file, postgres, resume)" >&2; exit 2 ;;
  esac
done
