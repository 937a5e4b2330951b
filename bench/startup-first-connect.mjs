// Preload (`node --import`) for bench/startup-cpu.sh (issue 14 §2 "Start-up"): at the process's
// first outgoing TCP connect (the first request to the index), write the CPU time used so far
// (user + system, all threads) and the wall time since process start to $FC_OUT, then exit.
import { writeFileSync } from 'node:fs';
import net from 'node:net';
import { performance } from 'node:perf_hooks';
import process from 'node:process';

net.Socket.prototype.connect = function firstConnect() {
  const u = process.cpuUsage();
  writeFileSync(
    process.env.FC_OUT ?? 'first-connect.txt',
    `${(u.user + u.system) / 1000} ${performance.now()}\n`,
  );
  process.exit(0);
};
