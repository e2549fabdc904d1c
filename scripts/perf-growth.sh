#!/usr/bin/env bash
# The growth sweep: how load time, working set and stream rate grow with the registry. For each docket size (30%
# fuzzy marks by default), scripts/perf.sh --growth generates the docket (or reuses it from $TMPDIR/classifyrpc-dockets),
# starts the server on it cold, times SERVING, reads VmRSS, measures ClassifyStream batches of 1,000 on two streams
# against a server on the bundled registry (docket, bundled, bundled, docket), reads VmRSS again, stops it, and, where
# the server keeps work fingerprints on disk, times a warm restart. Prints a Markdown table and writes
# perf/results/growth-*.json and .md. 10-20 minutes on 2 cores; 30,000 orders take several GB while loading.
#
#   scripts/perf-growth.sh                         sizes 100,1000,10000,30000
#   GROWTH_SIZES=100,1000 scripts/perf-growth.sh   other sizes
#   scripts/perf-growth.sh --duration 10           further options go to the harness (see scripts/perf.sh --help)
set -euo pipefail
cd "$(dirname "$0")/.."
exec scripts/perf.sh --growth "${GROWTH_SIZES:-100,1000,10000,30000}" "$@"
