# Sourced by the benchmark scripts beside it.
# quiet: waits (up to 10 minutes) until the 1-minute load average is below MAX_LOAD, if MAX_LOAD is set.
# median: the median of the numbers on standard input, one a line.
quiet() {
  [ -n "$MAX_LOAD" ] || return 0
  local waited=0
  while [ "$(awk -v max="$MAX_LOAD" '{ print ($1 < max) }' /proc/loadavg)" != 1 ] && [ "$waited" -lt 600 ]; do
    sleep 5; waited=$((waited + 5))
  done
}
median() {
  sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}
