#!/usr/bin/env bash
# The GPU build must run everywhere: builds with -Pcuda (CPU and CUDA natives of both engines side by side,
# about 3 GB from Maven Central the first time), then on this machine runs `covid info` and
# `covid predict --device gpu` with each engine (DJL: the bundled model; DL4J: a one-epoch model trained
# here with `covid train --device gpu`) and checks that each falls back to the CPU with exactly one line
# saying why, or uses a GPU that really works. Leaves the CPU build in place afterwards (rebuilds it), so
# that ./covid and the tests are as they were.
#   usage: .ci/cuda-build-check.sh [DATA_DIR]    (default ../shared/data; COVID_MVN overrides ./mvnw)
set -euo pipefail
cd "$(dirname "$0")/.."
DATA="${1:-../shared/data}"
MVN="${COVID_MVN:-./mvnw}"
if [ ! -d "$DATA/seed-50/covid" ]; then
  echo "cuda-build-check skipped: no X-ray data at $DATA/seed-50 (pass the shared data folder as the argument)"
  exit 0
fi
IMAGE="$DATA/seed-50/covid/$(ls "$DATA/seed-50/covid" | head -1)"
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
export COVID_JAVA_OPTS="-Xmx3g -XX:G1PeriodicGCInterval=1000 -Dorg.bytedeco.javacpp.maxbytes=3g \
 -Dorg.bytedeco.javacpp.maxphysicalbytes=5g -Djava.io.tmpdir=$WORK/tmp"
mkdir -p "$WORK/tmp"
fail() { echo "cuda-build-check FAILED: $*"; exit 1; }

echo "== building with -Pcuda"
$MVN -B -q -Dmaven.jar.forceCreation=true -Pcuda -DskipTests package -pl covid-examples -am
for jar in pytorch-native-cpu pytorch-native-cu124 nd4j-native-1 nd4j-cuda-11.6-1; do
  unzip -p covid-examples/target/covid-examples.jar META-INF/MANIFEST.MF | tr -d '\r\n ' | grep -q "lib/$jar" \
    || fail "the -Pcuda build's class path lacks $jar"
done

echo "== covid info"
./covid info > "$WORK/info.out" 2> "$WORK/info.err" || { cat "$WORK/info.err"; fail "covid info exited $?"; }
sed -n '/^Backends:/,/^Default backend/p' "$WORK/info.out"
for engine in djl dl4j; do
  grep -Eq "^  $engine +usable" "$WORK/info.out" || fail "$engine is not usable in the -Pcuda build"
done
[ -s "$WORK/info.err" ] && { cat "$WORK/info.err"; fail "covid info logged lines (expected none)"; }

# one engine's prediction with --device gpu: a prediction on stdout, and on stderr either nothing (a GPU
# that works) or exactly one line saying why the CPU is used
check_predict() {
  local engine=$1; shift
  ./covid predict --device gpu "$@" "$IMAGE" > "$WORK/$engine.out" 2> "$WORK/$engine.err" \
    || { cat "$WORK/$engine.err"; fail "$engine: covid predict --device gpu exited $?"; }
  echo "-- $engine: stdout"; cat "$WORK/$engine.out"
  echo "-- $engine: stderr"; cat "$WORK/$engine.err"
  [ "$(wc -l < "$WORK/$engine.out")" -eq 1 ] || fail "$engine: expected one prediction line"
  local lines; lines=$(grep -vc "not a diagnostic device\|^$" "$WORK/$engine.err" || true)
  if [ "$lines" -ne 0 ]; then
    [ "$lines" -eq 1 ] || fail "$engine: expected one line about the device on stderr, got $lines"
    grep -q "^$engine runs on the CPU, " "$WORK/$engine.err" || fail "$engine: the line does not say it runs on the CPU"
  fi
}

echo "== covid predict --device gpu, DJL (the bundled model)"
check_predict djl

echo "== covid train --backend dl4j --device gpu (one epoch on seed-50, 64 px), then predict with it"
./covid train --backend dl4j --device gpu --folder "$DATA/seed-50" --epochs 1 --size 64 --batch 16 \
  --no-dedup --progress lines --out "$WORK/dl4j.zip" > "$WORK/train.out" 2> "$WORK/train.err" \
  || { cat "$WORK/train.err"; fail "covid train --backend dl4j exited $?"; }
grep "runs on the CPU" "$WORK/train.err" || echo "(no fallback line: DL4J found a GPU)"
check_predict dl4j --model "$WORK/dl4j.zip"

echo "== restoring the CPU build"
$MVN -B -q -Dmaven.jar.forceCreation=true -DskipTests package -pl covid-examples -am
rm -f covid-examples/target/lib/pytorch-native-cu124-*.jar covid-examples/target/lib/nd4j-cuda-11.6-*.jar \
  covid-examples/target/lib/cuda-11.6-*.jar   # 3 GB the CPU build's class path no longer names
echo "cuda-build-check passed"
