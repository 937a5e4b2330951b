/**
 * The solver's queue of packages waiting for a decision: a binary min-heap on (provider priority,
 * candidate count, discovery order), with lazy deletion. An entry remembers the accumulated term it
 * was scored for; entries whose package has since been decided or constrained differently are
 * dropped when they reach the top, so rescoring a package is just pushing a new entry.
 */
import type { Term } from './term.js';

export interface QueueEntry<V> {
  readonly pkg: string;
  readonly term: Term<V>;
  readonly priority: number;
  readonly count: number;
  readonly order: number;
}

function before<V>(a: QueueEntry<V>, b: QueueEntry<V>): boolean {
  if (a.priority !== b.priority) return a.priority < b.priority;
  if (a.count !== b.count) return a.count < b.count;
  return a.order < b.order;
}

export class DecisionQueue<V> {
  private readonly heap: QueueEntry<V>[] = [];

  push(entry: QueueEntry<V>): void {
    const h = this.heap;
    h.push(entry);
    let i = h.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!before(h[i]!, h[parent]!)) break;
      [h[i], h[parent]] = [h[parent]!, h[i]!];
      i = parent;
    }
  }

  /** Pop entries until `isCurrent` accepts one; undefined when the queue runs dry. */
  popCurrent(isCurrent: (entry: QueueEntry<V>) => boolean): QueueEntry<V> | undefined {
    while (this.heap.length > 0) {
      const top = this.pop();
      if (isCurrent(top)) return top;
    }
    return undefined;
  }

  private pop(): QueueEntry<V> {
    const h = this.heap;
    const top = h[0]!;
    const last = h.pop()!;
    if (h.length > 0) {
      h[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < h.length && before(h[l]!, h[m]!)) m = l;
        if (r < h.length && before(h[r]!, h[m]!)) m = r;
        if (m === i) break;
        [h[i], h[m]] = [h[m]!, h[i]!];
        i = m;
      }
    }
    return top;
  }
}
