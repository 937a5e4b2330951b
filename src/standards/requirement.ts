/**
 * Dependency specifiers — PEP 508 (as kept current in the PyPA "Dependency specifiers"
 * specification): `name [extras] (versionspec | @ url) ; marker`. Names and extras per the
 * core-metadata name rules, extras normalized per PEP 685; version specifiers with or without
 * parentheses (PEP 440 clauses); a URL runs to the next whitespace, and a marker after a URL needs
 * whitespace before its `;` (otherwise the `;` belongs to the URL).
 * Not supported: URLs without a scheme (a requirement URL must be absolute, e.g. https: or file:);
 * pip's requirement-file extensions (options, paths, editables) — see requirements-file.ts.
 */
import { markerToString, InvalidMarkerError, parseMarker, type Marker } from './markers.js';
import { normalizeName, type NormalizedName } from './names.js';
import {
  InvalidSpecifierError,
  Specifier,
  SpecifierSet,
  SpecifierSetBuilder,
  specifierVersionProblem,
  type SpecifierOperator,
} from './specifier.js';

export interface Requirement {
  name: NormalizedName;
  rawName: string;
  /** PEP 685 normalized, deduplicated, sorted. */
  extras: string[];
  specifier: SpecifierSet;
  url?: string;
  marker?: Marker;
  /** The text as given. */
  text: string;
}

/**
 * The version specifiers of `requirements` merged per project, as pip intersects every
 * requirement on one project: one SpecifierSet each (a clause given twice kept once), in the order
 * the projects first appear. Linear in the requirements (a 100,000-line file naming one project
 * makes one set, not 100,000 intersections).
 */
export function specifiersByName(requirements: Iterable<Requirement>): Map<NormalizedName, SpecifierSet> {
  const builders = new Map<NormalizedName, SpecifierSetBuilder>();
  for (const r of requirements) {
    const builder = builders.get(r.name);
    if (builder === undefined) builders.set(r.name, new SpecifierSetBuilder(r.specifier));
    else builder.add(r.specifier);
  }
  const sets = new Map<NormalizedName, SpecifierSet>();
  for (const [name, builder] of builders) sets.set(name, builder.set);
  return sets;
}

export class InvalidRequirementError extends Error {
  constructor(
    readonly input: string,
    /** 0-based offset into `input`. */
    readonly column: number,
    readonly reason: string,
  ) {
    super(`invalid requirement ${JSON.stringify(input)}: ${reason} at column ${column}`);
    this.name = 'InvalidRequirementError';
  }
}

/**
 * packaging's IDENTIFIER token, `\b[a-zA-Z0-9][a-zA-Z0-9._-]*\b`: the longest run that ends at a
 * word boundary (Python's Unicode `\w`), so `foo_` is a name and `foo-` stops before the `-`.
 */
const NAME_RE = /[A-Za-z0-9][A-Za-z0-9._-]*/y;
const WORD_CHAR = /^[\p{L}\p{N}_]$/u;

function identifierAt(text: string, start: number): string | null {
  if (start > 0 && WORD_CHAR.test(text[start - 1]!)) return null;
  NAME_RE.lastIndex = start;
  const m = NAME_RE.exec(text);
  if (m === null) return null;
  for (let end = start + m[0].length; end > start; end--) {
    const next = text[end];
    if (WORD_CHAR.test(text[end - 1]!) && (next === undefined || !WORD_CHAR.test(next))) {
      return text.slice(start, end);
    }
  }
  return null;
}
const OPERATORS: readonly SpecifierOperator[] = ['===', '~=', '==', '!=', '<=', '>=', '<', '>'];
const URL_SCHEME_RE = /^[A-Za-z][A-Za-z0-9+.-]*:/;

/** Parses one PEP 508 requirement; throws InvalidRequirementError with a 0-based column. */
export function parseRequirement(text: string): Requirement {
  let i = 0;
  const fail = (reason: string, at = i): never => {
    throw new InvalidRequirementError(text, at, reason);
  };
  const ws = (): void => {
    while (i < text.length && (text[i] === ' ' || text[i] === '\t')) i++;
  };
  const name = (what: string): string => {
    const id = identifierAt(text, i);
    if (id === null) return fail(`expected ${what}`);
    i += id.length;
    return id;
  };

  ws();
  const rawName = name('a package name');
  ws();

  const extras = new Set<string>();
  if (text[i] === '[') {
    i++;
    ws();
    if (text[i] !== ']') {
      for (;;) {
        extras.add(normalizeName(name('an extra name')));
        ws();
        if (text[i] === ']') break;
        if (text[i] !== ',') fail('expected "," or "]" after an extra name');
        i++;
        ws();
      }
    }
    i++;
    ws();
  }

  const specs: Specifier[] = [];
  let url: string | undefined;
  if (text[i] === '@') {
    i++;
    ws();
    const start = i;
    while (i < text.length && text[i] !== ' ' && text[i] !== '\t') i++;
    url = text.slice(start, i);
    if (url === '') fail('expected a URL after "@"');
    if (!URL_SCHEME_RE.test(url)) fail(`expected an absolute URL with a scheme, got "${url}"`, start);
    ws();
    if (i < text.length && text[i] !== ';') fail('expected ";" or the end after the URL');
  } else {
    const parens = text[i] === '(';
    if (parens) {
      i++;
      ws();
    }
    const atOperator = (): SpecifierOperator | undefined => OPERATORS.find((op) => text.startsWith(op, i));
    if (parens || atOperator() !== undefined) {
      // packaging's version_many: clauses separated by commas; one trailing comma (and empty
      // parentheses) are accepted, and the list simply ends where no operator follows.
      for (let afterComma = false; ; afterComma = true) {
        const op = atOperator();
        if (op === undefined) {
          if (afterComma && i < text.length && text[i] !== ';' && text[i] !== ')') {
            fail('expected a version operator (~=, ==, !=, <=, >=, <, >, ===)');
          }
          break;
        }
        i += op!.length;
        ws();
        const start = i;
        if (op === '===') {
          // packaging's `===` token runs to whitespace, `;` or `)` — commas included — and the
          // specifier text is then split on commas, so `===1.0,<2` is two clauses.
          while (i < text.length && !/[\s;)]/.test(text[i]!)) i++;
          const [first, ...more] = text.slice(start, i).split(',');
          const problem = specifierVersionProblem(op, first!);
          if (problem !== null) fail(problem, start);
          specs.push(Specifier.parse(`${op}${first}`));
          let at = start + first!.length + 1;
          for (const part of more) {
            if (part !== '') {
              try {
                specs.push(Specifier.parse(part));
              } catch (e) {
                if (e instanceof InvalidSpecifierError) fail(e.reason, at);
                throw e;
              }
            }
            at += part.length + 1;
          }
        } else {
          while (i < text.length && !/[\s,;()]/.test(text[i]!)) i++;
          const version = text.slice(start, i);
          const problem = specifierVersionProblem(op!, version);
          if (problem !== null) fail(problem, start);
          specs.push(Specifier.parse(`${op}${version}`));
        }
        ws();
        if (text[i] !== ',') break;
        i++;
        ws();
      }
      if (parens) {
        if (text[i] !== ')') fail('expected "," or ")" after a version specifier');
        i++;
        ws();
      }
    }
  }

  let marker: Marker | undefined;
  if (text[i] === ';') {
    const start = i + 1;
    try {
      marker = parseMarker(text.slice(start));
    } catch (e) {
      if (e instanceof InvalidMarkerError) fail(e.reason, start + e.column);
      throw e;
    }
  } else if (i < text.length) {
    fail(
      specs.length > 0
        ? 'expected "," or ";" or the end after a version specifier'
        : 'expected "[", "(", a version operator, "@", ";" or the end after the name',
    );
  }

  const normalized = normalizeName(rawName);
  const req: Requirement = {
    // The name as written when already normalized (the usual case): one string, not two, per line.
    name: normalized === rawName ? (rawName as NormalizedName) : normalized,
    rawName,
    extras: [...extras].sort(),
    specifier: new SpecifierSet(specs),
    text,
  };
  if (url !== undefined) req.url = url;
  if (marker !== undefined) req.marker = marker;
  return req;
}

/** Normalized text: `name[extras]specifiers; marker` or `name[extras] @ url ; marker`. */
export function requirementToString(r: Requirement): string {
  let s = r.name + (r.extras.length > 0 ? `[${r.extras.join(',')}]` : '');
  if (r.url !== undefined) s += ` @ ${r.url}${r.marker !== undefined ? ' ' : ''}`;
  else s += r.specifier.toString();
  if (r.marker !== undefined) s += `; ${markerToString(r.marker)}`;
  return s;
}
