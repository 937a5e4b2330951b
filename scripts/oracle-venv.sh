#!/usr/bin/env bash
# Prepares the Python oracle of the conformance suite (__tests__/conformance): a venv with pip >= 26
# and packaging >= 26 in a cache directory, installed with this machine's own pip configuration
# (a tool install, like apt-get; the tests never use any index). Idempotent: an existing venv whose
# pip is >= 26 is kept. Prints the venv's python on success. Never fails the caller: without a
# source for pip 26 it says so and exits 0, and the suite then skips (or, with CI=true, fails)
# with its own message.
#   WHEELHOUSE_ORACLE_VENV  where the venv lives (default: ${XDG_CACHE_HOME:-~/.cache}/wheelhouse/packaging-oracle)
set -uo pipefail
venv="${WHEELHOUSE_ORACLE_VENV:-${XDG_CACHE_HOME:-$HOME/.cache}/wheelhouse/packaging-oracle}"
py="$venv/bin/python"
ready() {
  "$py" - <<'PY' 2>/dev/null
import sys
import pip
from pip._vendor import packaging
ok = int(pip.__version__.split(".")[0]) >= 26 and int(packaging.__version__.split(".")[0]) >= 26
sys.exit(0 if ok else 1)
PY
}
if [ -x "$py" ] && ready; then
  echo "$py"
  exit 0
fi
python=$(command -v python3 || command -v python || true)
if [ -z "$python" ]; then
  echo "oracle-venv: no python3 on PATH; the conformance suite will not find its oracle" >&2
  exit 0
fi
mkdir -p "$(dirname "$venv")"
if ! "$python" -m venv --clear "$venv" >&2; then
  echo "oracle-venv: could not create a venv at $venv" >&2
  exit 0
fi
# Short network timeouts: an unreachable configured index should not stall CI for minutes.
if ! "$py" -m pip install --quiet --disable-pip-version-check --retries 1 --timeout 15 \
  'pip>=26' 'packaging>=26' >&2; then
  echo "oracle-venv: pip >= 26 / packaging >= 26 could not be installed with this machine's pip configuration" >&2
  exit 0
fi
if ready; then
  echo "$py"
else
  echo "oracle-venv: the venv at $venv has no pip >= 26" >&2
fi
exit 0
