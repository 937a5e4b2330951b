/**
 * One requirement line of a pip requirements file (pip's "Requirements File Format" reference,
 * https://pip.pypa.io/en/stable/reference/requirements-file-format/, "Requirement Specifiers" and
 * "Per-requirement options"): its per-requirement options (`--hash`, `--config-settings`,
 * `--global-option`, pip 23.2's SUPPORTED_OPTIONS_REQ), and what its requirement part names — a
 * local path, a `file:` URL, a bare URL (the project named from its file name) or a PEP 508
 * requirement. Problems are reported through the caller, located in the logical line.
 */

import { InvalidRequirementError, parseRequirement, type Requirement } from './requirement.js';
import type { SourceLocation } from './requirements-file-problem.js';
import { checkHash, type ParsedOption } from './requirements-file-options.js';
import { classifyTarget, projectNameFromUrl, urlRequirement } from './requirements-file-targets.js';
import type { RequirementLine, SourcedText } from './requirements-file-types.js';

/** The `--hash`/`-C`/`--global-option` list of a line that gives none. */
const NO_VALUES: readonly string[] = Object.freeze([]);

export interface RequirementLineInput {
  /** The requirement part of the line (before its options). */
  args: string;
  options: ParsedOption[];
  constraint: boolean;
  /** False when the options already had a problem: nothing is returned then. */
  optionsOk: boolean;
  source: SourceLocation;
  /** Records a problem quoting text [start, end) of the logical line, located at `at` (default start). */
  problem(start: number, end: number, message: string, at?: number): void;
}

/**
 * The line as a requirement (or, for a local path or `file:` URL, as text), or undefined when it
 * had a problem (reported).
 */
export function readRequirementLine(o: RequirementLineInput): RequirementLine | SourcedText | undefined {
  const { args, options, constraint, source } = o;
  const hashes: string[] = [];
  const configSettings: string[] = [];
  const globalOptions: string[] = [];
  let ok = o.optionsOk;
  for (const opt of options) {
    if (opt.spec.scope === 'line') {
      const label = opt.spec.short ? `-${opt.spec.short}` : `--${opt.spec.name}`;
      o.problem(opt.start, opt.end, `${label} cannot follow a requirement; put it on its own line`);
      ok = false;
    } else if (opt.spec.name === 'hash') {
      const checked = checkHash(opt.value);
      if ('hash' in checked) hashes.push(checked.hash);
      else {
        o.problem(opt.valueStart, opt.valueEnd, checked.message);
        ok = false;
      }
    } else if (opt.spec.name === 'config-settings') {
      if (opt.value.includes('=')) configSettings.push(opt.value);
      else {
        o.problem(opt.valueStart, opt.valueEnd, '--config-settings must be KEY=VALUE');
        ok = false;
      }
    } else {
      globalOptions.push(opt.value);
    }
  }
  const target = classifyTarget(args);
  if (target.kind === 'path') return ok ? { text: args, source, constraint, hashes } : undefined;
  let text = args;
  let offsetMap = (column: number): number => column;
  if (target.kind === 'url') {
    if (target.url.toLowerCase().startsWith('file:'))
      return ok ? { text: args, source, constraint, hashes } : undefined;
    const derived = projectNameFromUrl(target.url);
    if ('reason' in derived) {
      o.problem(
        0,
        target.url.length,
        `cannot tell which project this URL is: ${derived.reason}; write it as "name @ URL"`,
      );
      return undefined;
    }
    ({ text, offsetMap } = urlRequirement(target, derived.name));
  } else {
    ({ text, offsetMap } = splitAtMarker(args));
  }
  let requirement: Requirement;
  try {
    requirement = parseRequirement(text);
  } catch (error) {
    if (!(error instanceof InvalidRequirementError)) throw error;
    const reason = 'reason' in error && typeof error.reason === 'string' ? error.reason : error.message;
    o.problem(0, args.length, `invalid requirement (${reason})`, offsetMap(error.column));
    return undefined;
  }
  if (constraint && requirement.extras.length > 0) {
    o.problem(0, args.length, 'constraints cannot have extras');
    return undefined;
  }
  if (!ok) return undefined;
  // Lines without options (nearly all) share one frozen empty list rather than three `[]` each.
  return {
    requirement,
    hashes: hashes.length > 0 ? hashes : NO_VALUES,
    configSettings: configSettings.length > 0 ? configSettings : NO_VALUES,
    globalOptions: globalOptions.length > 0 ? globalOptions : NO_VALUES,
    source,
  };
}

/**
 * A PEP 508 line split at its first ";" as pip 23.2's `parse_req_from_line`
 * (req/constructors.py) does for a line that is not a bare URL: the text before is the
 * requirement, the text after (stripped) its marker, and an empty marker is no marker. So
 * `name @ URL;marker` is the URL plus a marker (the PEP 508 grammar alone would run the URL on to
 * the next whitespace), and `name==1.0;` is `name==1.0`. The result is the text handed to
 * parseRequirement, which needs a space between a URL and its ";": one is inserted, and
 * `offsetMap` takes columns of that text back to columns of the line.
 */
function splitAtMarker(args: string): { text: string; offsetMap: (column: number) => number } {
  const sep = args.indexOf(';');
  const identity = (column: number): number => column;
  if (sep < 0) return { text: args, offsetMap: identity };
  if (args.slice(sep + 1).trim() === '') return { text: args.slice(0, sep), offsetMap: identity };
  const before = args[sep - 1];
  if (before === ' ' || before === '\t') return { text: args, offsetMap: identity };
  return {
    text: `${args.slice(0, sep)} ${args.slice(sep)}`,
    offsetMap: (column) => (column > sep ? column - 1 : column),
  };
}
