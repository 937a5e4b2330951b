/**
 * The shapes a parsed pip requirements file takes (pip's "Requirements File Format" reference,
 * https://pip.pypa.io/en/stable/reference/requirements-file-format/) and the bounds on what
 * reading one may cost. The parsing itself is in requirements-file-reader.ts; the entry points in
 * requirements-file.ts.
 */

import type { Requirement } from './requirement.js';
import type { SourceLocation } from './requirements-file-problem.js';
import type { RequirementsFileOptions } from './requirements-file-options.js';
import type { ExpandedRun } from './requirements-file-variables.js';

export interface RequirementLine {
  requirement: Requirement;
  /** `--hash` values as `algorithm:hex` (lowercase), in the order written. */
  hashes: readonly string[];
  /** `--config-settings`/`-C` values as written (`KEY=VALUE`); passed to the project's sdist build. */
  configSettings: readonly string[];
  /** `--global-option` values; passed to the project's sdist build. */
  globalOptions: readonly string[];
  source: SourceLocation;
}

/** A line returned as text: an editable (`-e` value) or a local path requirement. */
export interface SourcedText {
  text: string;
  source: SourceLocation;
  /** True when it came from a constraints file. */
  constraint: boolean;
  /** `--hash` values given on a local-path line. */
  hashes: string[];
}

export interface RequirementsFileResult {
  requirements: RequirementLine[];
  constraints: RequirementLine[];
  editables: SourcedText[];
  localPaths: SourcedText[];
  options: RequirementsFileOptions;
  /** Every file read, in the order first read (each once). */
  files: string[];
}

export interface RequirementsFileIo {
  /** The file's text; may refuse files over `maxBytes` without reading them (the parser checks too). */
  readFile(path: string, maxBytes?: number): Promise<string>;
  /**
   * The absolute path of `path` (relative ones read as `readFile` reads them) when something
   * exists there, else undefined. Without it, a relative `-f` stays as written.
   */
  existingPath?(path: string): Promise<string | undefined>;
}

/**
 * Bounds on what requirement files may cost, whatever they hold (docs/reliability.md): each file,
 * each logical line, all files together (their text with its `${VAR}`s expanded), and how many
 * files an include tree may read. Every file is parsed once per mode (requirements /
 * constraints) however often it is included, so a fan-out of includes (each file including all
 * the next ones) costs each file once.
 */
export const REQUIREMENTS_FILE_LIMITS = {
  /** Characters of one file. */
  fileChars: 16 * 1024 * 1024,
  /** Characters of one logical line (after joining continuations). */
  lineChars: 1024 * 1024,
  /** Characters of all files read for one parse. */
  totalChars: 64 * 1024 * 1024,
  /** Files read for one parse. */
  files: 1000,
  /**
   * Characters `${VAR}` expansion may scan and write for one parse (each replace costs the line's
   * length, as pip's `str.replace` does): a file of ordinary lines needs a few hundred thousand;
   * reached by values that keep naming each other, or by a megabyte line naming dozens of set
   * variables (review 4 s12: 256 Mi took 45 s) — refused within a few seconds.
   */
  expansionWork: 32 * 1024 * 1024,
} as const;

export type RequirementsFileLimits = typeof REQUIREMENTS_FILE_LIMITS;

export interface ParseRequirementsFileOptions {
  /** Variables for `${NAME}` expansion (the CLI passes process.env). */
  env?: Record<string, string | undefined>;
  /** Called with every value a `${NAME}` expanded to, before the line is parsed (secrets of the run). */
  onExpand?: (value: string, where: ExpandedRun) => void;
  /**
   * The file is a constraints file (pip's `-c FILE` on the command line, `parse_requirements(…,
   * constraint=True)`): its requirement lines are constraints, pip's constraint-form checks apply
   * (no editables, local paths or extras), and its `-r` includes are requirements again.
   */
  constraint?: boolean;
  /** Tighter or looser bounds than REQUIREMENTS_FILE_LIMITS (tests). */
  limits?: Partial<{ -readonly [K in keyof RequirementsFileLimits]: number }>;
}
