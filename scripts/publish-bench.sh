#!/usr/bin/env bash
# Publishes a self-contained `tachyon` for `bench execute` on another linux-x64 machine (the 16-core
# scaling runs) into publish/bench (git-ignored), small enough to carry (< 64 MiB): one compressed
# file; the native libraries that `bench execute` never loads (RocksDB, the plot renderer) are left out.
# Usage: bash scripts/publish-bench.sh   then, on the machine: bash scripts/scaling.sh publish/bench/tachyon
set -euo pipefail
cd "$(dirname "$0")/.."
OUT=publish/bench
rm -rf "$OUT"
dotnet publish src/Tachyon.Node -c Release -r linux-x64 --self-contained \
  -p:PublishSingleFile=true -p:EnableCompressionInSingleFile=true -p:DebugType=none -o "$OUT" >/dev/null
rm -f "$OUT"/librocksdb*.so "$OUT"/libSkiaSharp.so "$OUT"/libHarfBuzzSharp.so
du -sh "$OUT"
