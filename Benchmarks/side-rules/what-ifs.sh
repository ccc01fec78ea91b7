#!/usr/bin/env bash
# What-ifs under side rules (issues 17 and 18): generated instances with
# --siblings --conflicts --pins, seeds FIRST..LAST; per seed the plan's time
# and the explanations' (`solve --timings`, which writes explanations.csv),
# and the whole `careplace value` run (wall, peak memory), each cut off at
# TIME_LIMIT seconds. The plan in the same run is the reference: the ratios
# say what the what-ifs cost against one plan on this machine, now.
#   Benchmarks/side-rules/what-ifs.sh [CASES] [FIRST] [LAST] [TIME_LIMIT]   (default 3000 1 6 300)
set -euo pipefail
cd "$(dirname "$0")/../.."
CASES=${1:-3000}; FIRST=${2:-1}; LAST=${3:-6}; LIMIT=${4:-300}
swift build -c release --product careplace >/dev/null
BIN=$PWD/.build/release/careplace
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
printf "%-5s %-8s %-10s %-8s %-10s %-8s %s\n" seed "plan s" "explain s" ratio "value s" ratio "value MB"
measured=0
for seed in $(seq "$FIRST" "$LAST"); do
  $BIN generate --cases "$CASES" --seed "$seed" --out "$WORK/in" --siblings --conflicts --pins --force >/dev/null
  timings=$($BIN solve --landscape "$WORK/in/landscape.yaml" --cases "$WORK/in/cases.csv" --out "$WORK/out" \
    --quiet --timings --time-limit "$LIMIT" 2>&1 | grep '^timings' || true)
  plan=$(sed -n 's/.*plan \([0-9.]*\).*/\1/p' <<<"$timings")
  explain=$(sed -n 's/.*explain \([0-9.]*\).*/\1/p' <<<"$timings")
  [ -f "$WORK/out/explanations.csv" ] || explain=">$LIMIT"
  /usr/bin/time -f "%e %M" -o "$WORK/time" timeout "$LIMIT" $BIN value --landscape "$WORK/in/landscape.yaml" \
    --cases "$WORK/in/cases.csv" --out "$WORK/value" >/dev/null 2>&1 || true
  read -r vs vkb < <(tail -1 "$WORK/time")
  [ -f "$WORK/value/capacity-value.csv" ] || vs=">$LIMIT"
  ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (a ~ /^>/) print "-"; else printf "%.1fx", a / b }'; }
  printf "%-5s %-8s %-10s %-8s %-10s %-8s %s\n" "$seed" "$plan" "$explain" "$(ratio "$explain" "$plan")" \
    "$vs" "$(ratio "$vs" "$plan")" "$(awk -v k="${vkb:-0}" 'BEGIN { printf "%.0f", k / 1024 }')"
  [ -n "$plan" ] && measured=$((measured + 1))
  rm -rf "$WORK/out" "$WORK/value"
done
# a run that measured nothing must fail
[ "$measured" -gt 0 ] || { echo "no seed was measured" >&2; exit 1; }
