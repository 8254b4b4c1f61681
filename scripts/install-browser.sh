#!/usr/bin/env bash
# Installs what the web page tests drive: Debian's Chromium at /usr/bin/chromium. Playwright's own browser
# download cannot work here (no internet), so the tests launch this one through Playwright's ExecutablePath.
# Idempotent: does nothing when a working Chromium is already there.
set -euo pipefail

chromium=/usr/bin/chromium

works() { "$chromium" --headless --no-sandbox --disable-gpu --version >/dev/null 2>&1; }

if [ -x "$chromium" ] && works; then
  exit 0
fi

sudo=""
if [ "$(id -u)" -ne 0 ]; then
  sudo="sudo"
fi

echo "install-browser: installing Debian's chromium"
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq >/dev/null
$sudo apt-get install -y -qq chromium >/dev/null

if ! works; then
  echo "install-browser: $chromium does not run after installing the chromium package" >&2
  exit 1
fi
echo "install-browser: $("$chromium" --version)"
