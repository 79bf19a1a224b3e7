#!/usr/bin/env bash
# Runs the runtime benchmark scenarios on the embedded store, on the DTFx engine with both durability settings, printing one JSON line each.
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet build -c Release bench/DocPipeline.Bench --nologo -v quiet >/dev/null
for durability in normal full; do
  for scenario in sequential fanout hello-sequence; do
    dotnet bench/DocPipeline.Bench/bin/Release/net10.0/DocPipeline.Bench.dll "$scenario" --store sqlite --durability "$durability" --json
  done
done
