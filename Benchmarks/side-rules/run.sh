#!/usr/bin/env bash
# Side rules at scale (issue 16): generated instances with --siblings
# --conflicts --pins, seeds FIRST..LAST, each planned with a time limit;
# per seed the status, gap, nodes of the flow's branch-and-bound and wall
# time, and the same instance without side rules planned in the same run as
# the reference (the ratio shows what the rules cost on this machine, now).
# The worst seed is printed last.
#   Benchmarks/side-rules/run.sh [CASES] [FIRST] [LAST] [TIME_LIMIT]   (default 3000 1 20 30)
set -euo pipefail
cd "$(dirname "$0")/../.."
CASES=${1:-3000}; FIRST=${2:-1}; LAST=${3:-20}; LIMIT=${4:-30}
swift build -c release --product careplace >/dev/null
BIN=.build/release/careplace
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
now() { date +%s.%N; }
printf "%-5s %-9s %-10s %-7s %-9s %-9s %s\n" seed status gap nodes "time s" "ref s" ratio
worst=""; worst_time=0; proven=0
for seed in $(seq "$FIRST" "$LAST"); do
  $BIN generate --cases "$CASES" --seed "$seed" --out "$WORK/side" --siblings --conflicts --pins --force >/dev/null
  $BIN generate --cases "$CASES" --seed "$seed" --out "$WORK/plain" --force >/dev/null
  t0=$(now)
  $BIN solve --landscape "$WORK/plain/landscape.yaml" --cases "$WORK/plain/cases.csv" --out "$WORK/plain/out" --quiet --no-explanations
  t1=$(now)
  terminal=$($BIN solve --landscape "$WORK/side/landscape.yaml" --cases "$WORK/side/cases.csv" --out "$WORK/side/out" \
    --time-limit "$LIMIT" --no-explanations)
  t2=$(now)
  ref=$(echo "$t1 - $t0" | bc); took=$(echo "$t2 - $t1" | bc)
  status=$(sed -n 's/.*"status" *: *"\([a-z]*\)".*/\1/p' "$WORK/side/out/summary.json" | head -1)
  gap=$(sed -n 's/.*"gap" *: *\([-0-9.e+]*\).*/\1/p' "$WORK/side/out/summary.json" | head -1)
  [ -n "$status" ] || { echo "side-rules: no status in summary.json for seed $seed" >&2; exit 1; }
  [ "$status" = optimal ] && proven=$((proven + 1))
  nodes=$(echo "$terminal" | sed -n 's/.*(\([0-9]*\) nodes.*/\1/p')
  printf "%-5s %-9s %-10s %-7s %-9.2f %-9.2f %.1f\n" "$seed" "$status" "${gap:-?}" "${nodes:--}" "$took" "$ref" "$(echo "$took / $ref" | bc -l)"
  if (( $(echo "$took > $worst_time" | bc) )); then worst_time=$took; worst=$seed; fi
done
echo "worst: seed $worst, $(printf %.2f "$worst_time") s; proven optimal: $proven of $((LAST - FIRST + 1)) (limit $LIMIT s, $CASES children, $(date -u +%Y-%m-%d))"
