/**
 * The solver's queue of packages waiting for a decision: a binary min-heap on (provider priority,
 * candidate count, discovery order), with lazy deletion. An entry remembers the accumulated term it
 * was scored for; entries whose package has since been decided or constrained differently are
 * dropped when they reach the top, so rescoring a package is just pushing a new entry.
 */
import type { Term } from './term.js';

export interface QueueEntry<V> {
  /** The solver that scored it (Term.queueEntry may hold another solver's entry). */
  readonly owner?: unknown;
  readonly pkg: string;
  readonly term: Term<V>;
  readonly priority: number;
  readonly count: number;
  readonly order: number;
  /** In the heap now (set and cleared by the queue): pushing it again is a no-op. */
  inHeap: boolean;
}

function before<V>(a: QueueEntry<V>, b: QueueEntry<V>): boolean {
  if (a.priority !== b.priority) return a.priority < b.priority;
  if (a.count !== b.count) return a.count < b.count;
  return a.order < b.order;
}

export class DecisionQueue<V> {
  private readonly heap: QueueEntry<V>[] = [];

  /**
   * Add an entry, unless that same entry object is already in the heap: a second copy would only be
   * popped as a duplicate of the first (same package, term and score), so skipping it changes
   * nothing `popCurrent` returns.
   */
  push(entry: QueueEntry<V>): void {
    if (entry.inHeap) return;
    entry.inHeap = true;
    const h = this.heap;
    h.push(entry);
    let i = h.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const up = h[parent]!;
      if (!before(entry, up)) break;
      h[i] = up; // sift up by moving parents down (no swap array: issue 14's allocation profile)
      i = parent;
    }
    h[i] = entry;
  }

  get size(): number {
    return this.heap.length;
  }

  /**
   * Drop every entry `isCurrent` rejects and rebuild the heap from the rest. Stale entries pile up
   * (issue 14: ~9,000 on average against a few hundred current ones on bench/solver-bench.ts's heavy
   * graphs, every push and pop paying their depth). `popCurrent` would skip them anyway, and two
   * current entries never tie unless they are the same package scored for the same term (equal
   * content), so what `popCurrent` returns is unchanged.
   */
  compact(isCurrent: (entry: QueueEntry<V>) => boolean): void {
    const h = this.heap;
    let w = 0;
    for (const e of h) {
      if (isCurrent(e)) h[w++] = e;
      else e.inHeap = false;
    }
    h.length = w;
    // Floyd's bottom-up heap construction.
    for (let i = (w >> 1) - 1; i >= 0; i--) this.siftDown(i, h[i]!);
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
    top.inHeap = false;
    const last = h.pop()!;
    if (h.length > 0) this.siftDown(0, last);
    return top;
  }

  /** Place `entry` at `start` or below, moving smaller children up (no swap array). */
  private siftDown(start: number, entry: QueueEntry<V>): void {
    const h = this.heap;
    let i = start;
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = -1;
      let best = entry;
      if (l < h.length && before(h[l]!, best)) {
        m = l;
        best = h[l]!;
      }
      if (r < h.length && before(h[r]!, best)) {
        m = r;
        best = h[r]!;
      }
      if (m < 0) break;
      h[i] = best;
      i = m;
    }
    h[i] = entry;
  }
}
