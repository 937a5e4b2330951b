import { readFileSync } from 'node:fs';

/**
 * Whether process `pid` still runs. A zombie (killed, not yet reaped — this machine's init never
 * reaps orphans) does not; without /proc (macOS) `kill(pid, 0)` decides.
 */
export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  try {
    // `pid (comm) S …`: the state follows the command name's closing parenthesis.
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2)[0] !== 'Z';
  } catch {
    return true;
  }
}
