/** Wall-clock time per phase of a run, for the job summary and `--verbose` (never asserted in tests). */

export type Phase =
  'read' | 'restore' | 'resolve' | 'build' | 'verify' | 'download' | 'write' | 'install' | 'save';

export interface PhaseTiming {
  phase: Phase;
  ms: number;
}

export class PhaseTimer {
  readonly timings: PhaseTiming[] = [];

  constructor(private readonly now: () => number = () => performance.now()) {}

  async time<T>(phase: Phase, fn: () => Promise<T>): Promise<T> {
    const start = this.now();
    try {
      return await fn();
    } finally {
      this.timings.push({ phase, ms: Math.round(this.now() - start) });
    }
  }
}
