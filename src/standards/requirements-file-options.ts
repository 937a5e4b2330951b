/**
 * Options of a pip requirements file — pip's "Requirements File Format" reference, sections
 * "Global options" and "Per-requirement options", with the option semantics of pip's
 * command line (`pip install --help`): optparse-style spelling (`-rFILE`, `-r FILE`,
 * `--requirement=FILE`, `--requirement FILE`, unambiguous long-option prefixes), the
 * `--no-binary`/`--only-binary` values (format control in requirements-file-binary.ts), `--hash` and `--config-settings` argument forms.
 *
 * Not supported: options pip does not accept in requirements files (they are problems, as in
 * pip); `--use-feature` is accepted and recorded but has no meaning here.
 */

import { applyBinaryOption, emptyBinaryRule, type BinaryRule } from './requirements-file-binary.js';

// Re-exported for callers that import the format control from here.
export {
  allowedFormats,
  applyBinaryOption,
  applyBinaryValue,
  emptyBinaryRule,
  mayUseSdist,
  mayUseWheel,
  type AllowedFormats,
  type BinaryRule,
} from './requirements-file-binary.js';
import type { Word } from './requirements-file-lines.js';

/** Where an option may appear: on its own line, or after a requirement. */
export type OptionScope = 'line' | 'requirement';

export interface OptionSpec {
  /** Canonical long name without dashes, e.g. `index-url`. */
  name: string;
  long: string[];
  short?: string;
  takesValue: boolean;
  scope: OptionScope;
}

// pip 23.x SUPPORTED_OPTIONS and SUPPORTED_OPTIONS_REQ (src/pip/_internal/req/req_file.py).
export const OPTION_SPECS: readonly OptionSpec[] = [
  { name: 'index-url', long: ['index-url', 'pypi-url'], short: 'i', takesValue: true, scope: 'line' },
  { name: 'extra-index-url', long: ['extra-index-url'], takesValue: true, scope: 'line' },
  { name: 'no-index', long: ['no-index'], takesValue: false, scope: 'line' },
  { name: 'constraint', long: ['constraint'], short: 'c', takesValue: true, scope: 'line' },
  { name: 'requirement', long: ['requirement'], short: 'r', takesValue: true, scope: 'line' },
  { name: 'editable', long: ['editable'], short: 'e', takesValue: true, scope: 'line' },
  { name: 'find-links', long: ['find-links'], short: 'f', takesValue: true, scope: 'line' },
  { name: 'no-binary', long: ['no-binary'], takesValue: true, scope: 'line' },
  { name: 'only-binary', long: ['only-binary'], takesValue: true, scope: 'line' },
  { name: 'prefer-binary', long: ['prefer-binary'], takesValue: false, scope: 'line' },
  { name: 'require-hashes', long: ['require-hashes'], takesValue: false, scope: 'line' },
  { name: 'pre', long: ['pre'], takesValue: false, scope: 'line' },
  { name: 'trusted-host', long: ['trusted-host'], takesValue: true, scope: 'line' },
  { name: 'use-feature', long: ['use-feature'], takesValue: true, scope: 'line' },
  { name: 'global-option', long: ['global-option'], takesValue: true, scope: 'requirement' },
  { name: 'hash', long: ['hash'], takesValue: true, scope: 'requirement' },
  { name: 'config-settings', long: ['config-settings'], short: 'C', takesValue: true, scope: 'requirement' },
];

/** One option occurrence on a line, with offsets into the logical line's text. */
export interface ParsedOption {
  spec: OptionSpec;
  /** The value (empty for flags). */
  value: string;
  /** Offsets of the whole option text (`--hash=…` or `-r` through its separate value word). */
  start: number;
  end: number;
  /** Offsets of the value itself (equal to start/end of the option for flags). */
  valueStart: number;
  valueEnd: number;
}

/** A problem found while reading options, with offsets into the logical line's text. */
export interface OptionProblem {
  message: string;
  start: number;
  end: number;
}

function findLong(name: string): { spec?: OptionSpec; ambiguous?: string[] } {
  for (const spec of OPTION_SPECS) if (spec.long.includes(name)) return { spec };
  // optparse accepts any unambiguous prefix of a long option.
  const matches = OPTION_SPECS.flatMap((spec) =>
    spec.long.filter((l) => l.startsWith(name)).map((l) => ({ spec, l })),
  );
  const specs = new Set(matches.map((m) => m.spec));
  if (specs.size === 1) return { spec: matches[0]?.spec };
  if (specs.size > 1) return { ambiguous: matches.map((m) => `--${m.l}`) };
  return {};
}

/**
 * Reads option words the way optparse does for pip's parser. Words that are not options (no
 * leading `-`) are problems: pip would ignore them silently.
 */
export function parseOptionWords(words: Word[]): { options: ParsedOption[]; problems: OptionProblem[] } {
  const options: ParsedOption[] = [];
  const problems: OptionProblem[] = [];
  for (let i = 0; i < words.length; i++) {
    const word = words[i] as Word;
    const needValue = (spec: OptionSpec, label: string): Word | undefined => {
      const next = words[i + 1];
      if (!next) {
        problems.push({ message: `option ${label} requires a value`, start: word.start, end: word.end });
        return undefined;
      }
      i += 1;
      return next;
    };
    // `--opt value` / `-r value`: the option runs through its value, the next word.
    const pushSeparateValue = (spec: OptionSpec, label: string): void => {
      const next = needValue(spec, label);
      if (next)
        options.push({
          spec,
          value: next.value,
          start: word.start,
          end: next.end,
          valueStart: next.start,
          valueEnd: next.end,
        });
    };
    // An unknown option may take a value: the word after it is not reported again.
    const skipValueOfUnknown = () => {
      if (!word.value.includes('=') && words[i + 1] && !words[i + 1]?.value.startsWith('-')) i += 1;
    };
    if (word.value.startsWith('--') && word.value.length > 2) {
      const eq = word.value.indexOf('=');
      const name = eq >= 0 ? word.value.slice(2, eq) : word.value.slice(2);
      const found = findLong(name);
      if (!found.spec) {
        const message = found.ambiguous
          ? `ambiguous option --${name} (could be ${found.ambiguous.join(', ')})`
          : `unknown option --${name}`;
        problems.push({ message, start: word.start, end: word.end });
        skipValueOfUnknown();
        continue;
      }
      const spec = found.spec;
      const label = `--${spec.long[0]}`;
      if (!spec.takesValue) {
        if (eq >= 0)
          problems.push({
            message: `option ${label} does not take a value`,
            start: word.start,
            end: word.end,
          });
        else
          options.push({
            spec,
            value: '',
            start: word.start,
            end: word.end,
            valueStart: word.start,
            valueEnd: word.end,
          });
        continue;
      }
      if (eq >= 0) {
        // The value's offset is exact only when the word was written without quotes.
        const valueStart = Math.min(word.start + eq + 1, word.end);
        options.push({
          spec,
          value: word.value.slice(eq + 1),
          start: word.start,
          end: word.end,
          valueStart,
          valueEnd: word.end,
        });
      } else pushSeparateValue(spec, label);
      continue;
    }
    if (word.value.startsWith('-') && word.value.length > 1 && !word.value.startsWith('--')) {
      const letter = word.value[1] ?? '';
      const spec = OPTION_SPECS.find((s) => s.short === letter);
      if (!spec) {
        problems.push({ message: `unknown option -${letter}`, start: word.start, end: word.end });
        if (word.value.length === 2) skipValueOfUnknown();
        continue;
      }
      const label = `-${letter}`;
      if (!spec.takesValue) {
        options.push({
          spec,
          value: '',
          start: word.start,
          end: word.start + 2,
          valueStart: word.start,
          valueEnd: word.end,
        });
        continue;
      }
      if (word.value.length > 2) {
        // `-rfile`: the rest of the word is the value (optparse keeps a leading `=` too).
        options.push({
          spec,
          value: word.value.slice(2),
          start: word.start,
          end: word.end,
          valueStart: word.start + 2,
          valueEnd: word.end,
        });
      } else pushSeparateValue(spec, label);
      continue;
    }
    problems.push({ message: `unexpected argument after options`, start: word.start, end: word.end });
  }
  return { options, problems };
}

/** pip's STRONG_HASHES with their hex digest lengths. */
export const HASH_HEX_LENGTHS: Readonly<Record<string, number>> = { sha256: 64, sha384: 96, sha512: 128 };

/**
 * Validates a `--hash` value `ALGO:HEX` (pip accepts sha256, sha384, sha512) and returns it
 * normalized to lowercase hex, or a message saying what is wrong.
 */
export function checkHash(value: string): { hash: string } | { message: string } {
  const colon = value.indexOf(':');
  if (colon < 0) return { message: `--hash must be ALGORITHM:HEX, like --hash=sha256:0123…` };
  const algorithm = value.slice(0, colon);
  const hex = value.slice(colon + 1);
  const length = HASH_HEX_LENGTHS[algorithm];
  if (length === undefined) {
    return {
      message: `unsupported hash algorithm ${JSON.stringify(algorithm)} (allowed: ${Object.keys(HASH_HEX_LENGTHS).join(', ')})`,
    };
  }
  if (!/^[0-9a-fA-F]*$/.test(hex)) return { message: `${algorithm} digest is not hexadecimal` };
  if (hex.length !== length)
    return { message: `${algorithm} digest must be ${length} hex digits, not ${hex.length}` };
  return { hash: `${algorithm}:${hex.toLowerCase()}` };
}

/** Package-finder options a requirements file sets, as pip applies them across all files. */
export interface RequirementsFileOptions {
  /** `-i/--index-url`; undefined means pip's default index. */
  indexUrl?: string;
  extraIndexUrls: string[];
  findLinks: string[];
  noIndex: boolean;
  pre: boolean;
  onlyBinary: BinaryRule;
  noBinary: BinaryRule;
  /**
   * The valid `--only-binary` / `--no-binary` values in the order the files give them: pip applies
   * them after its configuration and command line, one after another (each may undo an earlier one),
   * so whoever combines them with other sources replays this list rather than merging the rules.
   */
  binaryValues: Array<{ option: 'only-binary' | 'no-binary'; value: string }>;
  preferBinary: boolean;
  trustedHosts: string[];
  requireHashes: boolean;
  /** A Set: one value per line costs O(1), not a scan of the earlier ones (review 15c F7). */
  useFeatures: Set<string>;
}

export function defaultOptions(): RequirementsFileOptions {
  return {
    extraIndexUrls: [],
    findLinks: [],
    noIndex: false,
    pre: false,
    onlyBinary: emptyBinaryRule(),
    noBinary: emptyBinaryRule(),
    binaryValues: [],
    preferBinary: false,
    trustedHosts: [],
    requireHashes: false,
    useFeatures: new Set(),
  };
}

/**
 * Applies the finder options of one option line in pip's order (`handle_option_line`):
 * `--no-index` drops every index and later index options are ignored; `-i` replaces the whole
 * index list (so it also drops earlier `--extra-index-url`s); extra index URLs of the line are
 * then appended. Find-links, trusted hosts and features accumulate; flags only turn on.
 * Binary options are applied in the order written, as pip's option callbacks do.
 * Returns problems (invalid project names in binary options) with their option.
 */
export function applyLineOptions(
  target: RequirementsFileOptions,
  options: ParsedOption[],
): Array<{ option: ParsedOption; message: string }> {
  const problems: Array<{ option: ParsedOption; message: string }> = [];
  const values = (name: string) => options.filter((o) => o.spec.name === name);
  for (const option of options) {
    if (option.spec.name !== 'no-binary' && option.spec.name !== 'only-binary') continue;
    if (option.value.startsWith('-') || option.value === '') {
      problems.push({
        option,
        message: `--${option.spec.name} requires a value (:all:, :none: or project names)`,
      });
      continue;
    }
    const bad = applyBinaryOption(option.spec.name, option.value, target);
    for (const name of bad) {
      problems.push({
        option,
        message: `invalid project name ${JSON.stringify(name)} in --${option.spec.name}`,
      });
    }
    if (bad.length === 0) target.binaryValues.push({ option: option.spec.name, value: option.value });
  }
  if (values('no-index').length > 0) {
    target.noIndex = true;
    target.indexUrl = undefined;
    target.extraIndexUrls = [];
  }
  if (!target.noIndex) {
    // optparse keeps the last -i of a line; pip ignores an empty one.
    const index = values('index-url').at(-1);
    if (index && index.value !== '') {
      target.indexUrl = index.value;
      target.extraIndexUrls = [];
    }
    for (const extra of values('extra-index-url')) target.extraIndexUrls.push(extra.value);
  }
  for (const link of values('find-links')) target.findLinks.push(link.value);
  if (values('pre').length > 0) target.pre = true;
  if (values('prefer-binary').length > 0) target.preferBinary = true;
  if (values('require-hashes').length > 0) target.requireHashes = true;
  for (const host of values('trusted-host')) target.trustedHosts.push(host.value);
  for (const feature of values('use-feature')) {
    target.useFeatures.add(feature.value);
  }
  return problems;
}
