#!/usr/bin/env bash
# The issue-6 scaling series: every workload with both parallel engines at 1, 2, 4, 8 and 16 threads,
# each against the sequential executor in the same process. Writes one JSON file per run into
# ${OUT:-scaling-out} and prints the tables; exits non-zero if any state root differs.
# Usage: bash scripts/scaling.sh [path/to/tachyon]   (default: publish/bench/tachyon)
set -euo pipefail
TACHYON="${1:-publish/bench/tachyon}"
OUT="${OUT:-scaling-out}"
THREADS="${THREADS:-1,2,4,8,16}"
TXS="${TXS:-10000}"
mkdir -p "$OUT"
echo "$(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), load $(cut -d' ' -f1 /proc/loadavg)"
status=0
for engine in block stream; do
  for spec in "transfer 0" "erc20 0" "swap 0" "mixed 0" "dependent 0" "erc20 0.5" "swap 0.2" "transfer 0.3"; do
    set -- $spec
    echo "== engine $engine, workload $1, hot ratio $2"
    "$TACHYON" bench execute --engine "$engine" --workload "$1" --hot-ratio "$2" --txs "$TXS" --blocks 3 --rounds 5 \
      --threads "$THREADS" --json "$OUT/$engine-$1-$2.json" | grep -E '^\|' || status=1
  done
done
exit $status
