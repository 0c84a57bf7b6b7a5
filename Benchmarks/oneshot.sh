#!/usr/bin/env bash
# One-shot CLI latency: wall time of whole `schoolfinder search …` processes (exec to exit),
# with the index already built. See Benchmarks/README.md, "Real corpus".
#
#   Benchmarks/oneshot.sh [RUNS] [-- SEARCH ARGS…]
#
# Defaults: 50 runs of `.build/release/schoolfinder search --near 60601 --radius 50 "health information"`
# from the package root. Build first: `swift build -c release`. If Index/programs.sfidx is
# missing or stale, the first (untimed) run builds it. Output goes to /dev/null; times are taken
# with bash's $EPOCHREALTIME (no extra process per sample). Prints p50, p95 and max in ms.
set -euo pipefail

cd "$(dirname "$0")/.."
runs=${1:-50}
shift || true
[ "${1:-}" = "--" ] && shift
if [ $# -eq 0 ]; then
  set -- --near 60601 --radius 50 "health information"
fi
bin=.build/release/schoolfinder
[ -x "$bin" ] || { echo "error: $bin is missing; run \`swift build -c release\` first" >&2; exit 2; }

# Untimed: builds the index if needed and warms the page cache; must succeed.
"$bin" search "$@" >/dev/null

samples=()
for ((i = 0; i < runs; i++)); do
  t0=$EPOCHREALTIME
  "$bin" search "$@" >/dev/null
  t1=$EPOCHREALTIME
  samples+=("$t0 $t1")
done

printf '%s\n' "${samples[@]}" | awk '{ printf "%.3f\n", ($2 - $1) * 1000 }' | sort -n |
  awk -v cmd="$bin search $*" '
  { ms[NR] = $1 }
  END {
    n = NR
    p50 = ms[int((n * 50 + 99) / 100)]; p95 = ms[int((n * 95 + 99) / 100)]
    printf "one-shot: %s\n", cmd
    printf "runs %d   p50 %.1f ms   p95 %.1f ms   max %.1f ms   min %.1f ms   (target <= 20 ms)\n", n, p50, p95, ms[n], ms[1]
  }'
