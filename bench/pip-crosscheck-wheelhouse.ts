/**
 * Runs wheelhouse for the cross-checks the way `wheelhouse resolve` does (resolveCommand: the real
 * requirements-file reader, index client and metadata fetcher), for an explicit target, and
 * flattens the outcome to name → version.
 */
import type { HttpClient } from '../src/index/http-client.js';
import type { IndexStrategy } from '../src/index/index-client.js';
import { probePython } from '../src/provider/host-target.js';
import { resolveCommand } from '../src/provider/resolve-command.js';
import type { TargetOptions } from '../src/provider/target.js';
import { silentLogger } from '../src/util/logger.js';

export interface WheelhouseRun {
  kind: 'resolved' | 'unsatisfiable' | 'error';
  packages?: Record<string, string>;
  message?: string;
  ms: number;
}

export interface WheelhouseRunOptions {
  requirementsFile: string;
  indexUrl: string;
  extraIndexUrls?: string[];
  findLinks?: string[];
  indexStrategy?: IndexStrategy;
  target: TargetOptions;
  http: HttpClient;
}

export async function runWheelhouse(o: WheelhouseRunOptions): Promise<WheelhouseRun> {
  let err = '';
  const start = performance.now();
  try {
    const result = await resolveCommand({
      requirements: [o.requirementsFile],
      indexUrl: o.indexUrl,
      ...(o.extraIndexUrls !== undefined ? { extraIndexUrls: o.extraIndexUrls } : {}),
      ...(o.findLinks !== undefined ? { findLinks: o.findLinks } : {}),
      indexStrategy: o.indexStrategy ?? 'first-index',
      target: o.target,
      http: o.http,
      logger: silentLogger,
      env: {},
      stderr: (t) => void (err += t),
    });
    const ms = Math.round(performance.now() - start);
    const outcome = result.outcome;
    if (result.exitCode === 0 && outcome?.kind === 'resolved') {
      const packages: Record<string, string> = {};
      for (const p of outcome.resolution.packages) packages[p.name] = p.version;
      return { kind: 'resolved', packages, ms };
    }
    if (result.exitCode === 1) return { kind: 'unsatisfiable', message: err.trim(), ms };
    return { kind: 'error', message: err.trim(), ms };
  } catch (error) {
    return {
      kind: 'error',
      message: String((error as Error).stack ?? error),
      ms: Math.round(performance.now() - start),
    };
  }
}

/**
 * The machine's own target, derived explicitly from the `python3` that pip runs under (its
 * version, OS, machine and glibc), so that both resolvers aim at the same interpreter.
 */
export async function machineTarget(python: string): Promise<TargetOptions> {
  const probed = await probePython(python);
  if (probed === undefined) throw new Error(`cannot run ${python} to learn the target`);
  return probed;
}
