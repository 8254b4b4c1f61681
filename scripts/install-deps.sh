#!/usr/bin/env bash
# Installs what the local host and the tests need that the .NET SDK does not bring: Azurite (npm, under .tools/node).
# Idempotent: a second run does nothing that is already done.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
azurite_version="3.37.0"

if ! command -v dotnet >/dev/null 2>&1; then
  echo "install-deps: the .NET 10 SDK is required (dotnet not found)" >&2
  exit 1
fi

if [ ! -x "$root/.tools/node/node_modules/.bin/azurite" ]; then
  echo "install-deps: installing azurite $azurite_version"
  mkdir -p "$root/.tools/node"
  npm install --silent --no-audit --no-fund --prefix "$root/.tools/node" "azurite@$azurite_version" >/dev/null
fi
