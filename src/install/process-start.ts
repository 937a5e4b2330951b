/**
 * When a process started, to tell a live owner of a staging directory (repair.ts) from another
 * process that got its pid since: on Linux, pids wrap at `/proc/sys/kernel/pid_max` (32768 by
 * default) and a busy machine goes round in minutes, so "a process with that pid exists" alone
 * made a killed run's staging directory look live — left unrepaired, silently (the faults test
 * "repairs an install killed half-way" failed so under load). The start time is field 22 of
 * `/proc/<pid>/stat` (`starttime`, clock ticks since boot; proc(5)), which a reused pid cannot have.
 */
import { open } from 'node:fs/promises';

/** /proc/<pid>/stat is one line: a few hundred bytes (the command name is at most 16 bytes). */
const STAT_LIMIT = 4096;

/**
 * The start time of process `pid` (`/proc/<pid>/stat` field 22, as text), or undefined when it
 * cannot be read (no such process, no procfs).
 */
export async function processStart(pid: number): Promise<string | undefined> {
  if (!Number.isSafeInteger(pid) || pid <= 0) return undefined;
  let handle;
  try {
    handle = await open(`/proc/${pid}/stat`, 'r');
  } catch {
    return undefined;
  }
  try {
    // procfs answers the whole line to one read (its size is 0 to stat: read, not sized).
    const buffer = Buffer.alloc(STAT_LIMIT);
    const { bytesRead } = await handle.read(buffer, 0, STAT_LIMIT, 0);
    const text = buffer.toString('latin1', 0, bytesRead);
    // "pid (comm) state ppid …": comm may hold spaces and parentheses; the fields after the last ')'.
    const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
    const start = fields[22 - 3];
    return start !== undefined && /^\d+$/.test(start) ? start : undefined;
  } catch {
    return undefined;
  } finally {
    await handle.close();
  }
}
