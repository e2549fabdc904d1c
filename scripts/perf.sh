#!/usr/bin/env bash
# The perf command: builds the server and the harness in Release, then runs the harness, which starts the server on a
# free loopback port, waits for health SERVING, runs every scenario against it and against the in-process echo
# baseline, stops the server, prints the table and writes perf/results/perf-*.json (and latest.json).
#
#   scripts/perf.sh                 default scenario set, both targets (about 2 minutes on 2 cores, after the build)
#   scripts/perf.sh --quick         ~25-second smoke run; exits 0 only if every scenario answered correctly
#   scripts/perf.sh --memory        also the 60-second flat-memory run (server VmRSS at start and end)
#   scripts/perf.sh --markdown      also a README-ready Markdown snippet next to the JSON
#   scripts/perf.sh --target echo   the echo alone (no server needed)
#   scripts/perf.sh --address http://127.0.0.1:5000 [--server-pid PID]   a server that is already running
#   scripts/perf.sh --docket 10000  the server on a generated registry of 10,000 orders (cached in /tmp)
#   scripts/perf.sh --docket 10000 --compare-bundled   ... and a second server on the bundled registry, same requests,
#                                   taking turns with it in every scenario: docket/bundled ratios (about 5 minutes)
#   scripts/perf.sh --docket 10000 --reload-test       ... then one order added and ReloadRegistry under two streams
#   scripts/perf.sh --growth 100,1000,10000,30000      growth sweep: per docket size, seconds to SERVING (cold, and
#                                   warm where the server caches work fingerprints), RSS, stream b=1000 x2 rate against
#                                   the bundled registry; a Markdown table (scripts/perf-growth.sh runs this)
#   scripts/perf.sh --help          every option
set -euo pipefail
cd "$(dirname "$0")/.."

needs_server=1
for arg in "$@"; do
  case "$arg" in
    --address|--help|-h) needs_server=0 ;;
  esac
done
prev=""
for arg in "$@"; do
  if [ "$prev" = "--target" ] && [ "$arg" = "echo" ]; then needs_server=0; fi
  prev="$arg"
done

build() {
  # Quiet unless it fails: the harness output is what matters.
  local log
  log=$(mktemp)
  if ! dotnet build "$1" -c Release -nologo -v:q >"$log" 2>&1; then
    cat "$log" >&2
    rm -f "$log"
    echo "perf.sh: building $1 failed" >&2
    exit 1
  fi
  rm -f "$log"
}

echo "perf.sh: building in Release..." >&2
if [ "$needs_server" -eq 1 ]; then
  build src/ClassifyRpc.Server/ClassifyRpc.Server.csproj
fi
build perf/ClassifyRpc.PerfHarness/ClassifyRpc.PerfHarness.csproj

harness=perf/ClassifyRpc.PerfHarness/bin/Release/net10.0/linux-x64/ClassifyRpc.PerfHarness.dll
latest=perf/results/latest.json
rm -f "$latest"
status=0
dotnet "$harness" "$@" || status=$?

# The self-check behind `--quick` (and every run): a zero exit must come with the JSON it promises, holding at
# least one scenario with figures and no recorded problem. The harness already exits non-zero on wrong answers.
if [ "$status" -eq 0 ] && [ -z "${PERF_SKIP_JSON_CHECK:-}" ]; then
  # The growth sweep writes growth-*.json, not latest.json, and its exit code already says whether every size ran.
  case " $* " in *" --help "*|*" -h "*|*" --growth "*) exit 0 ;; esac
  if ! /usr/bin/env python3 - "$latest" <<'PY'
import json, sys
path = sys.argv[1]
try:
    report = json.load(open(path))
except (OSError, ValueError) as e:
    sys.exit(f"perf.sh: no readable {path}: {e}")
scenarios = report.get("scenarios") or []
if not scenarios:
    sys.exit(f"perf.sh: {path} holds no scenario")
for s in scenarios:
    for target in ("service", "bundled", "echo"):
        m = s.get(target)
        if m is not None and (m["operations"] <= 0 or m["errors"] != 0):
            sys.exit(f"perf.sh: {s['name']} on {target}: {m['operations']} operations, {m['errors']} errors")
if report.get("problems"):
    sys.exit(f"perf.sh: problems recorded: {report['problems']}")
print(f"perf.sh: self-check passed ({len(scenarios)} scenarios in {path})", file=sys.stderr)
PY
  then
    exit 1
  fi
fi
exit "$status"
