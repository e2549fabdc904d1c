#!/usr/bin/env bash
# The test command: installs test dependencies, runs every test project of ClassifyRpc.sln in Release,
# and prints "tests: N passed, N failed, N skipped" counted from the TRX results.
set -uo pipefail
cd "$(dirname "$0")/.."
bash scripts/deps.sh || { echo "scripts/deps.sh failed" >&2; exit 1; }

results=TestResults
rm -rf "$results"
dotnet test ClassifyRpc.sln -c Release --logger "trx" --results-directory "$results" "$@"
status=$?

/usr/bin/python3 - "$results" "$status" <<'PY'
import glob, sys, xml.etree.ElementTree as ET
results, status = sys.argv[1], int(sys.argv[2])
ns = {"t": "http://microsoft.com/schemas/VisualStudio/TeamTest/2010"}
passed = failed = skipped = 0
files = glob.glob(f"{results}/**/*.trx", recursive=True)
for f in files:
    counters = ET.parse(f).getroot().find("t:ResultSummary/t:Counters", ns)
    if counters is None:
        continue
    passed += int(counters.get("passed", 0))
    failed += int(counters.get("failed", 0)) + int(counters.get("error", 0)) + int(counters.get("timeout", 0)) + int(counters.get("aborted", 0))
    skipped += int(counters.get("notExecuted", 0)) + int(counters.get("inconclusive", 0))
if status != 0 and failed == 0:
    # The build or a test host failed before reporting; the exit status carries the failure.
    print(f"dotnet test exited {status} with no failed test reported (build or test host error)")
print(f"tests: {passed} passed, {failed} failed, {skipped} skipped")
PY
if [ "$status" -ne 0 ]; then exit "$status"; fi
exit 0
