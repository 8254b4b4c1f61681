#!/usr/bin/env bash
# Validates infra/ offline: installs the Bicep CLI (from NuGet, the one package source we can reach),
# builds and lints infra/main.bicep with every diagnostic treated as a failure, then checks that the
# Bicep sets every app setting and storage name the C# code reads (tests/Scipion.Infra.Tests).
#
#   scripts/validate-infra.sh                 install + build + lint + consistency tests
#   scripts/validate-infra.sh --install-only  just make sure .tools/bicep/bicep exists
#   scripts/validate-infra.sh --no-tests      install + build + lint (what the tests themselves call)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
bicep_version="0.49.2"
bicep_dir="$root/.tools/bicep"
bicep="$bicep_dir/bicep"
# Overridable so that a test can prove a template with a warning fails, without touching infra/.
main_bicep="${INFRA_MAIN:-$root/infra/main.bicep}"
out_dir="${INFRA_BUILD_DIR:-$root/.tools/infra-build}"

mode="${1:-all}"

install_bicep() {
  if [ -x "$bicep" ] && [ "$(cat "$bicep_dir/VERSION" 2>/dev/null)" = "$bicep_version" ]; then
    return
  fi
  command -v dotnet >/dev/null 2>&1 || { echo "validate-infra: the .NET SDK is required" >&2; exit 1; }
  echo "validate-infra: installing bicep $bicep_version from NuGet"
  # A throwaway project outside the repository, so the repo's Directory.*.props (central package
  # management, warnings as errors) do not apply to a download-only restore.
  local tmp
  tmp="$(mktemp -d)"
  trap 'rm -rf "$tmp"' RETURN
  cat >"$tmp/download.csproj" <<CSPROJ
<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup>
    <TargetFramework>net10.0</TargetFramework>
    <ManagePackageVersionsCentrally>false</ManagePackageVersionsCentrally>
  </PropertyGroup>
  <ItemGroup>
    <PackageDownload Include="Azure.Bicep.CommandLine.linux-x64" Version="[$bicep_version]" />
  </ItemGroup>
</Project>
CSPROJ
  dotnet restore "$tmp/download.csproj" --packages "$tmp/packages" --verbosity quiet >/dev/null
  local found
  found="$(find "$tmp/packages" -type f -name bicep | head -n 1)"
  [ -n "$found" ] || { echo "validate-infra: no bicep binary in the NuGet package" >&2; exit 1; }
  mkdir -p "$bicep_dir"
  cp "$found" "$bicep"
  chmod +x "$bicep"
  echo "$bicep_version" >"$bicep_dir/VERSION"
}

build_and_lint() {
  mkdir -p "$out_dir"
  # bicepconfig.json raises every analyzer rule to error; grep catches the warnings (BCP0xx type
  # diagnostics such as BCP081 "no types for this API version") that are not analyzer rules.
  local log="$out_dir/diagnostics.log"
  : >"$log"
  local status=0
  "$bicep" build "$main_bicep" --outfile "$out_dir/main.json" 2>>"$log" || status=1
  "$bicep" lint "$main_bicep" 2>>"$log" || status=1
  cat "$log" >&2
  if [ "$status" -ne 0 ] || grep -qiE '(warning|error)' "$log"; then
    echo "validate-infra: bicep reported diagnostics (warnings count as failures)" >&2
    exit 1
  fi
  echo "validate-infra: bicep build + lint clean; ARM template at $out_dir/main.json"
}

install_bicep
[ "$mode" = "--install-only" ] && exit 0
build_and_lint
[ "$mode" = "--no-tests" ] && exit 0
dotnet test "$root/tests/Scipion.Infra.Tests" --nologo
