#!/usr/bin/env bash
# A throwaway single-node Ceph cluster (monitor + in-memory OSD + RADOS gateway) on 127.0.0.1: a
# real S3 server for __tests__/cache/s3-store.test.ts (conditional PUT → 412, ListObjectsV2 paging).
# Needs Debian's packages: apt-get install -y --no-install-recommends radosgw ceph-mon ceph-osd
#
#   scripts/s3-test-gateway.sh start DIR   prints the endpoint (http://127.0.0.1:PORT) once it answers
#   scripts/s3-test-gateway.sh stop DIR    kills the daemons whose pids it recorded in DIR/run/, waits
#
# Ports: the monitor and the gateway each take a port that is free when the script starts (two CI
# jobs or two engineers on one host never collide); WHEELHOUSE_TEST_S3_PORT / WHEELHOUSE_TEST_MON_PORT
# pin them instead. The chosen ports are also written to DIR/ports ("mon=… rgw=…"). A port taken by
# another process before Ceph binds it fails that attempt; start tries again on new ports (3 times).
#
# Access key TESTKEY, secret TESTSECRET (a user created for the throwaway cluster; never real keys).
# Every daemon listens on 127.0.0.1 only; DIR holds all of its state and logs.
set -euo pipefail
cmd=${1:?usage: s3-test-gateway.sh start|stop DIR}
dir=${2:?usage: s3-test-gateway.sh start|stop DIR}

# A TCP port on 127.0.0.1 that nothing listens on now (the kernel picks it: bind to port 0).
free_port() {
  node -e "const s=require('net').createServer();s.listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})"
}

stop() {
  local pids=() f p
  for f in "$dir"/run/*.pid; do
    [ -f "$f" ] || continue
    p=$(cat "$f")
    kill "$p" 2>/dev/null && pids+=("$p")
  done
  # The OSD takes a few seconds to exit; bounded wait, then SIGKILL.
  for _ in $(seq 1 100); do
    local alive=0
    for p in "${pids[@]}"; do kill -0 "$p" 2>/dev/null && alive=1; done
    [ "$alive" = 0 ] && return 0
    sleep 0.1
  done
  for p in "${pids[@]}"; do kill -9 "$p" 2>/dev/null || true; done
}

# The daemons outlive this script, so they must not inherit its caller's descriptors: a held
# `flock` (one gateway started under /work/bench.lock kept every benchmark waiting for 35 minutes)
# or a test runner's pipes. Close every inherited descriptor above 2 (bash's own script descriptor
# is close-on-exec and never inherited).
close_inherited_fds() {
  local fd n
  for fd in /proc/$$/fd/*; do
    n=${fd##*/}
    case "$n" in '' | *[!0-9]*) continue ;; esac
    [ "$n" -gt 2 ] && [ "$n" -lt 255 ] && eval "exec $n>&-" 2>/dev/null
  done
  return 0
}

start() {
  close_inherited_fds
  for tool in monmaptool ceph-mon ceph-osd radosgw radosgw-admin ceph; do
    command -v "$tool" >/dev/null || { echo "missing $tool: apt-get install -y --no-install-recommends radosgw ceph-mon ceph-osd" >&2; exit 2; }
  done
  case "$dir" in /|"") echo "refusing DIR=$dir" >&2; exit 2 ;; esac
  local port mon_port
  port=${WHEELHOUSE_TEST_S3_PORT:-$(free_port)}
  mon_port=${WHEELHOUSE_TEST_MON_PORT:-$(free_port)}
  # Never report someone else's server: both ports must be free now.
  local p
  for p in "$port" "$mon_port"; do
    if (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; then echo "port $p on 127.0.0.1 is in use" >&2; exit 1; fi
  done
  rm -rf "$dir"
  mkdir -p "$dir"/{mon/a,osd/0,run,log,rgw}
  echo "mon=$mon_port rgw=$port" >"$dir/ports"
  local fsid osd_uuid conf
  fsid=$(cat /proc/sys/kernel/random/uuid)
  osd_uuid=$(cat /proc/sys/kernel/random/uuid)
  conf="$dir/ceph.conf"
  cat >"$conf" <<CONF
[global]
fsid = $fsid
mon host = v1:127.0.0.1:$mon_port
public addr = 127.0.0.1
auth cluster required = none
auth service required = none
auth client required = none
ms bind msgr2 = false
run dir = $dir/run
log file = $dir/log/\$name.log
admin socket = $dir/run/\$name.asok
pid file = $dir/run/\$name.pid
osd pool default size = 1
osd pool default min size = 1
mon allow pool size one = true
osd pool default pg autoscale mode = off
osd pool default pg num = 8
osd pool default pgp num = 8
osd crush chooseleaf type = 0
# The monitor refuses to start below 5 % free disk by default (a shared CI disk of 250 GB with
# 14 GB free did that): a throwaway test cluster holding a few MB needs far less.
mon data avail crit = 1
mon data avail warn = 2
[mon.a]
mon data = $dir/mon/a
[osd.0]
osd data = $dir/osd/0
osd objectstore = memstore
memstore device bytes = 1073741824
[client.rgw.a]
rgw frontends = beast endpoint=127.0.0.1:$port
rgw data = $dir/rgw
CONF
  trap 'stop' ERR
  # --addv with an explicit v1 address: `--add a IP:PORT` takes any port but 6789 for a msgr2 one,
  # which a cluster with `ms bind msgr2 = false` cannot reach.
  monmaptool --create --addv a "[v1:127.0.0.1:$mon_port]" --fsid "$fsid" "$dir/monmap" >/dev/null
  ceph-mon -c "$conf" --mkfs -i a --monmap "$dir/monmap"
  ceph-mon -c "$conf" -i a
  timeout 30 ceph -c "$conf" osd create "$osd_uuid" >/dev/null
  ceph-osd -c "$conf" -i 0 --mkfs --osd-uuid "$osd_uuid" 2>/dev/null
  timeout 30 ceph -c "$conf" osd crush add osd.0 1.0 host=localhost >/dev/null 2>&1
  timeout 30 ceph -c "$conf" osd crush move localhost root=default >/dev/null 2>&1
  # The OSD's first command can reach the monitor before its monitor client has the cluster's fsid
  # ("wrong fsid" in log/osd.0.log, exit 250) on a loaded machine: try again, a bounded number of times.
  local tries=0
  until ceph-osd -c "$conf" -i 0 2>/dev/null; do
    tries=$((tries + 1))
    if [ "$tries" -ge 5 ]; then echo "the OSD did not start (logs: $dir/log)" >&2; stop; exit 1; fi
    sleep 2
  done
  radosgw -c "$conf" -n client.rgw.a
  local up=0
  for _ in $(seq 1 600); do
    if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then up=1; break; fi
    sleep 0.1
  done
  if [ "$up" = 0 ]; then echo "the gateway did not answer on 127.0.0.1:$port in 60 s (logs: $dir/log)" >&2; stop; exit 1; fi
  # The port answered: it must be our radosgw (alive and listening), not a process that took the
  # port between the check above and the bind.
  local rgw_pid
  rgw_pid=$(cat "$dir/run/client.rgw.a.pid" 2>/dev/null || echo 0)
  if ! kill -0 "$rgw_pid" 2>/dev/null || ! grep -q "$(printf ':%04X ' "$port")" /proc/net/tcp; then
    echo "radosgw is not the process on 127.0.0.1:$port (logs: $dir/log)" >&2; stop; exit 1
  fi
  timeout 60 radosgw-admin -c "$conf" user create --uid=test --display-name=test \
    --access-key=TESTKEY --secret=TESTSECRET >/dev/null 2>&1
  echo "http://127.0.0.1:$port"
}

case "$cmd" in
  start)
    # A port found free can be taken by another process before Ceph binds it (two jobs starting at
    # once): start again on newly chosen ports, at most 3 times. Exit 2 (missing tools, bad DIR) is
    # final. set -e is kept inside the subshell (it would be ignored in an `||` list).
    for attempt in 1 2 3; do
      set +e
      (
        set -e
        start
      )
      rc=$?
      set -e
      if [ "$rc" = 0 ] || [ "$rc" = 2 ]; then exit "$rc"; fi
      echo "gateway start failed (attempt $attempt of 3, exit $rc)" >&2
    done
    exit 1 ;;
  stop) stop ;;
  *) echo "usage: s3-test-gateway.sh start|stop DIR" >&2; exit 2 ;;
esac
