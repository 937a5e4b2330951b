/**
 * A benchmark workload: the requirement lines a user would write, the one-pin-changed variant, and
 * the files the local index serves for it.
 */
import type { ServedProject } from '../../__tests__/helpers/index-server.js';

export interface Workload {
  name: string;
  description: string;
  kind: 'generated' | 'real';
  /** Requirement lines of the cold / warm scenarios. */
  requirements: string[];
  /** Requirement lines of the one-pin-changed scenario (the cache was filled from `requirements`). */
  changedRequirements: string[];
  /** What changed, e.g. `idna==3.10 (was 3.20)`. */
  changedPin: string;
  projects: ServedProject[];
  /** The resolution expected for `requirements` (name → version), when known in advance. */
  expected?: Map<string, string>;
  /**
   * Pages link files absolutely under `http://localhost:PORT/files/` (PyPI's form: an absolute,
   * canonical URL on another host) instead of relative to the page.
   */
  absoluteFileUrls?: boolean;
  /** Pages are rendered once and kept (index-server.ts `cachePages`): thousands of links each. */
  cachePages?: boolean;
}

/** The server mode that serves a workload's file links as it asks. */
export function fileUrlBaseFor(w: Workload, port: number): string | null {
  return w.absoluteFileUrls === true ? `http://localhost:${port}/files/` : null;
}

export interface WorkloadSkip {
  skip: string;
}

export function servedBytes(projects: ServedProject[]): { files: number; bytes: number } {
  let files = 0;
  let bytes = 0;
  for (const p of projects) {
    for (const f of p.files) {
      files += 1;
      bytes += f.bytes.length;
    }
  }
  return { files, bytes };
}
