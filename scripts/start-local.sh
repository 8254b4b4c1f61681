#!/usr/bin/env bash
# Starts everything locally: Azurite (blob, queue, table on 10000-10002) and the local host on
# http://127.0.0.1:7071, then runs the demo against it. Ctrl+C stops both. Pass --no-demo to skip the demo.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

bash scripts/install-deps.sh
bash scripts/install-relion.sh
dotnet build src/Scipion.LocalHost -c Release -nologo -v q

pids=()
cleanup() { for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done; }
trap cleanup EXIT INT TERM

if (exec 3<>/dev/tcp/127.0.0.1/10000) 2>/dev/null; then
  echo "start-local: something already listens on 10000; using it as Azurite"
else
  mkdir -p .local/azurite
  .tools/node/node_modules/.bin/azurite --silent --skipApiVersionCheck --disableTelemetry --loose \
    --location .local/azurite >.local/azurite.log 2>&1 &
  pids+=($!)
fi

ASPNETCORE_ENVIRONMENT="${ASPNETCORE_ENVIRONMENT:-Development}" \
  dotnet src/Scipion.LocalHost/bin/Release/net10.0/Scipion.LocalHost.dll &
pids+=($!)

for _ in $(seq 1 120); do
  if curl -s -o /dev/null http://127.0.0.1:7071/api/projects; then break; fi
  sleep 0.5
done
echo "start-local: the local host serves http://127.0.0.1:7071 (Development; tokens from POST /api/dev/token)"

if [ "${1:-}" != "--no-demo" ]; then
  bash scripts/demo.sh http://127.0.0.1:7071
fi

echo "start-local: running; Ctrl+C stops Azurite and the local host"
wait "${pids[@]}"
