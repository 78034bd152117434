#!/usr/bin/env bash
# What the launcher's class-data-sharing archive buys, and that a tiny first run no longer spoils it: removes
# both commands' archives, makes them with a first run of SMALL images (timed: the first run pays for the
# dump), then times RUNS interleaved rounds of `covid predict` on one image and `covid batch --master
# local[2]` on LARGE images, each with the archive and with COVID_CDS=off, the load average before every run.
# Prints a Markdown table for docs/benchmarks.md. Needs both jars built (./covid and ./covid batch build them).
#
#   covid-spark/bench/class-data-sharing.sh [IMAGE_FOLDER] [RUNS] [SMALL] [LARGE] [OUT_DIR]
#   (default: ../shared/data/kaggle-pneumonia/train, 3, 10, 500, a new temporary folder)
# Environment: COVID_BENCH_MAX_LOAD=0.7 waits (up to 10 minutes) before every timed run until the 1-minute
# load average is below it.
set -euo pipefail
# shellcheck source=quiet-machine.sh
. "$(dirname "$0")/quiet-machine.sh"
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
COVID=$ROOT/covid
MAX_LOAD=${COVID_BENCH_MAX_LOAD:-}
DATA=${1:-$ROOT/../shared/data/kaggle-pneumonia/train}
RUNS=${2:-3}
SMALL=${3:-10}
LARGE=${4:-500}
OUT=${5:-$(mktemp -d)}
mkdir -p "$OUT"
# the same mixed list for every run: NORMAL and PNEUMONIA files (gray and RGB JPEGs) in a fixed shuffle
find "$DATA" -type f \( -iname '*.jpeg' -o -iname '*.jpg' -o -iname '*.png' \) | sort \
  | shuf --random-source=<(yes) > "$OUT/all.txt"
{ echo path; head -"$SMALL" "$OUT/all.txt"; } > "$OUT/small.csv"
{ echo path; head -"$LARGE" "$OUT/all.txt"; } > "$OUT/large.csv"
ONE=$(head -1 "$OUT/all.txt")

run() { # name cds command...
  local name=$1 cds=$2; shift 2
  quiet
  local load; load=$(cut -d' ' -f1-3 /proc/loadavg)
  local start end code=0
  start=$(date +%s.%N)
  COVID_CDS=$cds "$@" > "$OUT/out.txt" 2> "$OUT/err.txt" || code=$?
  end=$(date +%s.%N)
  [ "$code" -eq 0 ] || { cat "$OUT/err.txt" >&2; echo "$name (COVID_CDS=$cds) exited $code" >&2; exit 1; }
  printf '%s\t%s\t%s\t%s\n' "$name" "$cds" "$(awk -v s="$start" -v e="$end" 'BEGIN { print e - s }')" "$load" \
    >> "$OUT/results.tsv"
}

# removed on purpose: the first runs below make the archives, as a user's first runs after a build do
rm -f "$ROOT"/covid-examples/target/*.jsa "$ROOT"/covid-spark/target/*.jsa \
  "$ROOT"/covid-examples/target/*.jsa.failed "$ROOT"/covid-spark/target/*.jsa.failed # else no dump is tried
: > "$OUT/results.tsv"
run "first covid predict, $SMALL images (makes the archive)" on \
  "$COVID" predict --list "$OUT/small.csv" --out "$OUT/first-predict.csv"
run "first covid batch, $SMALL images (makes the archive)" on \
  "$COVID" batch --master 'local[2]' --list "$OUT/small.csv" --out "$OUT/first-batch.csv"
for i in $(seq 1 "$RUNS"); do
  for cds in on off; do
    run "covid predict, 1 image" "$cds" "$COVID" predict "$ONE"
    run "covid batch --master local[2], $LARGE images" "$cds" \
      "$COVID" batch --master 'local[2]' --list "$OUT/large.csv" --out "$OUT/batch-$cds-$i.csv"
  done
done

echo "Images: $DATA; runs: $RUNS, interleaved; machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB; $(date -u '+%Y-%m-%d %H:%M UTC')"
echo
echo "| run | COVID_CDS | wall clock (s) | load average before (1, 5, 15 min) |"
echo "| --- | --- | ---: | --- |"
awk -F'\t' '{ printf "| %s | %s | %.2f | %s |\n", $1, $2, $3, $4 }' "$OUT/results.tsv"
echo
echo "| command | median with the archive (s) | median with COVID_CDS=off (s) | saved (s) |"
echo "| --- | ---: | ---: | ---: |"
for name in "covid predict, 1 image" "covid batch --master local[2], $LARGE images"; do
  on=$(awk -F'\t' -v n="$name" '$1 == n && $2 == "on" { print $3 }' "$OUT/results.tsv" | median)
  off=$(awk -F'\t' -v n="$name" '$1 == n && $2 == "off" { print $3 }' "$OUT/results.tsv" | median)
  awk -v n="$name" -v a="$on" -v b="$off" 'BEGIN { printf "| %s | %.2f | %.2f | %.2f |\n", n, a, b, b - a }'
done
echo "Files: $OUT"
