/**
 * Runs wheelhouse for the cross-checks the way `wheelhouse resolve` does (runResolve: the real
 * requirements-file reader, index client and metadata fetcher), for an explicit target, and
 * flattens the outcome to name → version.
 */
import { describeFailure } from '../src/flow/failure.js';
import { runResolve } from '../src/flow/resolve.js';
import { findPython, runCommand, runnerPlatform } from '../src/flow/target-detect.js';
import type { HttpClient } from '../src/index/http-client.js';
import type { IndexStrategy } from '../src/index/index-client.js';
import type { TargetOptions } from '../src/provider/target.js';
import { silentLogger } from '../src/util/logger.js';

export interface WheelhouseRun {
  kind: 'resolved' | 'unsatisfiable' | 'error';
  packages?: Record<string, string>;
  message?: string;
  ms: number;
  /** The solver's decisions and conflicts (the last solve's) and the policy rounds run, when it resolved. */
  solver?: { decisions: number; conflicts: number; policyRounds?: number };
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
  const start = performance.now();
  const { pythonVersion, implementation, platforms, abis, ...platform } = o.target;
  try {
    const result = await runResolve({
      requirementFiles: [o.requirementsFile],
      finder: {
        indexUrl: o.indexUrl,
        ...(o.extraIndexUrls !== undefined ? { extraIndexUrls: o.extraIndexUrls } : {}),
        ...(o.findLinks !== undefined ? { findLinks: o.findLinks } : {}),
        indexStrategy: o.indexStrategy ?? 'first-index',
      },
      // The whole target is given: neither an interpreter nor this runner is asked.
      target: { pythonVersion, implementation: implementation ?? 'cp', platforms, abis },
      runner: () => platform,
      http: o.http,
      logger: silentLogger,
      env: {},
    });
    const packages: Record<string, string> = {};
    for (const p of result.resolution.packages) packages[p.name] = p.version;
    const { decisions, conflicts } = result.stats.solver;
    return {
      kind: 'resolved',
      packages,
      ms: Math.round(performance.now() - start),
      solver: { decisions, conflicts, policyRounds: result.stats.policyRounds },
    };
  } catch (error) {
    const ms = Math.round(performance.now() - start);
    const failure = describeFailure(error);
    if (failure.exitCode === 1) return { kind: 'unsatisfiable', message: failure.message, ms };
    if (failure.kind !== 'internal') return { kind: 'error', message: failure.message, ms };
    return { kind: 'error', message: String((error as Error).stack ?? error), ms };
  }
}

/**
 * The machine's own target, derived explicitly from the `python3` that pip runs under (its version
 * and implementation; OS, machine and glibc from this runner, as the flow detects them), so that
 * both resolvers aim at the same interpreter.
 */
export async function machineTarget(python: string): Promise<TargetOptions> {
  const probed = await findPython((_command, args) => runCommand(python, args));
  if (probed === undefined) throw new Error(`cannot run ${python} to learn the target`);
  return { pythonVersion: probed.version, implementation: probed.implementation, ...runnerPlatform() };
}
