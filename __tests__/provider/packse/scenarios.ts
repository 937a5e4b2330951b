/**
 * Loader of the packse scenario corpus (../shared/corpora/packse, see its SOURCE.txt): reads every
 * scenario file (TOML, JSON or YAML, one object or a list) into a typed `Scenario`, applies the
 * documented defaults (requires_python ">=3.12", sdist and wheel true, one py3-none-any wheel) and
 * sorts scenarios into uv's three kinds: `lock` (resolver_options.universal), `compile`
 * (resolver_options.python set) and `install` (everything else).
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parse as parseToml } from 'smol-toml';
import { parse as parseYaml } from 'yaml';
import { SHARED_DIR, sharedMissing } from '../../helpers/optional-suite.js';

export const PACKSE_ROOT = join(SHARED_DIR, 'corpora', 'packse');
/** For `describeWhenAvailable`: undefined when the corpus is present, else what is missing. */
export const PACKSE_MISSING = sharedMissing('corpora', 'packse', 'scenarios');

export type ScenarioKind = 'install' | 'compile' | 'lock';

export interface ScenarioVersion {
  requires: string[];
  extras: Record<string, string[]>;
  requiresPython: string;
  sdist: boolean;
  wheel: boolean;
  /** `py-abi-platform` triples; empty means one py3-none-any wheel. */
  wheelTags: string[];
  yanked: boolean;
}

export interface Scenario {
  name: string;
  /** Path relative to the corpus root. */
  file: string;
  kind: ScenarioKind;
  description: string;
  root: { requires: string[]; requiresPython: string };
  packages: Record<string, Record<string, ScenarioVersion>>;
  expected: { satisfiable: boolean; packages: Record<string, string>; explanation?: string };
  options: {
    python?: string;
    pythonPlatform?: string;
    prereleases: boolean;
    noBinary: string[];
    noBuild: string[];
    universal: boolean;
  };
  environment: { python: string; additionalPython: string[] };
}

export class ScenarioError extends Error {
  constructor(file: string, message: string) {
    super(`${file}: ${message}`);
    this.name = 'ScenarioError';
  }
}

type Raw = Record<string, unknown>;

function asTable(value: unknown, file: string, what: string): Raw {
  if (value === undefined || value === null || value === '') return {};
  if (typeof value !== 'object' || Array.isArray(value))
    throw new ScenarioError(file, `${what} is not a table`);
  return value as Raw;
}

function asStrings(value: unknown, file: string, what: string): string[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) throw new ScenarioError(file, `${what} is not a list`);
  return value.map((v) => String(v));
}

/** YAML is read with the failsafe schema (all scalars strings), so "true" must be turned back. */
function asBool(value: unknown, fallback: boolean): boolean {
  if (value === undefined || value === null) return fallback;
  if (typeof value === 'boolean') return value;
  return String(value) === 'true';
}

function optString(value: unknown): string | undefined {
  return value === undefined || value === null ? undefined : String(value);
}

function toVersion(raw: unknown, file: string, where: string): ScenarioVersion {
  const t = asTable(raw, file, where);
  const extrasRaw = asTable(t.extras, file, `${where}.extras`);
  const extras: Record<string, string[]> = {};
  for (const [k, v] of Object.entries(extrasRaw)) extras[k] = asStrings(v, file, `${where}.extras.${k}`);
  return {
    requires: asStrings(t.requires, file, `${where}.requires`),
    extras,
    requiresPython: optString(t.requires_python) ?? '>=3.12',
    sdist: asBool(t.sdist, true),
    wheel: asBool(t.wheel, true),
    wheelTags: asStrings(t.wheel_tags, file, `${where}.wheel_tags`),
    yanked: asBool(t.yanked, false),
  };
}

function toScenario(raw: Raw, file: string): Scenario {
  const name = optString(raw.name);
  if (name === undefined) throw new ScenarioError(file, 'scenario without a name');
  const root = asTable(raw.root, file, 'root');
  const expected = asTable(raw.expected, file, 'expected');
  const options = asTable(raw.resolver_options, file, 'resolver_options');
  const environment = asTable(raw.environment, file, 'environment');
  const packages: Scenario['packages'] = {};
  for (const [pkgName, pkgRaw] of Object.entries(asTable(raw.packages, file, 'packages'))) {
    const versions = asTable(
      asTable(pkgRaw, file, `packages.${pkgName}`).versions,
      file,
      `${pkgName}.versions`,
    );
    packages[pkgName] = {};
    for (const [version, v] of Object.entries(versions)) {
      (packages[pkgName] as Record<string, ScenarioVersion>)[version] = toVersion(
        v,
        file,
        `${pkgName} ${version}`,
      );
    }
  }
  const expectedPackages: Record<string, string> = {};
  for (const [k, v] of Object.entries(asTable(expected.packages, file, 'expected.packages'))) {
    expectedPackages[k] = String(v);
  }
  const universal = asBool(options.universal, false);
  const python = optString(options.python);
  const explanation = optString(expected.explanation);
  return {
    name,
    file,
    kind: universal ? 'lock' : python !== undefined ? 'compile' : 'install',
    description: optString(raw.description) ?? '',
    root: {
      requires: asStrings(root.requires, file, 'root.requires'),
      requiresPython: optString(root.requires_python) ?? '>=3.12',
    },
    packages,
    expected: {
      satisfiable: asBool(expected.satisfiable, false),
      packages: expectedPackages,
      ...(explanation !== undefined ? { explanation } : {}),
    },
    options: {
      ...(python !== undefined ? { python } : {}),
      ...(optString(options.python_platform) !== undefined
        ? { pythonPlatform: optString(options.python_platform) as string }
        : {}),
      prereleases: asBool(options.prereleases, false),
      noBinary: asStrings(options.no_binary, file, 'resolver_options.no_binary'),
      noBuild: asStrings(options.no_build, file, 'resolver_options.no_build'),
      universal,
    },
    environment: {
      python: optString(environment.python) ?? '3.12',
      additionalPython: asStrings(environment.additional_python, file, 'environment.additional_python'),
    },
  };
}

function parseFile(path: string): Raw[] {
  const text = readFileSync(path, 'utf8');
  let parsed: unknown;
  if (path.endsWith('.toml')) parsed = parseToml(text);
  else if (path.endsWith('.json')) parsed = JSON.parse(text);
  else if (path.endsWith('.yaml') || path.endsWith('.yml')) parsed = parseYaml(text, { schema: 'failsafe' });
  else return [];
  return (Array.isArray(parsed) ? parsed : [parsed]) as Raw[];
}

function walk(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir).sort()) {
    const full = join(dir, entry);
    if (statSync(full).isDirectory()) out.push(...walk(full));
    else out.push(full);
  }
  return out;
}

/** Every scenario of the corpus, sorted by file path; throws on duplicate names. */
export function loadScenarios(root = PACKSE_ROOT): Scenario[] {
  const scenarios: Scenario[] = [];
  const names = new Set<string>();
  for (const path of walk(join(root, 'scenarios'))) {
    const file = relative(root, path);
    for (const raw of parseFile(path)) {
      const scenario = toScenario(raw, file);
      if (names.has(scenario.name)) throw new ScenarioError(file, `duplicate scenario name ${scenario.name}`);
      names.add(scenario.name);
      scenarios.push(scenario);
    }
  }
  return scenarios;
}
