#!/usr/bin/env bash
# Upload latency: starts `docpipeline serve` on the embedded store in a fresh app root for each row and fires uploads
# at it from a second process (bench/DocPipeline.UploadBench), printing one JSON line per row.
#   bench/run-upload-benchmarks.sh            # every row in docs/benchmarks.md
#   bench/run-upload-benchmarks.sh 100 2000   # one open-loop row: rate, requests (both host kinds)
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
dotnet build -c Release "$repo/src/DocPipeline.Host" --nologo -v quiet >/dev/null
dotnet build -c Release "$repo/bench/DocPipeline.UploadBench" --nologo -v quiet >/dev/null
serve="$repo/src/DocPipeline.Host/bin/Release/net10.0/docpipeline.dll"
bench="$repo/bench/DocPipeline.UploadBench/bin/Release/net10.0/DocPipeline.UploadBench.dll"
port=7181

# row <label> <bench arguments> -- <serve arguments>
row() {
  local label=$1; shift
  local bench_args=() serve_args=()
  while [ $# -gt 0 ] && [ "$1" != "--" ]; do bench_args+=("$1"); shift; done
  [ $# -gt 0 ] && shift
  serve_args=("$@")
  local root; root=$(mktemp -d)
  (cd "$root" && exec dotnet "$serve" serve --urls "http://127.0.0.1:$port" "${serve_args[@]}" >"$root/serve.log" 2>&1) &
  local pid=$!
  for _ in $(seq 150); do curl -sf -o /dev/null "http://127.0.0.1:$port/alive" && break; sleep 0.2; done
  printf '{"host":"%s",' "$label"
  dotnet "$bench" --url "http://127.0.0.1:$port" "${bench_args[@]}" | sed 's/^{//'
  kill "$pid"; wait "$pid" 2>/dev/null || true
  rm -rf "$root"
}

if [ $# -eq 2 ]; then
  row pipeline --rate "$1" --requests "$2" --
  row front-end --rate "$1" --requests "$2" -- --DocPipeline:RunWorker=false
  exit 0
fi

for rate in 50 100 200; do
  row pipeline --rate "$rate" --requests $((rate * 20)) --
done
for rate in 100 200 400; do
  row front-end --rate "$rate" --requests $((rate * 20)) -- --DocPipeline:RunWorker=false
done
row pipeline --requests 4000 --
row front-end --requests 4000 -- --DocPipeline:RunWorker=false
