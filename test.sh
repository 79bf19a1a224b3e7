#!/usr/bin/env bash
# Installs what the tests need on a fresh machine (the pinned Azurite and Bicep grammar, Debian Chromium), then runs
# every test.
set -euo pipefail
cd "$(dirname "$0")"

if [ ! -x node_modules/.bin/azurite ] || [ ! -d node_modules/tree-sitter ] || [ ! -d node_modules/tree-sitter-bicep ]; then
  echo "== installing the pinned Azurite and tree-sitter-bicep (package-lock.json)"
  npm ci --no-audit --no-fund --loglevel=error
fi

if ! command -v chromium >/dev/null 2>&1; then
  echo "== installing Debian chromium for browser tests"
  if [ "$(id -u)" -eq 0 ]; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  else
    sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  fi
fi

echo "== building"
dotnet build DocPipeline.sln -c Release --nologo -v quiet

echo "== publishing the Azure Functions app (packaging errors fail here)"
publish_dir=$(mktemp -d)
dotnet publish src/DocPipeline.Functions/DocPipeline.Functions.csproj -c Release --no-build --nologo -v quiet -o "$publish_dir"
for f in functions.metadata extensions.json host.json DocPipeline.Functions.dll; do
  [ -f "$publish_dir/$f" ] || { echo "publish output lacks $f"; exit 1; }
done
rm -rf "$publish_dir"

echo "== testing"
log=$(mktemp)
set +e
dotnet test DocPipeline.sln -c Release --no-build --nologo "$@" 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
set -e
passed=$(grep -oE 'Passed: +[0-9]+' "$log" | awk '{s+=$2} END {print s+0}')
failed=$(grep -oE 'Failed: +[0-9]+' "$log" | awk '{s+=$2} END {print s+0}')
rm -f "$log"
echo "${passed} passed, ${failed} failed"
exit "$status"
