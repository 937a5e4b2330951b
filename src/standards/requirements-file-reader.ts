/**
 * Reading one pip requirements file and its includes (pip's "Requirements File Format"
 * reference, https://pip.pypa.io/en/stable/reference/requirements-file-format/): the line-by-line
 * parser behind requirements-file.ts, which documents the behaviour and deliberate deviations
 * from pip. Every problem is collected with its file, line, column and (redacted) text
 * (requirements-file-problem-log.ts).
 */

import {
  redactCredentials,
  type RequirementsFileProblem,
  type SourceLocation,
} from './requirements-file-problem.js';
import {
  eachLogicalLine,
  positionOf,
  shellWords,
  ShellSplitError,
  splitArgsAndOptions,
  type LogicalLine,
  type Word,
} from './requirements-file-lines.js';
import {
  applyLineOptions,
  defaultOptions,
  parseOptionWords,
  type ParsedOption,
} from './requirements-file-options.js';
import { ProblemLog } from './requirements-file-problem-log.js';
import { readRequirementLine } from './requirements-file-requirement-line.js';
import { fileKey, isRemoteFile, joinIncluded, resolveIncluded } from './requirements-file-targets.js';
import type { ExpandedRun, ExpansionBudget } from './requirements-file-variables.js';
import type {
  RequirementsFileIo,
  RequirementsFileLimits,
  RequirementsFileResult,
} from './requirements-file-types.js';

export interface Include {
  /** fileKey of each file on the include chain, outermost first. */
  chain: string[];
  /** Paths of the chain as shown. */
  shown: string[];
}

/** Why a file could not be read, without the path the error message repeats (the caller names it). */
function readFailureReason(error: unknown): string {
  // Errors may come from another realm (node:fs under a VM), so no instanceof here.
  const code = typeof error === 'object' && error !== null && 'code' in error ? String(error.code) : '';
  const known: Record<string, string> = {
    ENOENT: 'no such file or directory',
    EACCES: 'permission denied',
    EPERM: 'permission denied',
    EISDIR: 'it is a directory',
    ENOTDIR: 'a parent is not a directory',
  };
  if (known[code] !== undefined) return known[code];
  const message =
    typeof error === 'object' && error !== null && 'message' in error ? String(error.message) : String(error);
  return message.replace(/, (open|read|stat) '.*'$/, '');
}

export class FileReader {
  private readonly log = new ProblemLog();
  readonly files: string[] = [];
  readonly result: Omit<RequirementsFileResult, 'files'> = {
    requirements: [],
    constraints: [],
    editables: [],
    localPaths: [],
    options: defaultOptions(),
  };
  private readonly contents = new Map<string, Promise<string>>();
  /** Included files (by their shown, normalized path): the path as pip joins it, read as is. */
  private readonly readPaths = new Map<string, string>();
  /** `fileKey` + mode of every file parsed, so each is parsed once per mode. */
  private readonly parsed = new Set<string>();
  private totalChars = 0;
  private readonly expansion: ExpansionBudget;

  constructor(
    private readonly io: RequirementsFileIo,
    private readonly env: Record<string, string | undefined>,
    private readonly limits: { [K in keyof RequirementsFileLimits]: number },
    private readonly onExpand?: (value: string, where: ExpandedRun) => void,
  ) {
    this.expansion = { left: limits.expansionWork };
  }

  /** The problems kept, and one more saying how many were not when some were not. */
  shownProblems(path: string): RequirementsFileProblem[] {
    return this.log.shown(path);
  }

  private read(path: string): Promise<string> {
    // An included file is read by the path pip opens (joinIncluded: `..` left to the kernel);
    // two such paths with the same text once normalized may be two files, so they are two keys.
    const actual = this.readPaths.get(path) ?? path;
    const key = actual === path ? fileKey(path) : `${fileKey(path)}\0${actual}`;
    let content = this.contents.get(key);
    if (!content) {
      content = this.io.readFile(actual, this.limits.fileChars);
      this.contents.set(key, content);
    }
    return content;
  }

  async parseFile(
    path: string,
    constraint: boolean,
    include: Include,
    from?: { line: LogicalLine; word: Word; file: string },
  ): Promise<void> {
    const mode = `${fileKey(path)}\u0000${constraint ? 'c' : 'r'}`;
    // Included before in this mode: everything it says is already in the result.
    if (this.parsed.has(mode)) return;
    const isNew = !this.contents.has(fileKey(path));
    if (isNew && this.contents.size >= this.limits.files) {
      this.log.fileProblem(
        path,
        `not read: the include tree reads more than ${this.limits.files} requirements files`,
        from,
      );
      return;
    }
    this.parsed.add(mode);
    let content: string;
    try {
      content = await this.read(path);
    } catch (error) {
      const reason = readFailureReason(error);
      // The path is named once: by the including line's text, or as the problem's file.
      if (from) {
        const shown = from.word.value === path ? '' : ` (looked for ${JSON.stringify(path)})`;
        const message = `cannot read included file (${reason})${shown}`;
        this.log.problem(from.file, from.line, from.word.start, from.word.end, message);
      } else
        this.log.record({
          file: path,
          line: 0,
          column: 0,
          message: redactCredentials(`cannot read requirements file (${reason})`),
          text: '',
        });
      return;
    }
    if (content.length > this.limits.fileChars) {
      this.log.fileProblem(
        path,
        `requirements file ${JSON.stringify(path)} has ${content.length} characters, over the ${this.limits.fileChars} limit`,
        from,
      );
      return;
    }
    if (isNew) {
      this.totalChars += content.length;
      if (this.totalChars > this.limits.totalChars) {
        this.log.fileProblem(
          path,
          `not read: the requirements files read so far hold more than ${this.limits.totalChars} characters`,
          from,
        );
        return;
      }
    }
    if (isNew || !this.files.some((f) => fileKey(f) === fileKey(path))) this.files.push(path);
    const chain = { chain: [...include.chain, fileKey(path)], shown: [...include.shown, path] };
    const lines = eachLogicalLine(content, this.env, this.onExpand, this.limits.lineChars, this.expansion);
    for (const line of lines) {
      if (line.overBudget) {
        this.log.lineProblem(
          path,
          line,
          `not read: expanding the \${VAR}s of the requirements files costs more than ${this.limits.expansionWork} characters of work (values that name each other, or many variables in long lines)`,
        );
        return;
      }
      if (
        line.expandedOver !== undefined ||
        line.text.length > this.limits.lineChars ||
        line.raw.length > this.limits.lineChars
      ) {
        this.log.lineProblem(
          path,
          line,
          line.expandedOver !== undefined && line.raw.length <= this.limits.lineChars
            ? `line of more than ${this.limits.lineChars} characters once its \${VAR}s are expanded, over the limit`
            : `line of ${Math.max(line.text.length, line.raw.length)} characters, over the ${this.limits.lineChars} limit`,
        );
        continue;
      }
      // What `${VAR}`s add counts against the same total as the files' own text.
      if (line.text.length > line.raw.length) {
        this.totalChars += line.text.length - line.raw.length;
        if (this.totalChars > this.limits.totalChars) {
          this.log.lineProblem(
            path,
            line,
            `not read: the requirements files read so far hold more than ${this.limits.totalChars} characters once their \${VAR}s are expanded`,
          );
          return;
        }
      }
      await this.parseLine(path, line, constraint, chain);
    }
  }

  private async parseLine(
    file: string,
    line: LogicalLine,
    constraint: boolean,
    include: Include,
  ): Promise<void> {
    const { args, optionsStart } = splitArgsAndOptions(line.text);
    let words: Word[];
    try {
      words = shellWords(line.text, optionsStart);
    } catch (error) {
      if (!(error instanceof ShellSplitError)) throw error;
      this.log.problem(file, line, error.offset, line.text.length, 'no closing quotation in options');
      return;
    }
    const stray = words.filter((w) => w.strayEscape !== undefined);
    for (const word of stray) {
      const message = `a backslash outside quotes is an escape, so pip reads ${JSON.stringify(word.value)}; use / or quote the value`;
      this.log.problem(file, line, word.start, word.end, message);
    }
    if (stray.length > 0) return;
    const parsed = parseOptionWords(words);
    for (const p of parsed.problems) this.log.problem(file, line, p.start, p.end, p.message);
    if (args !== '') {
      this.requirementLine(file, line, args, parsed.options, constraint, parsed.problems.length === 0);
      return;
    }
    await this.optionLine(file, line, parsed.options, constraint, include);
  }

  private async optionLine(
    file: string,
    line: LogicalLine,
    options: ParsedOption[],
    constraint: boolean,
    include: Include,
  ): Promise<void> {
    const lineScoped = options.filter((o) => o.spec.scope === 'line');
    for (const o of options) {
      if (o.spec.scope === 'requirement')
        this.log.problem(file, line, o.start, o.end, `--${o.spec.name} needs a requirement on the same line`);
    }
    const exclusive = lineScoped.filter((o) =>
      ['requirement', 'constraint', 'editable'].includes(o.spec.name),
    );
    const first = exclusive[0];
    if (first && lineScoped.length > 1) {
      const label = first.spec.short ? `-${first.spec.short}` : `--${first.spec.name}`;
      this.log.problem(file, line, 0, line.text.length, `${label} must be the only option on its line`);
      return;
    }
    if (first?.spec.name === 'editable') {
      if (constraint) {
        this.log.problem(
          file,
          line,
          first.start,
          first.end,
          'editable requirements are not allowed as constraints',
        );
        return;
      }
      if (first.value === '') {
        this.log.problem(file, line, first.start, first.end, '-e needs a path or URL');
        return;
      }
      const source = this.source(file, line, 0);
      this.result.editables.push({ text: first.value, source, constraint, hashes: [] });
      return;
    }
    if (first) {
      await this.include(file, line, first, constraint, include);
      return;
    }
    const lineOptions: ParsedOption[] = [];
    for (const option of lineScoped) {
      lineOptions.push(
        option.spec.name === 'find-links'
          ? { ...option, value: await this.findLinksOf(file, option.value) }
          : option,
      );
    }
    for (const p of applyLineOptions(this.result.options, lineOptions)) {
      this.log.problem(file, line, p.option.valueStart, p.option.valueEnd, p.message);
    }
  }

  /**
   * pip's `handle_option_line`: a `-f` value joined to the requirements file's directory is used
   * when something exists there (a path relative to the file), else the value as written.
   */
  private async findLinksOf(file: string, value: string): Promise<string> {
    if (this.io.existingPath === undefined || value === '' || isRemoteFile(file)) return value;
    return (await this.io.existingPath(resolveIncluded(file, value))) ?? value;
  }

  private async include(
    file: string,
    line: LogicalLine,
    option: ParsedOption,
    constraint: boolean,
    include: Include,
  ): Promise<void> {
    const word: Word = { value: option.value, start: option.valueStart, end: option.valueEnd };
    if (option.value === '') {
      this.log.problem(file, line, option.start, option.end, `-${option.spec.short ?? ''} needs a file name`);
      return;
    }
    if (isRemoteFile(option.value)) {
      this.log.problem(file, line, word.start, word.end, 'requirements files from URLs are not supported');
      return;
    }
    const target = resolveIncluded(file, option.value);
    this.readPaths.set(target, joinIncluded(this.readPaths.get(file) ?? file, option.value));
    const key = fileKey(target);
    const cycleAt = include.chain.indexOf(key);
    if (cycleAt >= 0) {
      const loop = [...include.shown.slice(cycleAt), target].join(' -> ');
      this.log.problem(file, line, word.start, word.end, `include cycle: ${loop}`);
      return;
    }
    // pip 23.2 req_file.py `_parse_and_recurse`: a nested `-r` is requirements, a nested `-c`
    // constraints, whatever the including file is (review 16a F7).
    const nestedConstraint = option.spec.name === 'constraint';
    await this.parseFile(target, nestedConstraint, include, { line, word, file });
  }

  private source(file: string, line: LogicalLine, offset: number): SourceLocation {
    const at = positionOf(line, offset);
    return { file, line: at.line, column: at.column };
  }

  private requirementLine(
    file: string,
    line: LogicalLine,
    args: string,
    options: ParsedOption[],
    constraint: boolean,
    optionsOk: boolean,
  ): void {
    const read = readRequirementLine({
      args,
      options,
      constraint,
      optionsOk,
      source: this.source(file, line, 0),
      problem: (start, end, message, at) => this.log.problem(file, line, start, end, message, at),
    });
    if (read === undefined) return;
    if ('text' in read && constraint) {
      // pip 23.2 `check_invalid_constraint_type`: "Unnamed requirements are not allowed as
      // constraints" (a project directory or archive path, a `file:` URL).
      this.log.problem(file, line, 0, args.length, 'local paths are not allowed as constraints');
      return;
    }
    if ('text' in read) this.result.localPaths.push(read);
    else (constraint ? this.result.constraints : this.result.requirements).push(read);
  }
}
