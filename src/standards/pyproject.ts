/**
 * The `[project]` table of pyproject.toml — PEP 621, as kept current in the PyPA "Declaring project
 * metadata (pyproject.toml)" specification: `name`, `requires-python`, `dependencies` (an array of
 * PEP 508 strings), `optional-dependencies` (a table of extra name → array of PEP 508 strings) and
 * `dynamic` (fields a build backend provides; a field listed there must not also be given
 * statically, and `name` can never be dynamic).
 *
 * Input is an already parsed TOML document (plain objects and arrays); every problem names the file
 * and the key (`project.dependencies[2]`). Requirements on the project itself (`myproj[test]` inside
 * an extra, a common way to build an `all` extra) are expanded in place, as pip does when it
 * installs the project with those extras, so the project never has to come from an index.
 * Not supported: reading any other field (version, scripts, entry points…): wheelhouse only needs
 * what decides the dependency set.
 */
import type { Marker } from './markers.js';
import { isValidName, normalizeName, type NormalizedName } from './names.js';
import { InvalidRequirementError, parseRequirement, type Requirement } from './requirement.js';

export class PyprojectError extends Error {
  constructor(
    readonly file: string,
    /** The TOML key, dotted (`project.optional-dependencies.test[0]`). */
    readonly key: string,
    readonly reason: string,
  ) {
    super(`${file}: ${key}: ${reason}`);
    this.name = 'PyprojectError';
  }
}

/** A requirement with the TOML key it was written under. */
export interface DeclaredRequirement {
  requirement: Requirement;
  key: string;
}

export interface ProjectTable {
  file: string;
  name: NormalizedName;
  rawName: string;
  requiresPython?: string;
  /** Normalized field names listed in `dynamic`. */
  dynamic: ReadonlySet<string>;
  /** Undefined when `dependencies` is dynamic. */
  dependencies?: DeclaredRequirement[];
  /** Extra (PEP 685 normalized) → requirements; undefined when `optional-dependencies` is dynamic. */
  optionalDependencies?: Map<string, DeclaredRequirement[]>;
}

export type TomlTable = Record<string, unknown>;

export function isTable(v: unknown): v is TomlTable {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof Date);
}

/** Parses `value` (at `key`) as an array of PEP 508 strings. */
export function requirementArray(file: string, key: string, value: unknown): DeclaredRequirement[] {
  if (!Array.isArray(value)) throw new PyprojectError(file, key, 'must be an array of requirement strings');
  return value.map((item, i) => {
    const at = `${key}[${i}]`;
    if (typeof item !== 'string') throw new PyprojectError(file, at, 'must be a string');
    return { requirement: parseDeclared(file, at, item), key: at };
  });
}

/** Parses one PEP 508 string found at `key`; a PyprojectError naming the key when it is invalid. */
export function parseDeclared(file: string, key: string, text: string): Requirement {
  try {
    return parseRequirement(text);
  } catch (error) {
    if (error instanceof InvalidRequirementError) {
      throw new PyprojectError(file, key, `invalid requirement ${JSON.stringify(text)}: ${error.reason}`);
    }
    throw error;
  }
}

/**
 * The `[project]` table of `doc`, or undefined when there is none (a pyproject.toml may hold only
 * `[build-system]`, `[dependency-groups]` or tool tables).
 */
export function readProjectTable(doc: TomlTable, file: string): ProjectTable | undefined {
  const project = doc['project'];
  if (project === undefined) return undefined;
  if (!isTable(project)) throw new PyprojectError(file, 'project', 'must be a table');

  const dynamicValue = project['dynamic'] ?? [];
  if (!Array.isArray(dynamicValue) || dynamicValue.some((d) => typeof d !== 'string')) {
    throw new PyprojectError(file, 'project.dynamic', 'must be an array of field names');
  }
  const dynamic = new Set((dynamicValue as string[]).map((d) => d.toLowerCase()));
  if (dynamic.has('name')) throw new PyprojectError(file, 'project.dynamic', '"name" cannot be dynamic');
  for (const field of ['dependencies', 'optional-dependencies', 'requires-python']) {
    if (dynamic.has(field) && project[field] !== undefined) {
      throw new PyprojectError(
        file,
        `project.${field}`,
        `is given and also listed in project.dynamic (PEP 621 forbids both)`,
      );
    }
  }

  const rawName = project['name'];
  if (typeof rawName !== 'string') throw new PyprojectError(file, 'project.name', 'must be a string');
  if (!isValidName(rawName)) {
    throw new PyprojectError(file, 'project.name', `${JSON.stringify(rawName)} is not a valid project name`);
  }
  const requiresPython = project['requires-python'];
  if (requiresPython !== undefined && typeof requiresPython !== 'string') {
    throw new PyprojectError(file, 'project.requires-python', 'must be a string');
  }

  const out: ProjectTable = { file, name: normalizeName(rawName), rawName, dynamic };
  if (typeof requiresPython === 'string') out.requiresPython = requiresPython;
  if (!dynamic.has('dependencies')) {
    const deps = project['dependencies'];
    out.dependencies = deps === undefined ? [] : requirementArray(file, 'project.dependencies', deps);
  }
  if (!dynamic.has('optional-dependencies')) {
    const optional = project['optional-dependencies'] ?? {};
    if (!isTable(optional)) {
      throw new PyprojectError(file, 'project.optional-dependencies', 'must be a table of extra names');
    }
    const extras = new Map<string, DeclaredRequirement[]>();
    for (const [extra, list] of Object.entries(optional)) {
      const key = `project.optional-dependencies.${extra}`;
      if (!isValidName(extra)) throw new PyprojectError(file, key, 'is not a valid extra name');
      const normalized = normalizeName(extra);
      if (extras.has(normalized)) {
        throw new PyprojectError(file, key, `names the same extra as another key (${normalized})`);
      }
      extras.set(normalized, requirementArray(file, key, list));
    }
    out.optionalDependencies = extras;
  }
  return out;
}

function andMarkers(a: Marker | undefined, b: Marker | undefined): Marker | undefined {
  if (a === undefined) return b;
  if (b === undefined) return a;
  return { kind: 'and', items: [a, b] };
}

/**
 * Replaces requirements on the project itself (`name[extra]`) by the dependencies of the project
 * and of those extras, recursively (each extra once), with the self-reference's marker and-ed onto
 * every expanded requirement. A self-reference with a version specifier or URL is kept out too: the
 * project is the local one. Unknown extras are errors naming the key that asked for them.
 */
export function expandSelfReferences(
  project: ProjectTable,
  requirements: DeclaredRequirement[],
): DeclaredRequirement[] {
  const out: DeclaredRequirement[] = [];
  const seen = new Set<string>();
  const walk = (reqs: DeclaredRequirement[], marker: Marker | undefined, depth: number): void => {
    for (const r of reqs) {
      if (r.requirement.name !== project.name) {
        const m = andMarkers(marker, r.requirement.marker);
        out.push(m === r.requirement.marker ? r : { ...r, requirement: { ...r.requirement, marker: m } });
        continue;
      }
      // Each level nests its marker once more: a bound keeps a chain of thousands of extras
      // naming the next a clear error, not a stack overflow (review 4 of session 13).
      if (depth >= SELF_REFERENCE_MAX_DEPTH)
        throw new PyprojectError(
          project.file,
          r.key,
          `self-references (${project.name}[…]) nested more than ${SELF_REFERENCE_MAX_DEPTH} deep`,
        );
      const m = andMarkers(marker, r.requirement.marker);
      const key = `:${m === undefined ? '' : JSON.stringify(m)}`;
      if (!seen.has(key)) {
        seen.add(key);
        walk(projectDependencies(project), m, depth + 1);
      }
      for (const extra of r.requirement.extras) {
        const extraKey = `${extra}${key}`;
        if (seen.has(extraKey)) continue;
        seen.add(extraKey);
        walk(extraDependencies(project, extra, r.key), m, depth + 1);
      }
    }
  };
  walk(requirements, undefined, 0);
  return out;
}

/** How deep self-references (`name[extra]` inside the project's own tables) may chain. */
export const SELF_REFERENCE_MAX_DEPTH = 100;

/** `project.dependencies`; a clear error when they are dynamic. */
export function projectDependencies(project: ProjectTable): DeclaredRequirement[] {
  if (project.dependencies === undefined) {
    throw new PyprojectError(
      project.file,
      'project.dynamic',
      'lists "dependencies": they come from the build backend, which wheelhouse cannot run for this file yet; declare them statically in project.dependencies or give a requirements file',
    );
  }
  return project.dependencies;
}

/** The requirements of one extra; `askedBy` names where the extra was asked for. */
export function extraDependencies(
  project: ProjectTable,
  extra: string,
  askedBy: string,
): DeclaredRequirement[] {
  if (project.optionalDependencies === undefined) {
    throw new PyprojectError(
      project.file,
      'project.dynamic',
      `lists "optional-dependencies" (needed for extra ${JSON.stringify(extra)} asked by ${askedBy}): they come from the build backend, which wheelhouse cannot run for this file yet`,
    );
  }
  const normalized = normalizeName(extra);
  const list = project.optionalDependencies.get(normalized);
  if (list === undefined) {
    const known = [...project.optionalDependencies.keys()];
    throw new PyprojectError(
      project.file,
      'project.optional-dependencies',
      `has no extra ${JSON.stringify(extra)} (asked by ${askedBy}; extras: ${known.length === 0 ? 'none' : known.join(', ')})`,
    );
  }
  return list;
}

/** Every extra the project declares (for `--all-extras`). */
export function allExtras(project: ProjectTable): string[] {
  if (project.optionalDependencies === undefined) {
    throw new PyprojectError(
      project.file,
      'project.dynamic',
      'lists "optional-dependencies": --all-extras needs them statically declared',
    );
  }
  return [...project.optionalDependencies.keys()];
}
