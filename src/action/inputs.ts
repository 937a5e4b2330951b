/**
 * Typed parse of every input in action.yml. Each problem names the input and the value; all
 * problems are collected and reported together. `getInput` is injected (default: @actions/core's,
 * which reads INPUT_<NAME> and trims), so tests feed plain records.
 */
import { parseS3Settings, type S3Settings } from '../cache/s3/s3-settings.js';
import * as core from '@actions/core';
import { isAbsolute, join, resolve } from 'node:path';
import type { IndexStrategy } from '../index/index-client.js';
import { maskUserinfo, registerUrlSecrets } from '../index/redact.js';
import type { ProjectSelection } from '../provider/project-inputs.js';
import { isTargetPythonVersion } from '../provider/target.js';
import { isIndexUrl, splitNamedIndex } from '../flow/finder-options.js';
import { expandRequirementPatterns, RequirementsGlobError } from './globs.js';

export interface ActionInputs {
  /** Requirement files relative to the workspace (or absolute), globs expanded. */
  requirements: string[];
  /**
   * Extras (`extras`; `:all:` = every extra) and dependency groups (`groups`) of pyproject.toml /
   * lock inputs; absent when neither input is given.
   */
  selection?: ProjectSelection;
  pythonVersion?: string;
  platforms: string[];
  indexUrl?: string;
  extraIndexUrls: string[];
  /** Local paths made absolute against the workspace; URLs as given. */
  findLinks: string[];
  indexStrategy: IndexStrategy;
  /** The `only-binary` value (empty = none). */
  onlyBinary?: string;
  pre: boolean;
  /** Absolute. */
  wheelhouse: string;
  cache: boolean;
  cacheSuffix: string;
  /** Where the cache lives: the GitHub Actions cache (default), an S3 bucket, or a local directory. */
  cacheBackend: 'github' | 's3' | 'local';
  /** With cacheBackend s3: the bucket and its addressing (credentials come from AWS_* variables). */
  s3?: S3Settings;
  concurrency: number;
  install: boolean;
  /** Clear a wheelhouse directory holding files wheelhouse did not write (refused otherwise). */
  clean: boolean;
  /** `install: true` with wheelhouse's own installer, or the interpreter's pip. */
  installer: 'native' | 'pip';
  /** Byte-compile what the native installer installed. */
  compile: boolean;
  /** Install into an externally managed Python (PEP 668), as pip's --break-system-packages. */
  breakSystemPackages: boolean;
}

export class ActionInputError extends Error {
  override name = 'ActionInputError';
  constructor(readonly problems: string[]) {
    super(problems.length === 1 ? (problems[0] as string) : `invalid inputs:\n  ${problems.join('\n  ')}`);
  }
}

export type GetInput = (name: string) => string;

export const coreGetInput: GetInput = (name) => core.getInput(name);

/** Newline-separated list (comma-separated too when `commas`), blank entries dropped. */
export function listInput(text: string, commas = false): string[] {
  return text
    .split(commas ? /[\n,]/ : /\n/)
    .map((s) => s.trim())
    .filter((s) => s !== '');
}

const TRUE = new Set(['true', 'True', 'TRUE']);
const FALSE = new Set(['false', 'False', 'FALSE']);

/** YAML 1.2 core-schema booleans, as @actions/core's getBooleanInput accepts them. */
function booleanInput(name: string, text: string, fallback: boolean, problems: string[]): boolean {
  if (text === '') return fallback;
  if (TRUE.has(text)) return true;
  if (FALSE.has(text)) return false;
  problems.push(`input ${name}: ${JSON.stringify(text)} is not a boolean (use true or false)`);
  return fallback;
}

function isUrl(text: string): boolean {
  return /^[a-z][a-z0-9+.-]*:\/\//i.test(text);
}

function checkIndexUrl(name: string, text: string, problems: string[]): void {
  const url = splitNamedIndex(text).url;
  if (isIndexUrl(url)) return;
  // Its secrets (a path token, query values, userinfo) are registered — and so passed to the
  // runner — before the value is shown back (review 2 s12: the main step registers the inputs'
  // secrets only once they all parsed).
  registerUrlSecrets(url);
  problems.push(`input ${name}: ${JSON.stringify(maskUserinfo(url))} is not an http(s) or file URL`);
}

export interface ParseInputsContext {
  getInput?: GetInput;
  env: Record<string, string | undefined>;
}

export async function parseInputs(ctx: ParseInputsContext): Promise<ActionInputs> {
  const get = ctx.getInput ?? coreGetInput;
  const problems: string[] = [];
  const workspace = ctx.env['GITHUB_WORKSPACE'] || process.cwd();

  let requirements: string[] = [];
  const patterns = listInput(get('requirements'));
  try {
    requirements = await expandRequirementPatterns(
      patterns.length === 0 ? ['requirements.txt'] : patterns,
      workspace,
    );
  } catch (error) {
    if (!(error instanceof RequirementsGlobError)) throw error;
    problems.push(`input requirements: ${error.message}`);
  }

  const NAME = /^[A-Za-z0-9]([A-Za-z0-9._-]*[A-Za-z0-9])?$/;
  const extraList = listInput(get('extras'), true);
  const allExtras = extraList.includes(':all:');
  const extras = extraList.filter((e) => e !== ':all:');
  if (allExtras && extras.length > 0)
    problems.push('input extras: :all: already selects every extra; give it alone');
  const groups = listInput(get('groups'), true);
  for (const [input, names] of [
    ['extras', extras],
    ['groups', groups],
  ] as const) {
    for (const n of names)
      if (!NAME.test(n)) problems.push(`input ${input}: ${JSON.stringify(n)} is not a valid name`);
  }

  const pythonVersion = get('python-version');
  if (pythonVersion !== '' && !isTargetPythonVersion(pythonVersion)) {
    problems.push(`input python-version: ${JSON.stringify(pythonVersion)} is not of the form 3.X or 3.X.Y`);
  }
  const platforms = listInput(get('platform'), true);
  for (const p of platforms) {
    if (!/^[A-Za-z0-9_.]+$/.test(p))
      problems.push(`input platform: ${JSON.stringify(p)} is not a platform tag`);
  }

  const indexUrl = get('index-url');
  if (indexUrl !== '') checkIndexUrl('index-url', indexUrl, problems);
  const extraIndexUrls = listInput(get('extra-index-url'));
  for (const u of extraIndexUrls) checkIndexUrl('extra-index-url', u, problems);
  const findLinks = listInput(get('find-links')).map((p) =>
    isUrl(p) || isAbsolute(p) ? p : resolve(workspace, p),
  );

  const strategy = get('index-strategy') || 'first-index';
  if (strategy !== 'first-index' && strategy !== 'unsafe-best-match') {
    problems.push(
      `input index-strategy: ${JSON.stringify(strategy)} is not first-index or unsafe-best-match`,
    );
  }
  const onlyBinary = get('only-binary');

  const pre = booleanInput('pre', get('pre'), false, problems);
  const cache = booleanInput('cache', get('cache'), true, problems);
  const install = booleanInput('install', get('install'), false, problems);
  const clean = booleanInput('clean', get('clean'), false, problems);
  const compile = booleanInput('compile', get('compile'), false, problems);
  const breakSystemPackages = booleanInput(
    'break-system-packages',
    get('break-system-packages'),
    false,
    problems,
  );
  const installer = get('installer') || 'native';
  if (installer !== 'native' && installer !== 'pip') {
    problems.push(`input installer: ${JSON.stringify(installer)} is not native or pip`);
  }

  const concurrencyText = get('concurrency') || '16';
  const concurrency = Number(concurrencyText);
  if (!/^\d+$/.test(concurrencyText) || concurrency < 1 || concurrency > 256) {
    problems.push(
      `input concurrency: ${JSON.stringify(concurrencyText)} is not a whole number from 1 to 256`,
    );
  }

  let wheelhouse = get('wheelhouse');
  if (wheelhouse === '') {
    const temp = ctx.env['RUNNER_TEMP'];
    if (temp === undefined || temp === '') {
      problems.push(
        'input wheelhouse: not given and RUNNER_TEMP is not set, so there is no default directory',
      );
    } else wheelhouse = join(temp, 'wheelhouse');
  } else if (!isAbsolute(wheelhouse)) wheelhouse = resolve(workspace, wheelhouse);

  const cacheSuffix = get('cache-suffix');
  if (cacheSuffix.length > 200) problems.push(`input cache-suffix: longer than 200 characters`);

  const cacheBackend = get('cache-backend').trim() || 'github';
  if (!['github', 's3', 'local'].includes(cacheBackend))
    problems.push(`input cache-backend: ${JSON.stringify(cacheBackend)} is not one of github, s3, local`);
  let s3: S3Settings | undefined;
  if (cacheBackend === 's3') {
    const parsed = parseS3Settings(
      {
        bucket: get('s3-bucket'),
        prefix: get('s3-prefix'),
        endpoint: get('s3-endpoint'),
        region: get('s3-region'),
        forcePathStyle: get('s3-force-path-style'),
      },
      ctx.env,
      (field) => `input s3-${field === 'forcePathStyle' ? 'force-path-style' : field}`,
    );
    problems.push(...parsed.problems);
    s3 = parsed.settings;
  }

  if (problems.length > 0) throw new ActionInputError(problems);
  return {
    requirements,
    ...(extras.length > 0 || allExtras || groups.length > 0
      ? { selection: { extras, allExtras, groups } }
      : {}),
    ...(pythonVersion !== '' ? { pythonVersion } : {}),
    platforms,
    ...(indexUrl !== '' ? { indexUrl } : {}),
    extraIndexUrls,
    findLinks,
    indexStrategy: strategy as IndexStrategy,
    ...(onlyBinary !== '' ? { onlyBinary } : {}),
    pre,
    wheelhouse,
    cache,
    cacheSuffix,
    cacheBackend: cacheBackend as ActionInputs['cacheBackend'],
    ...(s3 !== undefined ? { s3 } : {}),
    concurrency,
    install,
    clean,
    installer: installer as ActionInputs['installer'],
    compile,
    breakSystemPackages,
  };
}
