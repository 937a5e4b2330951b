/**
 * A full garbage collection on demand, for a long run whose live heap shrinks a lot at known points
 * (the installer, once a wheel with tens of thousands of members is placed). V8 sets the old
 * generation's next limit from what was live at its last full collection: after a large wheel it
 * would let dead objects pile up to a limit made for the wheel's per-member state. A collection at
 * that point sets the limit from what is live then.
 *
 * `gc` is V8's `--expose-gc` function; node has no API for it otherwise, so the flag is set at run
 * time and the function taken from a new context (node's documented `v8.setFlagsFromString`; only
 * contexts created afterwards see it). Where that fails, this does nothing.
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

let gc: (() => void) | undefined | null = null;

export function collectGarbage(): void {
  if (gc === null) {
    const exposed = (globalThis as { gc?: unknown }).gc;
    if (typeof exposed === 'function') gc = exposed as () => void;
    else {
      try {
        setFlagsFromString('--expose-gc');
        const fn: unknown = runInNewContext('gc');
        gc = typeof fn === 'function' ? (fn as () => void) : undefined;
      } catch {
        gc = undefined;
      }
    }
  }
  gc?.();
}
