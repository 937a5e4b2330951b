/**
 * What the flow needs to build sdists for a run (issue 11 §1), made once per run from the prepared
 * inputs: the target as the build layer sees it, the interpreter that builds (the python found
 * for the target, else the first python3/python on PATH; probed once, lazily, so a run without a
 * build never starts Python), the frontend over it with the resolver's indexes, and a limit on
 * parallel pip runs (the machine's cores) shared by metadata preparation and builds. Given a probe
 * cache directory, the interpreter's answer (and the search for python3/python) is kept there
 * (src/install/probe-cache.ts), as target detection and `install` keep theirs.
 */
import { availableParallelism } from 'node:os';
import {
  parseBuildProbe,
  probeInterpreter,
  runBuildProbe,
  type BuildInterpreter,
  type BuildTargetView,
  type RunBuildProbe,
} from '../build/build-target.js';
import { pipBuildArgs } from '../build/build-wheel.js';
import {
  buildEnvironmentKey,
  frontendEnv,
  oldNetrcProblem,
  type FrontendEnvNotes,
  type FrontendIndexes,
} from '../build/frontend-env.js';
import { FlowInputError } from './flow-errors.js';
import type { NormalizedName } from '../standards/names.js';
import type { PipFrontend } from '../build/pip-frontend.js';
import type { TargetEnvironment } from '../provider/target.js';
import type { Prepared } from './prepare.js';
import { cachedProbe } from '../install/probe-cache.js';
import { cachedRunCommand, findPython } from './target-detect.js';

export interface BuildContext {
  target: BuildTargetView;
  interpreter(): Promise<BuildInterpreter | undefined>;
  frontend(interpreter: BuildInterpreter): PipFrontend;
  /** A project's requirement-line build options as pip arguments (none: `[]`). */
  pipOptions(project: string): string[];
  /** The build environment's part of the build key (frontend-env.ts `buildEnvironmentKey`). */
  environment: string;
  /** Runs `task` when one of `slots` parallel pip runs is free. */
  limit<T>(task: () => Promise<T>): Promise<T>;
  slots: number;
}

export function buildTargetView(target: TargetEnvironment): BuildTargetView {
  return {
    summary: target.summary,
    pythonVersion: target.options.pythonVersion,
    implementation: target.options.implementation ?? 'cp',
    tagPriority: target.tagPriority,
    markers: {
      sys_platform: target.markers.sys_platform,
      os_name: target.markers.os_name,
      platform_machine: target.markers.platform_machine,
    },
  };
}

export interface BuildContextOptions {
  prepared: Prepared;
  env: Record<string, string | undefined>;
  cwd: string;
  /** Parallel pip runs (default: available parallelism). */
  slots?: number;
  /** Test seam: the interpreter command (default: the target's python, else python3/python). */
  python?: string;
  /** Directory of the interpreter probe cache (src/install/probe-cache.ts); undefined: probe every run. */
  probeCache?: string;
}

/** `runBuildProbe` with its answers kept in the probe cache `dir` (used when `parseBuildProbe` accepts them). */
export function cachedBuildProbe(dir: string, cwd: string): RunBuildProbe {
  return (command, args, env) =>
    cachedProbe(
      { dir, cwd, env: env ?? process.env },
      command,
      args,
      () => runBuildProbe(command, args, env),
      (stdout) => parseBuildProbe(stdout, command) !== undefined,
    );
}

export function createBuildContext(o: BuildContextOptions): BuildContext {
  const { prepared } = o;
  let probed: Promise<BuildInterpreter | undefined> | undefined;
  const slots = Math.max(1, Math.floor(o.slots ?? availableParallelism()));
  let running = 0;
  const waiting: (() => void)[] = [];
  // Made on first use: a run without a build never puts credentials into a pip environment (nor
  // registers them as secrets, which the action announces with ::add-mask::).
  let env: Record<string, string> | undefined;
  const headersTimeoutMs = prepared.http?.headersTimeoutMs;
  const notes: FrontendEnvNotes = { netrcNeedsPython310: [] };
  const indexes: FrontendIndexes = {
    indexUrls: prepared.finder.indexUrls,
    findLinks: prepared.finder.findLinks,
    namedIndexes: prepared.finder.namedIndexes,
    ...(prepared.configuredHosts !== undefined ? { configuredHosts: prepared.configuredHosts } : {}),
    // The resolver's transport settings (frontend-env.ts: pip reads no configuration file).
    ...(headersTimeoutMs !== undefined && headersTimeoutMs > 0
      ? { timeoutSec: headersTimeoutMs / 1000 }
      : {}),
    ...(prepared.http?.retries !== undefined ? { retries: prepared.http.retries } : {}),
    ...prepared.tls,
    ...(prepared.noCacheDir === true ? { noCacheDir: true } : {}),
    noBinary: prepared.finder.noBinary,
    onlyBinary: prepared.finder.onlyBinary,
    pre: prepared.finder.pre,
    preferBinary: prepared.finder.preferBinary,
  };
  const pipEnv = (): Record<string, string> => (env ??= frontendEnv(o.env, indexes, notes));
  return {
    target: buildTargetView(prepared.target),
    environment: buildEnvironmentKey(indexes),
    slots,
    interpreter() {
      probed ??= (async () => {
        const cache = o.probeCache;
        const command =
          o.python ??
          prepared.detected.python?.command ??
          (await findPython(cache === undefined ? undefined : cachedRunCommand({ dir: cache, cwd: o.cwd })))
            ?.command;
        if (command === undefined) return undefined;
        return probeInterpreter(
          command,
          pipEnv(),
          cache === undefined ? undefined : cachedBuildProbe(cache, o.cwd),
        );
      })();
      return probed;
    },
    frontend: (interpreter) => {
      const frontendEnvironment = pipEnv();
      const problem = oldNetrcProblem(notes, interpreter.version);
      if (problem !== undefined) throw new FlowInputError(problem);
      return { python: interpreter.command, env: frontendEnvironment, cwd: o.cwd };
    },
    pipOptions: (project) => {
      const options = prepared.inputs.buildOptions.get(project as NormalizedName);
      return options === undefined ? [] : pipBuildArgs(options);
    },
    async limit(task) {
      if (running >= slots) await new Promise<void>((resolve) => waiting.push(resolve));
      running++;
      try {
        return await task();
      } finally {
        running--;
        waiting.shift()?.();
      }
    },
  };
}
