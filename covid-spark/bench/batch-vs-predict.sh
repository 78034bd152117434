#!/usr/bin/env bash
# Throughput and peak memory of `covid batch --master local[N]` against single-process `covid predict --list`
# on the same labelled list, interleaved RUNS times, with the load average before every run; checks that
# every batch run's rows equal covid predict's (probabilities within 1e-6). Prints a Markdown table for
# docs/benchmarks.md. Needs both jars built (./covid and ./covid batch build them on first use).
#
#   covid-spark/bench/batch-vs-predict.sh [IMAGE_FOLDER] [RUNS] [MASTER] [OUT_DIR]
#   (default: ../shared/data/kaggle-pneumonia/train, 3, local[2], a new temporary folder)
# Environment: COVID_BENCH_MAX_LOAD=0.7 waits (up to 10 minutes) before every timed run until the 1-minute
# load average is below it, so that one run's own load does not slow the next; COVID_BENCH_LAUNCHER is the
# launcher to time (default the repository's ./covid; a copy beside it measures a launcher change).
set -euo pipefail
# shellcheck source=quiet-machine.sh
. "$(dirname "$0")/quiet-machine.sh"
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
COVID=${COVID_BENCH_LAUNCHER:-$ROOT/covid}
MAX_LOAD=${COVID_BENCH_MAX_LOAD:-}
DATA=${1:-$ROOT/../shared/data/kaggle-pneumonia/train}
RUNS=${2:-3}
MASTER=${3:-local[2]}
OUT=${4:-$(mktemp -d)}
mkdir -p "$OUT"
LIST="$OUT/list.csv"
# one row per image, without labels: both commands then do the same work (predict and write the CSV; with
# labels covid batch would also compute metrics, which covid predict leaves to covid metrics --csv)
{ echo "path"; find "$DATA" -type f \( -iname '*.jpeg' -o -iname '*.jpg' -o -iname '*.png' \) | sort; } > "$LIST"
IMAGES=$(($(wc -l < "$LIST") - 1))

field() { # value of a /usr/bin/time -v field
  grep -F "$1" "$2" | sed 's/.*: //'
}
seconds() { # h:mm:ss or m:ss.ss -> seconds
  echo "$1" | awk -F: '{ s = 0; for (i = 1; i <= NF; i++) s = s * 60 + $i; print s }'
}
run() { # name i command...
  local name=$1 i=$2; shift 2
  quiet
  local load; load=$(cut -d' ' -f1-3 /proc/loadavg)
  local code=0
  /usr/bin/time -v -o "$OUT/time-$name-$i.txt" "$@" > "$OUT/out-$name-$i.txt" 2> "$OUT/err-$name-$i.txt" || code=$?
  local wall; wall=$(seconds "$(field 'Elapsed (wall clock)' "$OUT/time-$name-$i.txt")")
  local rss; rss=$(field 'Maximum resident set size' "$OUT/time-$name-$i.txt")
  printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$name" "$i" "$wall" "$rss" "$load" "$code" >> "$OUT/results.tsv"
}

# warm-up, untimed: builds what is missing and lets the launcher make each jar's class-data-sharing archive
# if it has none; 10 images are enough since the launcher dumps a static archive from the run's class list
# (a dynamic archive made by a 10-image covid batch run left later runs 4x slower: docs/benchmarks.md)
head -11 "$LIST" > "$OUT/warm-up.csv"
"$COVID" predict --list "$OUT/warm-up.csv" --out "$OUT/warm-up-predict.csv" > /dev/null 2>&1
"$COVID" batch --master "$MASTER" --list "$OUT/warm-up.csv" --out "$OUT/warm-up-batch.csv" > /dev/null 2>&1

: > "$OUT/results.tsv"
for i in $(seq 1 "$RUNS"); do
  run predict "$i" "$COVID" predict --list "$LIST" --out "$OUT/predict-$i.csv"
  run batch "$i" "$COVID" batch --master "$MASTER" --list "$LIST" --out "$OUT/batch-$i.csv"
done
# after the timed runs: each batch run's rows against the covid predict run before it
for i in $(seq 1 "$RUNS"); do
  "$COVID" compare "$OUT/predict-$i.csv" "$OUT/batch-$i.csv" > "$OUT/compare-$i.txt" 2>&1 || true
done

echo "Images: $IMAGES ($DATA); runs: $RUNS, interleaved; machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB; $(date -u '+%Y-%m-%d %H:%M UTC')"
echo
echo "| run | command | wall clock (s) | images/s | peak RSS (MiB) | load average before (1, 5, 15 min) | exit |"
echo "| --- | --- | ---: | ---: | ---: | --- | ---: |"
awk -F'\t' -v n="$IMAGES" -v master="$MASTER" '{
  cmd = $1 == "predict" ? "covid predict --list" : "covid batch --master " master
  printf "| %s | %s | %.1f | %.1f | %.0f | %s | %s |\n", $2, cmd, $3, n / $3, $4 / 1024, $5, $6 }' "$OUT/results.tsv"
for name in predict batch; do
  awk -F'\t' -v name="$name" '$1 == name { print $3 }' "$OUT/results.tsv" | sort -n > "$OUT/wall-$name.txt"
  awk -F'\t' -v name="$name" '$1 == name { print $4 }' "$OUT/results.tsv" | sort -n > "$OUT/rss-$name.txt"
done
P=$(median < "$OUT/wall-predict.txt"); B=$(median < "$OUT/wall-batch.txt")
echo
awk -v n="$IMAGES" -v p="$P" -v b="$B" -v rp="$(median < "$OUT/rss-predict.txt")" -v rb="$(median < "$OUT/rss-batch.txt")" 'BEGIN {
  printf "Medians: covid predict %.1f images/s (%.0f MiB peak), covid batch %.1f images/s (%.0f MiB peak): batch/predict = %.2fx\n",
    n / p, rp / 1024, n / b, rb / 1024, p / b }'
echo
echo "Identical to covid predict (each batch run against the predict run before it, after the timing):"
cat "$OUT"/compare-*.txt
echo "Files: $OUT"
