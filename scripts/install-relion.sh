#!/usr/bin/env bash
# Installs CPU RELION 3.1 (Debian/Ubuntu package) and python3-mrcfile; safe to run again.
set -euo pipefail

if command -v relion_refine >/dev/null 2>&1 && /usr/bin/python3 -c "import mrcfile" >/dev/null 2>&1; then
  echo "RELION already installed: $(command -v relion_refine)"
  exit 0
fi

SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi

if ! apt-cache show relion >/dev/null 2>&1; then
  $SUDO apt-get update
fi
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y relion python3-mrcfile
echo "RELION installed: $(command -v relion_refine)"
