/**
 * The pipeline behind `wheelhouse resolve` (the CLI engineer parses arguments and calls this):
 * read requirement files → merge finder options (command line over files, as pip does) → build the
 * target → resolve through the index → write the lock / report / pylock.
 * Exit codes (issue 4, §5): 0 resolved, 1 unsatisfiable (explanation on stderr), 2 bad input or
 * unreachable indexes (one clear, redacted message).
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { createHttpClient } from '../index/http.js';
import type { HttpClient } from '../index/http-client.js';
import { createIndexClient, type IndexStrategy } from '../index/index-client.js';
import { DiskMetadataCache } from '../index/metadata-cache.js';
import { createMetadataFetcher } from '../index/metadata-fetch.js';
import { createPageCache } from '../index/page-cache.js';
import { redactText } from '../index/redact.js';
import { applyBinaryValue, type BinaryRule } from '../standards/requirements-file-binary.js';
import type { Logger } from '../util/logger.js';
import { writeLock } from './lock-writer.js';
import { writePylock } from './pylock-writer.js';
import { readRequirementInputs } from './requirement-inputs.js';
import { writeReport } from './report-writer.js';
import { resolveRequirements, type ResolveOutcome } from './resolve.js';
import { hostTarget, probePython } from './host-target.js';
import { osArchOfPlatform, targetEnvironment, type TargetOptions } from './target.js';

export const DEFAULT_INDEX_URL = 'https://pypi.org/simple/';
const GENERATED_BY = 'wheelhouse 0.1.0';

export interface ResolveCommandOptions {
  requirements: string[];
  constraints?: string[];
  indexUrl?: string;
  extraIndexUrls?: string[];
  findLinks?: string[];
  noIndex?: boolean;
  pre?: boolean;
  /** `--only-binary` values as given (`:all:`, `:none:`, comma-separated names). */
  onlyBinary?: string[];
  noBinary?: string[];
  preferBinary?: boolean;
  pythonVersion?: string;
  platforms?: string[];
  implementation?: 'cp' | 'pp';
  abis?: string[];
  indexStrategy?: IndexStrategy;
  lock?: string;
  report?: string;
  pylock?: string;
  logger: Logger;
  /** Where the explanation / error goes (default process.stderr). */
  stderr?: (text: string) => void;
  /** For tests: an HTTP client to use (not closed here). */
  http?: HttpClient;
  env?: Record<string, string | undefined>;
  /** A fixed target instead of probing `python3` (tests). */
  target?: TargetOptions;
  /** Directory of the content-addressed METADATA cache (a warm run then makes no metadata requests). */
  metadataCacheDir?: string;
  /** Directory of the revalidated project-page cache. */
  pageCacheDir?: string;
  /** Where wheels downloaded whole for their METADATA are kept (the download step reuses them). */
  downloadDir?: string;
}

export interface ResolveCommandResult {
  exitCode: 0 | 1 | 2;
  outcome?: ResolveOutcome;
}

async function chooseTarget(o: ResolveCommandOptions): Promise<TargetOptions> {
  if (o.target !== undefined) return o.target;
  const platforms = o.platforms ?? [];
  const base = (await probePython()) ?? hostTarget(o.pythonVersion ?? '3.12');
  let target: TargetOptions = { ...base };
  if (o.pythonVersion !== undefined) target.pythonVersion = o.pythonVersion;
  if (platforms.length > 0) {
    const implied = osArchOfPlatform(platforms[0] as string);
    target = { ...target, ...(implied ?? {}), platforms };
  }
  if (o.implementation !== undefined) target.implementation = o.implementation;
  if (o.abis !== undefined && o.abis.length > 0) target.abis = o.abis;
  return target;
}

function binaryRules(files: { onlyBinary: BinaryRule; noBinary: BinaryRule }, o: ResolveCommandOptions) {
  const onlyBinary = { ...files.onlyBinary, names: [...files.onlyBinary.names] };
  const noBinary = { ...files.noBinary, names: [...files.noBinary.names] };
  const invalid: string[] = [];
  for (const v of o.onlyBinary ?? []) invalid.push(...applyBinaryValue(v, onlyBinary, noBinary));
  for (const v of o.noBinary ?? []) invalid.push(...applyBinaryValue(v, noBinary, onlyBinary));
  return { onlyBinary, noBinary, invalid };
}

async function writeOutput(path: string, text: string): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  await writeFile(path, text);
}

export async function resolveCommand(o: ResolveCommandOptions): Promise<ResolveCommandResult> {
  const stderr = o.stderr ?? ((t: string) => void process.stderr.write(t));
  const fail = (message: string): ResolveCommandResult => {
    stderr(`wheelhouse: ${redactText(message)}\n`);
    return { exitCode: 2 };
  };
  if (o.requirements.length === 0) return fail('no requirement files given (use -r FILE)');
  let inputs;
  try {
    inputs = await readRequirementInputs(
      o.requirements,
      o.constraints ?? [],
      { readFile: (p) => readFile(p, 'utf8') },
      o.env ?? process.env,
    );
  } catch (error) {
    return fail((error as Error).message);
  }
  const fileOptions = inputs.options;
  const rules = binaryRules(fileOptions, o);
  if (rules.invalid.length > 0)
    return fail(`invalid --only-binary/--no-binary names: ${rules.invalid.join(', ')}`);
  let target;
  try {
    target = targetEnvironment(await chooseTarget(o));
  } catch (error) {
    return fail((error as Error).message);
  }
  const noIndex = o.noIndex === true || fileOptions.noIndex;
  const indexUrls = noIndex
    ? []
    : [
        o.indexUrl ?? fileOptions.indexUrl ?? DEFAULT_INDEX_URL,
        ...fileOptions.extraIndexUrls,
        ...(o.extraIndexUrls ?? []),
      ];
  const findLinks = [...fileOptions.findLinks, ...(o.findLinks ?? [])];
  const http =
    o.http ?? createHttpClient({ logger: o.logger, ...(o.env !== undefined ? { env: o.env } : {}) });
  try {
    const index = createIndexClient({
      http,
      logger: o.logger,
      indexUrls: [...new Set(indexUrls)],
      findLinks,
      strategy: o.indexStrategy ?? 'first-index',
      ...(o.pageCacheDir !== undefined ? { pageCache: createPageCache(o.pageCacheDir) } : {}),
    });
    const fetcher = createMetadataFetcher({
      http,
      logger: o.logger,
      ...(o.metadataCacheDir !== undefined ? { cache: new DiskMetadataCache(o.metadataCacheDir) } : {}),
      ...(o.downloadDir !== undefined ? { downloadDir: o.downloadDir } : {}),
    });
    o.logger.info(`resolving for ${target.summary} (Python ${target.pythonVersion.toString()})`);
    let outcome: ResolveOutcome;
    try {
      outcome = await resolveRequirements({
        requirements: inputs.requirements,
        constraints: inputs.constraints,
        hashes: inputs.hashes,
        directFiles: inputs.directFiles,
        options: {
          pre: o.pre === true || fileOptions.pre,
          onlyBinary: rules.onlyBinary,
          noBinary: rules.noBinary,
          preferBinary: o.preferBinary === true || fileOptions.preferBinary,
        },
        target,
        index,
        fetcher,
        logger: o.logger,
      });
    } catch (error) {
      return fail((error as Error).message);
    }
    if (outcome.kind === 'unsatisfiable') {
      stderr(`${outcome.explanation}\n`);
      return { exitCode: 1, outcome };
    }
    const { resolution, stats } = outcome;
    o.logger.info(
      `resolved ${resolution.packages.length} packages: ${stats.pages} pages, ${stats.metadata} metadata files, ${stats.solver.decisions} decisions, ${stats.solver.conflicts} conflicts`,
    );
    const describe = `${target.summary} (Python ${target.pythonVersion.toString()})`;
    if (o.lock !== undefined)
      await writeOutput(o.lock, writeLock(resolution, { generatedBy: GENERATED_BY, target: describe }));
    if (o.report !== undefined) {
      await writeOutput(
        o.report,
        writeReport(resolution, {
          environment: { ...target.markers },
          generatedBy: GENERATED_BY,
          target: describe,
        }),
      );
    }
    if (o.pylock !== undefined) {
      await writeOutput(
        o.pylock,
        writePylock(resolution, {
          environment: target.environmentMarker,
          requiresPython: target.requiresPython,
        }),
      );
    }
    return { exitCode: 0, outcome };
  } finally {
    if (o.http === undefined) await http.close();
  }
}
