/**
 * Requirements that come from a project rather than a requirements file (issue 11, §2):
 *
 * - `-r pyproject.toml`: PEP 621 `[project] dependencies`, the optional dependencies of the extras
 *   asked for (`--extra`, `--all-extras`, the action's `extras`) and the PEP 735 dependency groups
 *   asked for (`--group`, the action's `groups`) — the option names uv's `pip compile/install` use.
 *   An extra or group no pyproject input declares is an error (`unknownSelections`).
 * - `-e PATH` / `./PATH` lines of requirement files that name a local project directory: its
 *   dependencies (and those of the extras written after the path, `.[test]`) are resolved; the
 *   project itself is never fetched or put into the wheelhouse — it is returned as a LocalProject
 *   so the lock can say how to install it.
 *
 * Dynamic dependencies need the build frontend and are, for now, errors naming the file and key.
 * The TOML is parsed with smol-toml (toml-file.ts); its interpretation is src/standards.
 */
import { fileURLToPath } from 'node:url';
import { groupNames, groupRequirements, readDependencyGroups } from '../standards/dependency-groups.js';
import { normalizeName, type NormalizedName } from '../standards/names.js';
import {
  allExtras,
  expandSelfReferences,
  extraDependencies,
  projectDependencies,
  PyprojectError,
  readProjectTable,
  type DeclaredRequirement,
  type ProjectTable,
} from '../standards/pyproject.js';
import type { SourcedText } from '../standards/requirements-file.js';
import type { SourcedRequirement } from './python-provider.js';
import { parseTomlText, TOML_INPUT_BYTES } from './toml-file.js';

/** What the user selected from project inputs. */
export interface ProjectSelection {
  extras: string[];
  allExtras: boolean;
  groups: string[];
}

export const NO_SELECTION: ProjectSelection = { extras: [], allExtras: false, groups: [] };

/** A local project named by `-e PATH` or `PATH`: resolved for its dependencies, installed from its path. */
export interface LocalProject {
  name: NormalizedName;
  /** The path as written (relative paths are taken from the working directory, as pip does). */
  path: string;
  editable: boolean;
  extras: string[];
  /** `requirements.txt:3`. */
  origin: string;
}

export interface ProjectFileIo {
  /** `maxBytes`: the bound of this input (TOML_INPUT_BYTES for a pyproject.toml). */
  readFile(path: string, maxBytes?: number): Promise<string>;
}

/** Whether a requirement input is a pyproject.toml (by its file name). */
export function isPyprojectFile(path: string): boolean {
  return /(^|[/\\])pyproject\.toml$/i.test(path);
}

function sourced(file: string, list: DeclaredRequirement[]): SourcedRequirement[] {
  return list.map((d) => ({ requirement: d.requirement, origin: `${file} (${d.key})` }));
}

/**
 * A project whose dependencies its build backend provides (PEP 621 `dynamic`, or a local project
 * without a `[project]` table): the flow asks the target interpreter's pip for its prepared metadata
 * (src/flow/dynamic-projects.ts) once the indexes and the target are known.
 */
export interface DynamicProject {
  /** The project directory as given (relative to the working directory). */
  dir: string;
  /** What to name in messages: the pyproject.toml, or the requirement line. */
  label: string;
  extras: string[];
  allExtras: boolean;
  /** For a local project line (`-e .`): how the lock should name it. */
  local?: { path: string; editable: boolean; origin: string };
}

/** A local project's `requires-python` (PEP 621), checked against the target by the flow. */
export interface ProjectPython {
  /** The project's name and where it was named (`pyproject.toml`, `req.txt:3 -e ./proj`). */
  project: string;
  where: string;
  requiresPython: string;
}

export interface PyprojectRead {
  requirements: SourcedRequirement[];
  requiresPython?: ProjectPython;
  dynamic?: DynamicProject;
  /** Extras and groups (normalized) this file declares among those selected. */
  foundExtras: Set<string>;
  foundGroups: Set<string>;
}

function projectPython(
  project: ProjectTable | undefined,
  where: string,
): { requiresPython: ProjectPython } | Record<string, never> {
  if (project?.requiresPython === undefined) return {};
  return { requiresPython: { project: project.name, where, requiresPython: project.requiresPython } };
}

/** `-r pyproject.toml`: dependencies + selected extras + selected groups, self-references expanded. */
export async function readPyprojectInput(
  file: string,
  io: ProjectFileIo,
  selection: ProjectSelection,
): Promise<PyprojectRead> {
  const doc = parseTomlText(file, await io.readFile(file, TOML_INPUT_BYTES));
  const project = readProjectTable(doc, file);
  const groups = readDependencyGroups(doc, file);
  if (project === undefined && groups.groups.size === 0) {
    throw new PyprojectError(
      file,
      'project',
      'is missing: the file declares neither [project] nor [dependency-groups]',
    );
  }
  const foundExtras = new Set<string>();
  const foundGroups = new Set<string>();
  const declared: DeclaredRequirement[] = [];
  const python = projectPython(project, file);
  const wantsExtras = selection.allExtras || selection.extras.length > 0;
  if (
    project !== undefined &&
    (project.dependencies === undefined || (wantsExtras && project.optionalDependencies === undefined))
  ) {
    // The backend knows the dependencies; groups (never dynamic, PEP 735) are read here. A group's
    // requirement on the project itself asks for the project's extras from the backend too.
    const extras = new Set(selection.extras.map(normalizeName));
    const known = new Set(groupNames(groups).map(normalizeName));
    for (const group of selection.groups) {
      if (!known.has(normalizeName(group))) continue;
      for (const d of groupRequirements(groups, group, `--group ${group}`)) {
        if (d.requirement.name === project.name)
          d.requirement.extras.forEach((e) => extras.add(normalizeName(e)));
        else declared.push(d);
      }
      foundGroups.add(normalizeName(group));
    }
    for (const e of selection.extras) foundExtras.add(normalizeName(e));
    const slash = Math.max(file.lastIndexOf('/'), file.lastIndexOf('\\'));
    return {
      requirements: sourced(file, declared),
      dynamic: {
        dir: slash < 0 ? '.' : file.slice(0, slash) || '/',
        label: file,
        extras: [...extras],
        allExtras: selection.allExtras,
      },
      foundExtras,
      foundGroups,
      ...python,
    };
  }
  if (project !== undefined) {
    declared.push(...projectDependencies(project));
    const extras = selection.allExtras ? allExtras(project) : selection.extras.map(normalizeName);
    for (const extra of extras) {
      if (project.optionalDependencies !== undefined && !project.optionalDependencies.has(extra)) continue;
      declared.push(...extraDependencies(project, extra, `--extra ${extra}`));
      foundExtras.add(extra);
    }
  }
  const known = new Set(groupNames(groups).map(normalizeName));
  for (const group of selection.groups) {
    if (!known.has(normalizeName(group))) continue;
    declared.push(...groupRequirements(groups, group, `--group ${group}`));
    foundGroups.add(normalizeName(group));
  }
  const expanded = project === undefined ? declared : expandSelfReferences(project, declared);
  return { requirements: sourced(file, expanded), foundExtras, foundGroups, ...python };
}

/** Problems for selected extras/groups that no pyproject input declares (uv: "extra not found"). */
export function unknownSelections(
  selection: ProjectSelection,
  files: string[],
  found: { extras: Set<string>; groups: Set<string> },
): string[] {
  const where = files.join(', ');
  const problems: string[] = [];
  for (const e of selection.extras) {
    if (!found.extras.has(normalizeName(e)))
      problems.push(`--extra ${e}: no project.optional-dependencies.${e} in ${where}`);
  }
  for (const g of selection.groups) {
    if (!found.groups.has(normalizeName(g)))
      problems.push(`--group ${g}: no dependency-groups.${g} in ${where}`);
  }
  return problems;
}

/** Splits `./path[a,b]` into the path and its extras. */
export function splitExtras(text: string): { path: string; extras: string[] } {
  // The first "[" after the last "]" before a final "]" — what `^(.*?)\[([^\]]*)\]\s*$` matched,
  // found without the pattern's rescans (quadratic on a line full of "[": review 1 of session 13).
  // `.` does not cross line terminators, so the path part may hold none.
  const trimmed = text.trim();
  const body = trimmed.endsWith(']') ? trimmed.slice(0, -1) : undefined;
  const open = body === undefined ? -1 : body.indexOf('[', body.lastIndexOf(']') + 1);
  const head = open < 0 ? undefined : (body as string).slice(0, open);
  if (head === undefined || /[\n\r\u2028\u2029]/.test(head)) return { path: trimmed, extras: [] };
  const extras = (body as string)
    .slice(open + 1)
    .split(',')
    .map((e) => e.trim())
    .filter((e) => e !== '')
    .map(normalizeName);
  return { path: head.trim(), extras };
}

function joinPath(dir: string, name: string): string {
  return dir.endsWith('/') || dir.endsWith('\\') ? `${dir}${name}` : `${dir}/${name}`;
}

/**
 * A local project directory (`-e .`, `./pkg[test]`, `file:///…/pkg`): its static dependencies and
 * the dependencies of its extras. `line` is where it was written.
 */
export async function readLocalProject(
  line: SourcedText,
  editable: boolean,
  io: ProjectFileIo,
): Promise<
  (
    | { project: LocalProject; requirements: SourcedRequirement[] }
    | { dynamic: DynamicProject; requirements: [] }
  ) & { requiresPython?: ProjectPython }
> {
  const origin = `${line.source.file}:${line.source.line}`;
  const { path: written, extras } = splitExtras(line.text);
  let dir = written;
  if (/^file:/i.test(written)) {
    try {
      dir = fileURLToPath(written);
    } catch {
      throw new LocalProjectError(`${origin}: ${JSON.stringify(written)} is not a valid file: URL`);
    }
  }
  const file = joinPath(dir, 'pyproject.toml');
  const dynamic = {
    dynamic: {
      dir,
      label: `${origin} ${line.text}`,
      extras,
      allExtras: false,
      local: { path: written, editable, origin },
    },
    requirements: [] as [],
  };
  const exists = async (path: string): Promise<string | undefined> => {
    try {
      return await io.readFile(path, TOML_INPUT_BYTES);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ENOENT' || code === 'ENOTDIR' || code === 'EISDIR') return undefined;
      throw error;
    }
  };
  const text = await exists(file);
  if (text === undefined) {
    // setup.py-only (legacy) projects: the build backend (setuptools) gives the dependencies.
    if ((await exists(joinPath(dir, 'setup.py'))) !== undefined) return dynamic;
    throw new LocalProjectError(
      `${origin}: local project ${JSON.stringify(written)} has no pyproject.toml or setup.py: not a Python project directory`,
    );
  }
  const doc = parseTomlText(file, text);
  const project: ProjectTable | undefined = readProjectTable(doc, file);
  const python = projectPython(project, `${origin} ${line.text}`);
  if (
    project === undefined ||
    project.dependencies === undefined ||
    (extras.length > 0 && project.optionalDependencies === undefined)
  ) {
    return { ...dynamic, ...python };
  }
  const declared = [...projectDependencies(project)];
  for (const extra of extras) declared.push(...extraDependencies(project, extra, `${origin} ${line.text}`));
  const requirements = sourced(file, expandSelfReferences(project, declared)).map((r) => ({
    ...r,
    origin: `${origin} -> ${r.origin}`,
  }));
  return {
    project: { name: project.name, path: written, editable, extras, origin },
    requirements,
    ...python,
  };
}

export class LocalProjectError extends Error {
  override name = 'LocalProjectError';
}
