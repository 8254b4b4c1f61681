#!/usr/bin/env bash
# Runs every test of the solution against real parts (Azurite, and what later suites need), installing them first.
# Prints, as its last line, "N passed, N failed" (", N skipped" when any were skipped).
set -uo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

bash scripts/install-deps.sh || { echo "0 passed, 1 failed"; exit 1; }
bash scripts/install-browser.sh || { echo "0 passed, 1 failed"; exit 1; }
bash scripts/install-relion.sh || { echo "0 passed, 1 failed"; exit 1; }
bash scripts/install-slurm.sh || { echo "0 passed, 1 failed"; exit 1; }

results="$root/TestResults"
rm -rf "$results"
mkdir -p "$results"

if ! dotnet build Scipion.Functions.sln -c Release -nologo -v q; then
  echo "build failed"
  echo "0 passed, 1 failed"
  exit 1
fi

dotnet test Scipion.Functions.sln -c Release --no-build --nologo \
  --logger "trx" --logger "console;verbosity=normal" --results-directory "$results"
status=$?

passed=0; failed=0; skipped=0; files=0
for trx in "$results"/*.trx; do
  [ -e "$trx" ] || continue
  files=$((files + 1))
  counters=$(grep -o '<Counters [^>]*>' "$trx" | head -n 1)
  value() { echo "$counters" | sed -n "s/.* $1=\"\([0-9]*\)\".*/\1/p"; }
  total=$(value total); executed=$(value executed)
  passed=$((passed + $(value passed)))
  failed=$((failed + $(value failed) + $(value error) + $(value timeout) + $(value aborted)))
  skipped=$((skipped + total - executed))
  # A test host that crashed leaves a trx whose counters hold only the tests it finished, none failed.
  outcome=$(grep -o '<ResultSummary outcome="[^"]*"' "$trx" | head -n 1 | sed 's/.*outcome="\([^"]*\)"/\1/')
  if [ "$outcome" != "Completed" ] && [ "$(value failed)" = "0" ]; then
    echo "test.sh: $(grep -o 'storage="[^"]*"' "$trx" | head -n 1 | sed 's/storage="\(.*\)"/\1/' | xargs -r basename) ended $outcome after $executed tests (its test host crashed?)"
    failed=$((failed + 1))
  fi
done

projects=$(find tests -name '*.Tests.csproj' | wc -l)
if [ "$files" -lt "$projects" ]; then
  echo "test.sh: only $files of $projects test projects reported results (a test host crashed?)"
  failed=$((failed + projects - files))
fi
if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then
  echo "test.sh: dotnet test exited $status without a failed test; counting the run as failed"
  failed=1
fi

summary="$passed passed, $failed failed"
[ "$skipped" -gt 0 ] && summary="$summary, $skipped skipped"
echo "$summary"
[ "$failed" -eq 0 ] && [ "$skipped" -eq 0 ]
