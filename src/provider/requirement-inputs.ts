/**
 * The user's input to a resolution: requirement and constraint files read with pip's
 * requirements-file rules (src/standards/requirements-file.ts) and turned into requirements that
 * remember their file and line, `--hash` pins per project, direct URL files, and the finder options
 * the files set. A `pyproject.toml` input gives its `[project]` dependencies, selected extras and
 * dependency groups (project-inputs.ts). Editable and local-path requirements naming a project
 * directory contribute that project's dependencies and are returned as local projects; any other
 * editable or local path (an archive, a VCS URL) cannot be resolved from an index: an error naming
 * its line, never silently dropped. Direct URLs are checked in direct-url-file.ts, the files'
 * finder options merged in requirement-inputs-options.ts, build options kept per line in
 * requirement-build-options.ts.
 */
import type { DistFile } from '../index/dist-file.js';
import { registerExpansion, registerUrlSecrets, urlsInText } from '../index/redact.js';
import type { NormalizedName } from '../standards/names.js';
import { parseRequirement } from '../standards/requirement.js';
import {
  parseRequirementsFile,
  type RequirementLine,
  type RequirementsFileIo,
  type RequirementsFileOptions,
  type SourcedText,
} from '../standards/requirements-file.js';
import { defaultOptions } from '../standards/requirements-file-options.js';
import { applyBinaryOption } from '../standards/requirements-file-binary.js';
import { RequirementsFileError } from '../standards/requirements-file-problem.js';
import { isArchiveName, isUrl } from '../standards/requirements-file-targets.js';
import { checkDirectUrls } from './direct-url-file.js';
import {
  isPyprojectFile,
  NO_SELECTION,
  readLocalProject,
  readPyprojectInput,
  unknownSelections,
  type DynamicProject,
  type LocalProject,
  type ProjectPython,
  type ProjectSelection,
} from './project-inputs.js';
import type { SourcedRequirement } from './python-provider.js';
import type { BuildOptionLine, RequirementBuildOptions } from './requirement-build-options.js';
import { mergeOptions } from './requirement-inputs-options.js';

export interface RequirementInputs {
  requirements: SourcedRequirement[];
  constraints: SourcedRequirement[];
  /**
   * `--hash` pins: project → algorithm → digests (lowercase hex); with several lines (requirements
   * and constraints) naming a project, what all of them allow (hashesOfBoth).
   */
  hashes: Map<NormalizedName, Map<string, Set<string>>>;
  /**
   * Where the first `--hash` was written (requirement or constraint line, whatever its marker):
   * pip then checks hashes as if `--require-hashes` had been given (req_command.py: "If any
   * requirement has hash options, enable hash checking").
   */
  hashOptionsAt?: string;
  /** Direct URL requirements (`name @ url`): the project's only file. */
  directFiles: Map<NormalizedName, DistFile>;
  /** Finder options from the files (index URLs, --pre, binary rules …), merged across files. */
  options: RequirementsFileOptions;
  /** Every file read. */
  files: string[];
  /** Local project directories (`-e .`, `./pkg`): their dependencies are in `requirements`. */
  localProjects: LocalProject[];
  /** Projects whose dependencies the build frontend must give (src/flow/dynamic-projects.ts). */
  dynamicProjects: DynamicProject[];
  /** Local projects' `requires-python` (pyproject input, `-e ./proj`): the flow checks them. */
  projectPythons: ProjectPython[];
  /**
   * Every requirement line (not constraint) that gives `--config-settings` / `--global-option`
   * (pip 23.2's per-requirement options besides `--hash`), with its marker, in the order read.
   */
  buildOptionLines: BuildOptionLine[];
  /**
   * The options of `buildOptionLines` whose marker holds for the target, by project
   * (`buildOptionsFor`; empty until the target is known, src/flow/prepare.ts): pip hands them to
   * that project's build; so does wheelhouse when the project resolves to an sdist
   * (src/build/build-wheel.ts).
   */
  buildOptions: Map<NormalizedName, RequirementBuildOptions>;
  /**
   * Where a `--global-option` was first written, when one was — on a requirement or a constraint
   * line, whatever its marker: pip 23.2 then takes no binary distribution at all
   * (`options.binaryValues` ends with `--no-binary :all:`).
   */
  impliedNoBinary?: string;
}

/**
 * Most distinct projects the requirements may name (issue 10 §2). Each is a project page request
 * (on every index) and a node of the resolution, all asked for at once; 100,000 names took 14 s and
 * 1.1 GB before any answer. Far above real requirement sets (a few hundred to a few thousand);
 * the index client bounds the projects a whole resolution may look up the same way (index-client.ts).
 */
export const MAX_REQUIRED_PROJECTS = 10_000;

export class RequirementInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RequirementInputError';
  }
}

/**
 * The pins two lines naming one project leave, as pip combines them (`Hashes.__and__`,
 * _internal/utils/hashes.py; the resolver's factory `hashes &= ireq.hashes(…)` over every
 * requirement and constraint line of the project): a file must match every line. Of algorithms both
 * give, the digests both give; an algorithm only one line gives is dropped. Nothing left (no
 * algorithm in common) is no pins at all, as pip's empty `Hashes` is.
 */
function hashesOfBoth(a: Map<string, Set<string>>, b: Map<string, Set<string>>): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  for (const [algo, digests] of b) {
    const mine = a.get(algo);
    if (mine !== undefined) out.set(algo, new Set([...digests].filter((d) => mine.has(d))));
  }
  return out;
}

function originOf(line: RequirementLine): string {
  return `${line.source.file}:${line.source.line}`;
}

/**
 * The inputs' URL secrets (userinfo, query values, token-like path segments) are the run's before
 * anything is shown: every requirement's direct URL — a pyproject.toml's and a local project's too,
 * not only a requirements file's (review 1 s11 #14) — and, when reading fails, every URL its error
 * quotes (a wrong line is shown in it, #2). Only what the inputs use or quote is registered, never
 * a comment's or a project's homepage URL (they would mask public URLs in the outputs).
 */
export async function readRequirementInputs(
  files: string[],
  constraintFiles: string[],
  io: RequirementsFileIo,
  env: Record<string, string | undefined> = {},
  selection: ProjectSelection = NO_SELECTION,
): Promise<RequirementInputs> {
  try {
    const inputs = await readInputs(files, constraintFiles, io, env, selection);
    for (const r of [...inputs.requirements, ...inputs.constraints])
      if (r.requirement.url !== undefined) registerUrlSecrets(r.requirement.url);
    return inputs;
  } catch (error) {
    const quoted = [
      error instanceof Error ? error.message : String(error),
      ...(error instanceof RequirementsFileError ? error.problems.map((p) => p.text) : []),
    ];
    for (const text of quoted) for (const url of urlsInText(text)) registerUrlSecrets(url);
    throw error;
  }
}

async function readInputs(
  files: string[],
  constraintFiles: string[],
  io: RequirementsFileIo,
  env: Record<string, string | undefined>,
  selection: ProjectSelection,
): Promise<RequirementInputs> {
  const out: RequirementInputs = {
    requirements: [],
    constraints: [],
    hashes: new Map(),
    directFiles: new Map(),
    options: defaultOptions(),
    files: [],
    localProjects: [],
    dynamicProjects: [],
    projectPythons: [],
    buildOptionLines: [],
    buildOptions: new Map(),
  };
  const problems: string[] = [];
  let firstGlobalOption: string | undefined;
  const pyprojects: string[] = [];
  const found = { extras: new Set<string>(), groups: new Set<string>() };
  const takePyproject = async (path: string): Promise<void> => {
    const read = await readPyprojectInput(path, io, selection);
    pyprojects.push(path);
    if (!out.files.includes(path)) out.files.push(path);
    out.requirements.push(...read.requirements);
    if (read.dynamic !== undefined) out.dynamicProjects.push(read.dynamic);
    if (read.requiresPython !== undefined) out.projectPythons.push(read.requiresPython);
    for (const e of read.foundExtras) found.extras.add(e);
    for (const g of read.foundGroups) found.groups.add(g);
  };
  const takeLocal = async (line: SourcedText, editable: boolean): Promise<void> => {
    const what = editable ? 'editable requirement' : 'local path requirement';
    if (line.constraint || isArchiveName(line.text) || (isUrl(line.text) && !/^file:/i.test(line.text))) {
      problems.push(
        `${line.source.file}:${line.source.line}: ${what} ${line.text} cannot be resolved from an index`,
      );
      return;
    }
    const local = await readLocalProject(line, editable, io);
    if (local.requiresPython !== undefined) out.projectPythons.push(local.requiresPython);
    if ('dynamic' in local) out.dynamicProjects.push(local.dynamic);
    else {
      out.localProjects.push(local.project);
      out.requirements.push(...local.requirements);
    }
  };
  const take = async (path: string, asConstraints: boolean): Promise<void> => {
    if (isPyprojectFile(path)) {
      if (asConstraints) problems.push(`${path}: a pyproject.toml cannot be a constraints file`);
      else await takePyproject(path);
      return;
    }
    // `${VAR}` values and the secret parts of every URL the files name are secrets of the run,
    // registered before anything is shown (src/index/redact.ts).
    // A `-c` file is read as a constraints file (pip's `parse_requirements(…, constraint=True)`):
    // its lines are constraints, pip's constraint-form checks apply, and a `-r` inside it gives
    // requirements (review 16a F2, F7).
    const result = await parseRequirementsFile(path, io, {
      env,
      onExpand: (value, where) => registerExpansion(value, where),
      constraint: asConstraints,
    });
    for (const u of [
      ...(result.options.indexUrl !== undefined ? [result.options.indexUrl] : []),
      ...result.options.extraIndexUrls,
      ...result.options.findLinks,
    ])
      registerUrlSecrets(u);
    mergeOptions(out.options, result.options);
    out.files.push(...result.files.filter((f) => !out.files.includes(f)));
    for (const e of result.editables) await takeLocal(e, true);
    for (const p of result.localPaths) await takeLocal(p, false);
    const lines = [
      ...result.requirements.map((l) => ({ l, c: false })),
      ...result.constraints.map((l) => ({ l, c: true })),
    ];
    for (const { l, c } of lines) {
      const sourced = { requirement: l.requirement, origin: originOf(l) };
      (c ? out.constraints : out.requirements).push(sourced);
      // A constraint's own options build nothing (pip's resolver installs no constraint): only a
      // requirement line's reach a build. Any `--global-option` implies `--no-binary :all:`.
      if (l.globalOptions.length > 0) firstGlobalOption ??= originOf(l);
      if (!c && (l.configSettings.length > 0 || l.globalOptions.length > 0)) {
        out.buildOptionLines.push({
          requirement: l.requirement,
          configSettings: l.configSettings,
          globalOptions: l.globalOptions,
          origin: originOf(l),
        });
      }
      if (l.hashes.length > 0) {
        out.hashOptionsAt ??= originOf(l);
        const byAlgo = new Map<string, Set<string>>();
        for (const h of l.hashes) {
          const [algo, hex] = h.split(':') as [string, string];
          const set = byAlgo.get(algo) ?? new Set<string>();
          set.add(hex.toLowerCase());
          byAlgo.set(algo, set);
        }
        const before = out.hashes.get(l.requirement.name);
        const pins = before === undefined ? byAlgo : hashesOfBoth(before, byAlgo);
        if (pins.size > 0) out.hashes.set(l.requirement.name, pins);
        else out.hashes.delete(l.requirement.name);
      }
    }
  };
  // pip parses the constraints files first, then the requirement files (req_command.py
  // `get_requirements`): a requirement file's `-i` wins over a constraints file's.
  for (const f of constraintFiles) await take(f, true);
  for (const f of files) await take(f, false);
  // pip 23.2: a `--global-option` on any line read — a requirement's or a constraint's, its marker
  // not yet evaluated — turns the whole command to `--no-binary :all:` after everything else
  // ("Implying --no-binary=:all: due to the presence of --build-option / --global-option",
  // req_install.py `check_legacy_setup_py_options` over every InstallRequirement parsed):
  // every distribution is built.
  if (firstGlobalOption !== undefined) {
    out.options.binaryValues.push({ option: 'no-binary', value: ':all:' });
    applyBinaryOption('no-binary', ':all:', out.options);
    out.impliedNoBinary = firstGlobalOption;
  }
  if (selection.extras.length > 0 || selection.allExtras || selection.groups.length > 0) {
    if (pyprojects.length === 0) {
      problems.push(
        '--extra, --all-extras and --group select from a pyproject.toml (or lock file) input; none was given',
      );
    } else problems.push(...unknownSelections(selection, pyprojects, found));
  }
  // A requirement on a local project is satisfied by that project, not by an index.
  const local = new Set(out.localProjects.map((p) => p.name));
  out.requirements = out.requirements.filter((r) => !local.has(r.requirement.name));
  const named = new Set<string>();
  for (const r of out.requirements) {
    named.add(r.requirement.name);
    if (named.size > MAX_REQUIRED_PROJECTS) {
      problems.push(
        `${r.origin}: ${r.requirement.name} is project number ${named.size}: the requirements may name at most ${MAX_REQUIRED_PROJECTS} distinct projects (each is a page request and a node of the resolution)`,
      );
      break;
    }
  }
  checkDirectUrls(out, problems);
  if (problems.length > 0) throw new RequirementInputError(problems.join('\n'));
  return out;
}

/** Requirements given as strings (tests, `packse`), with origins `<label>:<n>`. */
export function inlineRequirements(texts: string[], label = '<input>'): SourcedRequirement[] {
  return texts.map((text, i) => ({ requirement: parseRequirement(text), origin: `${label}:${i + 1}` }));
}
