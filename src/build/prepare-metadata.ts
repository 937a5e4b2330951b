/**
 * Prepared metadata of a source distribution or a local project directory, asked of the target
 * interpreter's pip as the PEP 517 frontend, without building a wheel:
 *
 *   python -m pip install --dry-run --no-deps --ignore-installed --quiet --report - <source>
 *
 * pip (≥ 22.2, checked with 23.2.1) installs the build requirements into an isolated environment
 * from the frontend's indexes, calls the backend's `prepare_metadata_for_build_wheel` (or builds
 * when the backend lacks it) and prints an installation report (format version 1) whose one
 * `install` item has the metadata as JSON (PEP 566's JSON form: lower-case keys with `_`, multiple-
 * use fields as lists). `--ignore-installed` keeps an installed copy of the project from answering
 * instead; `--no-deps` keeps pip from resolving the dependencies (the resolver does that).
 *
 * The answer is turned back into core metadata text (the fields the resolver reads), so callers
 * treat it like a wheel's METADATA (parseDistMetadata) and can cache it as bytes.
 */
import { SdistBuildError } from './build-error.js';
import { lastLines, runPip, type PipFrontend } from './pip-frontend.js';
import { pipSourceArgs } from './pip-source-args.js';
import { checkSdistArchive } from './sdist-archive-check.js';

export interface PreparedMetadata {
  /** Core metadata text (UTF-8): Metadata-Version, Name, Version, Requires-Python, Requires-Dist, Provides-Extra. */
  metadata: Uint8Array;
  name: string;
  version: string;
  requiresDist: string[];
}

export interface PrepareMetadataOptions {
  /** How the source is named in errors (the sdist's file name); default `source`. */
  label?: string;
  /** Default 15 minutes (installing build requirements can take a while). */
  timeoutMs?: number;
  /** The requirement's build options as pip arguments (build-wheel.ts `pipBuildArgs`). */
  pipOptions?: readonly string[];
}

export const PREPARE_TIMEOUT_MS = 15 * 60 * 1000;

/**
 * Asks the frontend for the metadata of `source` (an sdist file, or a project directory: anything
 * `pip install` takes as a path). Throws SdistBuildError with the end of pip's log on failure.
 */
export async function prepareMetadata(
  frontend: PipFrontend,
  source: string,
  o: PrepareMetadataOptions = {},
): Promise<PreparedMetadata> {
  const label = o.label ?? source;
  // Before pip unpacks it: no member may land outside pip's directory (review 18a F13).
  await checkSdistArchive(source, label);
  // The options go in a private requirements file, never on pip's command line (pip-source-args.ts).
  const named = await pipSourceArgs(source, o.pipOptions);
  const run = await runPip(
    frontend,
    ['install', '--dry-run', '--no-deps', '--ignore-installed', '--quiet', '--report', '-', ...named.args],
    { timeoutMs: o.timeoutMs ?? PREPARE_TIMEOUT_MS, captureStdout: true },
  ).finally(() => named.dispose());
  if (run.spawnError !== undefined) {
    throw new SdistBuildError(label, 'metadata', `cannot run ${frontend.python} -m pip: ${run.spawnError}`);
  }
  // pip that exited 0 finished its work, even when the timer fired at that moment.
  if (run.timedOut && run.code !== 0) {
    throw new SdistBuildError(
      label,
      'metadata',
      `preparing metadata took longer than ${Math.round((o.timeoutMs ?? PREPARE_TIMEOUT_MS) / 1000)} s; stopped`,
      lastLines(run.log),
    );
  }
  if (run.stdoutOverflow) throw new SdistBuildError(label, 'metadata', "pip's report is too large");
  if (run.code !== 0) {
    throw new SdistBuildError(
      label,
      'metadata',
      `preparing metadata failed (${frontend.python} -m pip install --dry-run exited with ${run.code})`,
      lastLines(run.log),
    );
  }
  return metadataFromReport(run.stdout, label);
}

/** The one installed item's metadata of a pip installation report, as core metadata text. */
export function metadataFromReport(reportText: string, label: string): PreparedMetadata {
  const fail = (why: string): never => {
    throw new SdistBuildError(label, 'metadata', `unexpected pip report: ${why}`);
  };
  let report: unknown;
  try {
    report = JSON.parse(reportText);
  } catch (error) {
    return fail(`not JSON (${(error as Error).message})`);
  }
  const r = report as { version?: unknown; install?: unknown };
  if (r.version !== '1') fail(`version ${JSON.stringify(r.version)}, expected "1"`);
  if (!Array.isArray(r.install) || r.install.length !== 1) fail('expected exactly one install item');
  const meta = (r.install as { metadata?: unknown }[])[0]?.metadata as Record<string, unknown> | undefined;
  if (meta === undefined || typeof meta !== 'object' || meta === null) return fail('no metadata');
  const text = (key: string, required: boolean): string | undefined => {
    const v = meta[key];
    if (v === undefined && !required) return undefined;
    if (typeof v !== 'string' || v.trim() === '') return fail(`metadata.${key} is not a string`);
    if (/[\r\n]/.test(v)) return fail(`metadata.${key} spans lines`);
    return v;
  };
  const list = (key: string): string[] => {
    const v = meta[key];
    if (v === undefined) return [];
    if (!Array.isArray(v) || v.some((x) => typeof x !== 'string' || /[\r\n]/.test(x)))
      return fail(`metadata.${key} is not a list of one-line strings`);
    return v as string[];
  };
  const name = text('name', true) as string;
  const version = text('version', true) as string;
  const requiresPython = text('requires_python', false);
  const requiresDist = list('requires_dist');
  const lines = [
    `Metadata-Version: ${text('metadata_version', false) ?? '2.1'}`,
    `Name: ${name}`,
    `Version: ${version}`,
    ...(requiresPython !== undefined ? [`Requires-Python: ${requiresPython}`] : []),
    ...requiresDist.map((d) => `Requires-Dist: ${d}`),
    ...list('provides_extra').map((e) => `Provides-Extra: ${e}`),
  ];
  return {
    metadata: new TextEncoder().encode(`${lines.join('\n')}\n\n`),
    name,
    version,
    requiresDist,
  };
}
