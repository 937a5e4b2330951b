/**
 * pip requirements files — pip's "Requirements File Format" reference
 * (https://pip.pypa.io/en/stable/reference/requirements-file-format/): requirement lines
 * (PEP 508 via requirement.ts) with per-requirement options (`--hash`, `--config-settings`,
 * `--global-option`), global option lines, `-r/--requirement` and `-c/--constraint` includes
 * resolved relative to the including file, `-e/--editable` lines, local paths and bare URLs.
 * The parser is requirements-file-reader.ts (a requirement line's own options and target:
 * requirements-file-requirement-line.ts; the problems it keeps: requirements-file-problem-log.ts),
 * the result shapes and size limits requirements-file-types.ts; lines, comments and continuations
 * are in requirements-file-lines.ts, `${VAR}` in requirements-file-variables.ts, options in
 * requirements-file-options.ts, path/URL classification in requirements-file-targets.ts.
 *
 * File reading is injected; nothing here touches the file system. Every problem of every file
 * is collected with its file, line, column and text and thrown together as one
 * RequirementsFileError.
 *
 * Deliberate deviations from pip 23.x, all to avoid silently dropping what a file says:
 * - pip ignores global options written after a requirement, options after `-r`/`-c`/`-e` on the
 *   same line, `--hash` on a line without a requirement, extra `-f` values of one line and
 *   non-option words after options: here each is a problem (or, for `-f`, kept).
 * - `--config-settings` and `--global-option` are kept on the requirement line (pip 23.2's
 *   per-requirement options besides `--hash`): they reach that project's build when it resolves to
 *   an sdist (src/build/build-wheel.ts), as pip's do.
 * - A file included more than once (in the same role: requirements or constraints) is parsed
 *   once; pip parses it at every include, repeating identical lines, and a fan-out of includes
 *   (each file including every later one) would cost 2^n parses. Sizes are bounded
 *   (REQUIREMENTS_FILE_LIMITS), with problems naming the file and line.
 * - Editables and local paths are returned, not installed; requirements files over HTTP are not
 *   supported; pip's constraint-form checks (no editables, no local paths, no extras) are
 *   problems here.
 *
 * As pip 23.2 (req_file.py `_parse_and_recurse`): a `-c` include is a constraints file and a `-r`
 * include a requirements file, whatever the including file is — `-r more.txt` inside a
 * constraints file gives requirements (review 16a F7).
 */

import { FileReader } from './requirements-file-reader.js';
import { RequirementsFileError, type RequirementsFileProblem } from './requirements-file-problem.js';
import {
  REQUIREMENTS_FILE_LIMITS,
  type ParseRequirementsFileOptions,
  type RequirementsFileIo,
  type RequirementsFileResult,
} from './requirements-file-types.js';

export {
  formatProblem,
  redactCredentials,
  RequirementsFileError,
  type RequirementsFileProblem,
  type SourceLocation,
} from './requirements-file-problem.js';
export {
  allowedFormats,
  mayUseSdist,
  mayUseWheel,
  type AllowedFormats,
  type BinaryRule,
} from './requirements-file-binary.js';
export type { RequirementsFileOptions } from './requirements-file-options.js';
export {
  REQUIREMENTS_FILE_LIMITS,
  type ParseRequirementsFileOptions,
  type RequirementLine,
  type RequirementsFileIo,
  type RequirementsFileLimits,
  type RequirementsFileResult,
  type SourcedText,
} from './requirements-file-types.js';

/**
 * Reads a requirements file and everything it includes, collecting problems instead of throwing:
 * the result holds everything that parsed, `problems` everything that did not (in file order,
 * includes at the point they are included).
 */
export async function collectRequirementsFile(
  path: string,
  io: RequirementsFileIo,
  options: ParseRequirementsFileOptions = {},
): Promise<{ result: RequirementsFileResult; problems: RequirementsFileProblem[] }> {
  const reader = new FileReader(
    io,
    options.env ?? {},
    { ...REQUIREMENTS_FILE_LIMITS, ...options.limits },
    options.onExpand,
  );
  await reader.parseFile(path, options.constraint ?? false, { chain: [], shown: [] });
  return { result: { ...reader.result, files: reader.files }, problems: reader.shownProblems(path) };
}

/**
 * Reads a requirements file and everything it includes. Throws RequirementsFileError listing
 * every problem found in every file; otherwise returns requirements, constraints, editables,
 * local paths and the finder options, all with their sources.
 */
export async function parseRequirementsFile(
  path: string,
  io: RequirementsFileIo,
  options: ParseRequirementsFileOptions = {},
): Promise<RequirementsFileResult> {
  const { result, problems } = await collectRequirementsFile(path, io, options);
  if (problems.length > 0) throw new RequirementsFileError(problems);
  return result;
}
