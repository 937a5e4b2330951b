/**
 * SIGKILL for a child process at a point it announces: the child (flow/restore-kill-child.ts,
 * install/kill-child.ts) prints `mark` on stdout once it is where the test wants it killed, and then
 * waits. Call right after spawn (stdout and stderr piped), before any await, so nothing is missed.
 */
import type { ChildProcess } from 'node:child_process';

/**
 * Waits up to `timeoutMs` for `mark` on the child's stdout, then kills the child and waits for it to
 * close: whether the mark came (not when the child exited or the time ran out first) and all it
 * wrote to stderr.
 */
export async function killAtMark(
  child: ChildProcess,
  mark: string,
  timeoutMs = 60_000,
): Promise<{ marked: boolean; stderr: string }> {
  let stderr = '';
  child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  const marked = await new Promise<boolean>((resolve) => {
    const timer = setTimeout(() => resolve(false), timeoutMs);
    child.stdout!.on('data', (d: Buffer) => {
      if (d.toString().includes(mark)) {
        clearTimeout(timer);
        resolve(true);
      }
    });
    child.on('exit', () => resolve(false));
  });
  child.kill('SIGKILL');
  await new Promise((resolve) => child.on('close', resolve));
  return { marked, stderr };
}
