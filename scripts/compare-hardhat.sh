#!/usr/bin/env bash
# Tachyon vs a Hardhat node, measured in one run on this machine (issue #7):
#   (a) sustained ETH and ERC-20 transfers (tachyon load, closed loop over WebSockets): TPS, send → receipt p50/p99;
#   (b) 10,000 transfers: Hardhat automine off + evm_mine, Tachyon streamed (eth_sendRawTransaction), once with
#       one request per transaction and once in JSON-RPC batches of BLOCK_BATCH (the same batches on both nodes),
#       each BLOCK_REPEAT times with fresh accounts: the table has the median run;
#   (c) eth_call of our compute kernels (sieve, arithmetic loop): median time;
#   (d) the latency probe (one WebSocket, one transaction at a time).
# Writes the table into docs/benchmarks.md (the compare-hardhat section) and prints it.
# usage: scripts/compare-hardhat.sh [SECONDS]      (SECONDS per sustained run, default 10)
# env:   NODES="hardhat tachyon" (default both), HARDHAT_PORT (18545), TACHYON_PORT (28545), KEEP=1 keeps results,
#        BLOCK_BATCH (10: transactions per JSON-RPC batch in the batched 10k run), BLOCK_REPEAT (3: runs of each 10k block),
#        TACHYON_RPC=http://127.0.0.1:PORT measures an already running Tachyon node on loopback instead of starting one
set -euo pipefail
cd "$(dirname "$0")/.."
SECONDS_PER_RUN=${1:-10}
NODES=${NODES:-"hardhat tachyon"}
HARDHAT_PORT=${HARDHAT_PORT:-18545}
TACHYON_PORT=${TACHYON_PORT:-28545}
BLOCK_BATCH=${BLOCK_BATCH:-10}
BLOCK_REPEAT=${BLOCK_REPEAT:-3}
OUT=$(mktemp -d /tmp/compare-hardhat.XXXXXX)
DATADIR=$(mktemp -d /tmp/compare-tachyon-data.XXXXXX)
PIDS=()

cleanup() {
  for pid in "${PIDS[@]}"; do kill -- "-$pid" 2>/dev/null || kill "$pid" 2>/dev/null || true; done
  rm -rf "$DATADIR"
  [ "${KEEP:-0}" = 1 ] && echo "results kept in $OUT" || rm -rf "$OUT"
}
trap cleanup EXIT

echo "== installing Hardhat (bench/hardhat, pinned by package-lock.json) and publishing tachyon (Release)"
npm ci --prefix bench/hardhat --no-audit --no-fund --loglevel=error >/dev/null
dotnet publish src/Tachyon.Node -c Release -o publish/tachyon --nologo -v q >/dev/null
TACHYON=(dotnet publish/tachyon/tachyon.dll)

wait_rpc() { # URL NAME LOG
  for _ in $(seq 1 120); do
    if curl -s -m 1 -H 'content-type: application/json' \
        --data '{"jsonrpc":"2.0","id":1,"method":"eth_chainId","params":[]}' "$1" | grep -q '"result"'; then return 0; fi
    sleep 0.5
  done
  echo "$2 did not answer on $1 within 60 s; its log:" >&2
  tail -20 "$3" >&2
  exit 1
}

LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)
for node in $NODES; do
  case $node in
    hardhat)
      (cd bench/hardhat && exec setsid ./node_modules/.bin/hardhat node --hostname 127.0.0.1 --port "$HARDHAT_PORT") >"$OUT/hardhat.log" 2>&1 &
      PIDS+=($!); port=$HARDHAT_PORT; block_mode=mine; probe_flags=(--fallback) ;;
    tachyon)
      if [ -n "${TACHYON_RPC:-}" ]; then
        port=${TACHYON_RPC##*:}; port=${port%%/*}; touch "$OUT/tachyon.log"
      else
        setsid "${TACHYON[@]}" --dev --datadir "$DATADIR" --http.addr 127.0.0.1 --http.port "$TACHYON_PORT" \
          --mini-block-ms 10 --block-ms 1000 >"$OUT/tachyon.log" 2>&1 &
        PIDS+=($!); port=$TACHYON_PORT
      fi
      block_mode=stream; probe_flags=() ;;
    *) echo "unknown node '$node' in NODES" >&2; exit 2 ;;
  esac
  url=http://127.0.0.1:$port
  wait_rpc "$url" "$node" "$OUT/$node.log"
  echo "== $node on $url"
  for w in transfer erc20; do
    "${TACHYON[@]}" load --rpc "$url" --ws --workload $w --accounts 64 --max --duration "$SECONDS_PER_RUN" \
      --json "$OUT/$node-$w.json" --plot "$OUT/$node-$w.png" | tail -8
    # The realtime path (Hardhat has no eth_sendRawTransactionSync): the answer to each send is its receipt.
    if [ "$node" = tachyon ]; then
      "${TACHYON[@]}" load --rpc "$url" --ws --workload $w --accounts 64 --max --duration "$SECONDS_PER_RUN" --sync \
        --json "$OUT/$node-$w-sync.json" --plot "$OUT/$node-$w-sync.png" | tail -8
    fi
  done
  "${TACHYON[@]}" compare block --rpc "ws://127.0.0.1:$port" --mode $block_mode --txs 10000 --accounts 100 --repeat "$BLOCK_REPEAT" \
    --json "$OUT/$node-block.json" | grep -E '^(block of|median of|  ERROR)'
  "${TACHYON[@]}" compare block --rpc "ws://127.0.0.1:$port" --mode $block_mode --txs 10000 --accounts 100 --batch "$BLOCK_BATCH" \
    --repeat "$BLOCK_REPEAT" --json "$OUT/$node-block-batch.json" | grep -E '^(block of|median of|  ERROR)'
  for k in sieve arith; do
    "${TACHYON[@]}" compare call --rpc "$url" --kernel $k --json "$OUT/$node-call-$k.json" | tail -1
  done
  "${TACHYON[@]}" probe --rpc "ws://127.0.0.1:$port" --count 2000 --warmup 200 "${probe_flags[@]}" --json "$OUT/$node-probe.json" | tail -4
  # Stop a node we started before measuring the next, so the two never share the cores.
  if [ "$node" = hardhat ] || [ -z "${TACHYON_RPC:-}" ]; then
    kill -- "-${PIDS[-1]}" 2>/dev/null || kill "${PIDS[-1]}" 2>/dev/null || true
  fi
done
LOAD_AFTER=$(cut -d' ' -f1-3 /proc/loadavg)
mkdir -p docs/compare-hardhat && cp "$OUT"/*.png docs/compare-hardhat/   # throughput/latency plots of the sustained runs

HARDHAT_VERSION=$(node -p "require('./bench/hardhat/node_modules/hardhat/package.json').version")
MACHINE="$(date -u +%Y-%m-%d), $(nproc) cores ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)), Hardhat $HARDHAT_VERSION (EDR) on Node.js $(node --version), $([ -n "${TACHYON_RPC:-}" ] && echo "Tachyon: the node already running at $TACHYON_RPC" || echo "Tachyon: published Release build, tachyon --dev --mini-block-ms 10 --block-ms 1000") on .NET $(dotnet --version); load average (1/5/15 min) $LOAD_BEFORE before, $LOAD_AFTER after. Loopback; transactions sent over WebSockets (16 connections; HTTP costs the client and Tachyon more per request), 64 accounts, closed loop (64 requests in flight), $SECONDS_PER_RUN s per sustained run (plots: docs/compare-hardhat/NODE-WORKLOAD.png); latency is send → receipt: seen by block polling every 5 ms (Tachyon seals a block every 1000 ms, Hardhat mines one per transaction), or the eth_sendRawTransactionSync answer."
COMMAND="bash scripts/compare-hardhat.sh $SECONDS_PER_RUN"
[ -n "${TACHYON_RPC:-}" ] && COMMAND="TACHYON_RPC=$TACHYON_RPC $COMMAND"
"${TACHYON[@]}" compare report --dir "$OUT" --doc docs/benchmarks.md --command "$COMMAND" --machine "$MACHINE"
