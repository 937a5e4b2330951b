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

/** The and-ed parts of a marker (`a and (b and c)` → a, b, c), each keyed by its structure. */
function conjuncts(m: Marker | undefined): Map<string, Marker> {
  const out = new Map<string, Marker>();
  const walk = (n: Marker): void => {
    if (n.kind === 'and') n.items.forEach(walk);
    else out.set(JSON.stringify(n), n);
  };
  if (m !== undefined) walk(m);
  return out;
}

/** Where a walk of the project's requirements stands: the and-ed marker and its parts' keys. */
interface Reach {
  marker: Marker | undefined;
  keys: ReadonlySet<string>;
}

/** `reach` and-ed with `marker`, each part once (`a and a` is `a`). */
function narrow(reach: Reach, marker: Marker | undefined): Reach {
  const parts = conjuncts(marker);
  const added = [...parts].filter(([key]) => !reach.keys.has(key));
  if (added.length === 0) return reach;
  const keys = new Set(reach.keys);
  for (const [key] of added) keys.add(key);
  if (added.length === parts.size) return { marker: andMarkers(reach.marker, marker), keys };
  return { marker: added.reduce<Marker | undefined>((m, [, c]) => andMarkers(m, c), reach.marker), keys };
}

/**
 * Replaces requirements on the project itself (`name[extra]`) by the dependencies of the project
 * and of those extras, recursively, with the self-reference's marker and-ed onto every expanded
 * requirement. A self-reference with a version specifier or URL is kept out too: the project is
 * the local one. Unknown extras are errors naming the key that asked for them.
 *
 * Each extra (and the project's own dependencies) is expanded once per marker under which it is
 * reached, and not again under a marker that only adds parts to one it was already expanded under
 * (everything that walk would give is implied by the earlier one) — pip and uv resolve an extra as
 * one node, so two self-references to the next extra under two markers must not double the work per
 * level (review 15c F4: 2^n requirements for n extras). Markers whose parts differ at every level can
 * still multiply: the whole expansion is bounded by SELF_REFERENCE_MAX_STEPS, a PyprojectError
 * naming the key where it ran out.
 */
export function expandSelfReferences(
  project: ProjectTable,
  requirements: DeclaredRequirement[],
): DeclaredRequirement[] {
  const out: DeclaredRequirement[] = [];
  // Per extra ('' for the project's own dependencies): the marker parts it was expanded under.
  const expanded = new Map<string, ReadonlySet<string>[]>();
  let steps = 0;
  const spend = (n: number, key: string): void => {
    steps += n;
    if (steps > SELF_REFERENCE_MAX_STEPS)
      throw new PyprojectError(
        project.file,
        key,
        `self-references (${project.name}[…]) expand to more than ${SELF_REFERENCE_MAX_STEPS} requirements (extras reached under ever more distinct markers)`,
      );
  };
  const firstTime = (node: string, reach: Reach, key: string): boolean => {
    const earlier = expanded.get(node) ?? [];
    spend(earlier.length, key);
    if (earlier.some((keys) => [...keys].every((k) => reach.keys.has(k)))) return false;
    earlier.push(reach.keys);
    expanded.set(node, earlier);
    return true;
  };
  const walk = (reqs: DeclaredRequirement[], reach: Reach, depth: number): void => {
    for (const r of reqs) {
      spend(1, r.key);
      if (r.requirement.name !== project.name) {
        const m = andMarkers(reach.marker, r.requirement.marker);
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
      const next = narrow(reach, r.requirement.marker);
      if (firstTime('', next, r.key)) walk(projectDependencies(project), next, depth + 1);
      for (const extra of r.requirement.extras) {
        if (firstTime(`[${normalizeName(extra)}`, next, r.key))
          walk(extraDependencies(project, extra, r.key), next, depth + 1);
      }
    }
  };
  walk(requirements, { marker: undefined, keys: new Set() }, 0);
  return out;
}

/**
 * How many requirements (and earlier expansions compared) expanding self-references may visit in
 * all: far above a project's real `all` extras, far below what a few hundred bytes of extras naming
 * each other under distinct markers could ask for.
 */
export const SELF_REFERENCE_MAX_STEPS = 100_000;

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
