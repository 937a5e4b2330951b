#!/bin/bash
# Start-up to the first request, measured inside the process (issue 14 §2 "Start-up"): CPU time and
# wall time since process start at the first outgoing connect of `resolve` (no server needed; the
# preload bench/startup-first-connect.mjs exits there). Bundles alternate run by run. The runs get
# a clean environment (PATH, HOME, PIP_CONFIG_FILE), as bench/startup-bench.ts: a NODE_EXTRA_CA_CERTS
# in the caller's environment alone costs Node more than its whole start (parsing every PEM).
# Instructions instead of time: VALGRIND=1 runs each under callgrind and reports its Ir count.
#   bash bench/startup-cpu.sh REPS "EXTRA RESOLVE ARGS" BUNDLE_DIR...   (e.g. 20 "--implementation cp" /tmp/a /tmp/b)
#   VALGRIND=1 bash bench/startup-cpu.sh 2 "--implementation cp" /tmp/a /tmp/b
set -eu
n=$1; ex=$2; shift 2
pre=$(cd "$(dirname "$0")" && pwd)/startup-first-connect.mjs
w=$(mktemp -d); trap 'rm -rf "$w"' EXIT
cd "$w"; echo requests > requirements.txt
for _ in $(seq 1 "$n"); do for b in "$@"; do
  vg=(); [ "${VALGRIND:-}" = 1 ] && vg=(valgrind --tool=callgrind "--callgrind-out-file=$w/cg.out")
  # shellcheck disable=SC2086
  env -i PATH="$PATH" FC_OUT="$w/out" HOME="$w" PIP_CONFIG_FILE=/dev/null "${vg[@]}" node --import "$pre" "$b/index.js" \
    resolve -r requirements.txt -i http://127.0.0.1:9/simple/ --python-version 3.11 --platform manylinux_2_17_x86_64 \
    $ex >/dev/null 2>&1 || true
  ir=0; [ "${VALGRIND:-}" = 1 ] && ir=$(sed -n 's/^summary: //p; s/^totals: //p' "$w/cg.out" | head -1)
  echo "$b $(cat "$w/out") $ir" >> "$w/all"
done; done
python3 - "$w/all" "$@" <<'PY'
import statistics, sys
rows = [l.split() for l in open(sys.argv[1])]
for b in sys.argv[2:]:
    c = sorted(float(r[1]) for r in rows if r[0] == b)
    t = sorted(float(r[2]) for r in rows if r[0] == b)
    ir = sorted(int(r[3]) for r in rows if r[0] == b)
    print(f"{b}: CPU to first connect median {statistics.median(c):.1f} ms (min {c[0]:.1f}); "
          f"wall since process start median {statistics.median(t):.1f} ms (min {t[0]:.1f}); n={len(c)}"
          + (f"; instructions median {statistics.median(ir) / 1e6:.1f} M (min {ir[0] / 1e6:.1f})" if ir[0] > 0 else ""))
PY
