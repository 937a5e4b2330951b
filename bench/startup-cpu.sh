#!/bin/bash
# Start-up to the first request, measured inside the process (issue 14 §2 "Start-up"): CPU time and
# wall time since process start at the first outgoing connect of `resolve` (no server needed; the
# preload bench/startup-first-connect.mjs exits there). Bundles alternate run by run.
#   bash bench/startup-cpu.sh REPS "EXTRA RESOLVE ARGS" BUNDLE_DIR...   (e.g. 20 "--implementation cp" /tmp/a /tmp/b)
set -eu
n=$1; ex=$2; shift 2
pre=$(cd "$(dirname "$0")" && pwd)/startup-first-connect.mjs
w=$(mktemp -d); trap 'rm -rf "$w"' EXIT
cd "$w"; echo requests > requirements.txt
for _ in $(seq 1 "$n"); do for b in "$@"; do
  # shellcheck disable=SC2086
  FC_OUT=$w/out HOME=$w PIP_CONFIG_FILE=/dev/null node --import "$pre" "$b/index.js" resolve -r requirements.txt \
    -i http://127.0.0.1:9/simple/ --python-version 3.11 --platform manylinux_2_17_x86_64 $ex >/dev/null 2>&1 || true
  echo "$b $(cat "$w/out")" >> "$w/all"
done; done
python3 - "$w/all" "$@" <<'PY'
import statistics, sys
rows = [l.split() for l in open(sys.argv[1])]
for b in sys.argv[2:]:
    c = sorted(float(r[1]) for r in rows if r[0] == b)
    t = sorted(float(r[2]) for r in rows if r[0] == b)
    print(f"{b}: CPU to first connect median {statistics.median(c):.1f} ms (min {c[0]:.1f}); "
          f"wall since process start median {statistics.median(t):.1f} ms (min {t[0]:.1f}); n={len(c)}")
PY
