/**
 * Versions — PEP 440 "Version Identification and Dependency Specification" (as kept current in the
 * PyPA "Version specifiers" specification): public version scheme, local version identifiers,
 * normalization ("Normalization" section: case, separators, alternative pre/post spellings,
 * implicit post releases, leading `v`, surrounding whitespace) and ordering ("Summary of permitted
 * suffixes and relative ordering", local version ordering rules).
 * Not supported: legacy (non-PEP 440) versions — they fail to parse, as in packaging >= 22;
 * numeric components above 2^53 - 1 are rejected rather than silently losing precision.
 */

import { ownString } from '../util/own-string.js';

export class InvalidVersionError extends Error {
  constructor(
    readonly input: string,
    readonly reason = 'not a valid PEP 440 version',
  ) {
    super(`invalid version ${JSON.stringify(input)}: ${reason}`);
    this.name = 'InvalidVersionError';
  }
}

export type PreLabel = 'a' | 'b' | 'rc';
export interface PreRelease {
  readonly label: PreLabel;
  readonly n: number;
}

// PEP 440 appendix B regular expression semantics, written out segment by segment.
const VERSION_RE = new RegExp(
  '^\\s*v?' +
    '(?:(\\d+)!)?' + // 1 epoch
    '(\\d+(?:\\.\\d+)*)' + // 2 release
    '(?:[-_.]?(alpha|a|beta|b|preview|pre|c|rc)[-_.]?(\\d+)?)?' + // 3,4 pre
    '(?:-(\\d+)|[-_.]?(post|rev|r)[-_.]?(\\d+)?)?' + // 5 implicit post, 6,7 post
    '(?:[-_.]?(dev)[-_.]?(\\d+)?)?' + // 8,9 dev
    '(?:\\+([a-z0-9]+(?:[-_.][a-z0-9]+)*))?' + // 10 local
    '\\s*$',
  'i',
);

const PRE_LABELS: Readonly<Record<string, PreLabel>> = {
  a: 'a',
  alpha: 'a',
  b: 'b',
  beta: 'b',
  c: 'rc',
  rc: 'rc',
  pre: 'rc',
  preview: 'rc',
};
const PRE_RANK: Readonly<Record<PreLabel, number>> = { a: 0, b: 1, rc: 2 };

function toInt(input: string, digits: string): number {
  const n = Number(digits);
  if (!Number.isSafeInteger(n)) throw new InvalidVersionError(input, `number ${digits} is too large`);
  return n;
}

/**
 * Fixed-width part of the ordering key after the release segment (packaging's `_cmpkey`):
 * [preRank, preN, post, dev]. A dev release without a pre-release sorts before all
 * pre-releases of the same release (preRank -1); a final release sorts after them (preRank 3);
 * no post release sorts before any post release (-1); no dev release sorts after any (Infinity).
 */
type SuffixKey = readonly [number, number, number, number];

export interface VersionParts {
  epoch?: number;
  release: readonly number[];
  pre?: PreRelease;
  post?: number;
  dev?: number;
  local?: readonly (string | number)[];
}

/**
 * Parsed versions by their text. The same strings come back again and again (every file of a
 * release on a project page, every specifier naming it), and a Version never changes, so one
 * instance serves them all. Bounded: emptied when full.
 */
/** The SuffixKey of every final release (no pre, post or dev part), shared by all of them. */
const FINAL_SUFFIX: SuffixKey = Object.freeze([3, 0, -1, Infinity] as const);

const PARSED = new Map<string, Version>();
const PARSED_LIMIT = 8192;

export class Version {
  readonly epoch: number;
  readonly release: readonly number[];
  readonly pre?: PreRelease;
  readonly post?: number;
  readonly dev?: number;
  readonly local?: readonly (string | number)[];
  /** @internal Ordering key: the release without trailing zeros (`1.0` and `1.0.0` compare equal). */
  readonly cmpRelease: readonly number[];
  /** @internal Ordering key after the release, see SuffixKey. */
  readonly cmpSuffix: SuffixKey;
  private text?: string;

  private constructor(parts: VersionParts) {
    this.epoch = parts.epoch ?? 0;
    this.release = Object.freeze([...parts.release]);
    if (parts.pre !== undefined) this.pre = Object.freeze({ ...parts.pre });
    if (parts.post !== undefined) this.post = parts.post;
    if (parts.dev !== undefined) this.dev = parts.dev;
    if (parts.local !== undefined && parts.local.length > 0) this.local = Object.freeze([...parts.local]);
    let end = this.release.length;
    while (end > 1 && this.release[end - 1] === 0) end--;
    // Shared, not copied, when nothing is trimmed: a 100,000-line requirements file holds one
    // Version per distinct clause, and every array per Version is ~50 bytes of its peak memory.
    this.cmpRelease = end === this.release.length ? this.release : Object.freeze(this.release.slice(0, end));
    const preRank =
      this.pre !== undefined
        ? PRE_RANK[this.pre.label]
        : this.post === undefined && this.dev !== undefined
          ? -1
          : 3;
    this.cmpSuffix =
      preRank === 3 && this.post === undefined && this.dev === undefined
        ? FINAL_SUFFIX
        : [preRank, this.pre?.n ?? 0, this.post ?? -1, this.dev ?? Infinity];
  }

  /** Parses and normalizes a PEP 440 version; throws InvalidVersionError. */
  static parse(text: string): Version {
    const hit = PARSED.get(text);
    if (hit !== undefined) return hit;
    const v = Version.parseText(text);
    if (PARSED.size >= PARSED_LIMIT) PARSED.clear();
    // Kept: a copy, not a slice of a project page's body.
    PARSED.set(ownString(text), v);
    return v;
  }

  private static parseText(text: string): Version {
    const m = VERSION_RE.exec(text);
    if (m === null) throw new InvalidVersionError(text);
    const parts: { -readonly [K in keyof VersionParts]: VersionParts[K] } = {
      release: m[2]!.split('.').map((d) => toInt(text, d)),
    };
    if (m[1] !== undefined) parts.epoch = toInt(text, m[1]);
    if (m[3] !== undefined) {
      parts.pre = { label: PRE_LABELS[m[3].toLowerCase()]!, n: m[4] === undefined ? 0 : toInt(text, m[4]) };
    }
    if (m[5] !== undefined) parts.post = toInt(text, m[5]);
    else if (m[6] !== undefined) parts.post = m[7] === undefined ? 0 : toInt(text, m[7]);
    if (m[8] !== undefined) parts.dev = m[9] === undefined ? 0 : toInt(text, m[9]);
    if (m[10] !== undefined) {
      // Local segments: lowercase, `-`/`_` become `.`, all-digit segments are integers.
      parts.local = m[10]
        .toLowerCase()
        .split(/[-_.]/)
        .map((s) => (/^\d+$/.test(s) ? toInt(text, s) : s));
    }
    return new Version(parts);
  }

  static tryParse(text: string): Version | null {
    // Most invalid text fails the pattern: answer without building (and throwing) an error.
    if (!PARSED.has(text) && !VERSION_RE.test(text)) return null;
    try {
      return Version.parse(text);
    } catch (e) {
      if (e instanceof InvalidVersionError) return null;
      throw e;
    }
  }

  /** Builds a version from already-normalized parts (no validation beyond the types). */
  static fromParts(parts: VersionParts): Version {
    return new Version(parts);
  }

  get isPrerelease(): boolean {
    return this.pre !== undefined || this.dev !== undefined;
  }
  get isDevrelease(): boolean {
    return this.dev !== undefined;
  }
  get isPostrelease(): boolean {
    return this.post !== undefined;
  }

  /** The public version: this version without its local segment. */
  get public(): Version {
    if (this.local === undefined) return this;
    const { local: _local, ...rest } = this.parts();
    return new Version(rest);
  }

  /** Epoch and release only (packaging's `base_version`). */
  get baseVersion(): Version {
    if (
      this.pre === undefined &&
      this.post === undefined &&
      this.dev === undefined &&
      this.local === undefined
    ) {
      return this;
    }
    return new Version({ epoch: this.epoch, release: this.release });
  }

  private parts(): VersionParts {
    const p: { -readonly [K in keyof VersionParts]: VersionParts[K] } = {
      epoch: this.epoch,
      release: this.release,
    };
    if (this.pre !== undefined) p.pre = this.pre;
    if (this.post !== undefined) p.post = this.post;
    if (this.dev !== undefined) p.dev = this.dev;
    if (this.local !== undefined) p.local = this.local;
    return p;
  }

  /** The PEP 440 normalized form, e.g. `1!2.0rc1.post3.dev4+ubuntu.1`. */
  toString(): string {
    if (this.text !== undefined) return this.text;
    let s = this.epoch !== 0 ? `${this.epoch}!` : '';
    s += this.release.join('.');
    if (this.pre !== undefined) s += `${this.pre.label}${this.pre.n}`;
    if (this.post !== undefined) s += `.post${this.post}`;
    if (this.dev !== undefined) s += `.dev${this.dev}`;
    if (this.local !== undefined) s += `+${this.local.join('.')}`;
    this.text = s;
    return s;
  }

  /** Negative, zero or positive as this sorts before, equal to or after `other`. */
  compare(other: Version): number {
    return compareVersions(this, other);
  }

  equals(other: Version): boolean {
    return compareVersions(this, other) === 0;
  }
}

/**
 * Local version ordering (PEP 440 "Local version identifiers"): segments compare one by one;
 * numeric segments compare numerically and sort after alphanumeric ones; alphanumeric segments
 * compare lexicographically (case-insensitive, already lowercased); when all shared segments are
 * equal the longer local version sorts later. No local version sorts before any local version.
 */
function compareLocal(
  a: readonly (string | number)[] | undefined,
  b: readonly (string | number)[] | undefined,
): number {
  if (a === b) return 0;
  if (a === undefined) return -1;
  if (b === undefined) return 1;
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a[i]!;
    const y = b[i]!;
    if (x === y) continue;
    const xn = typeof x === 'number';
    const yn = typeof y === 'number';
    if (xn && yn) return x < y ? -1 : 1;
    if (xn) return 1;
    if (yn) return -1;
    return x < y ? -1 : 1;
  }
  return a.length - b.length;
}

/** Order of the public versions (everything but the local label), from the precomputed keys. */
function comparePublicParts(a: Version, b: Version): number {
  if (a.epoch !== b.epoch) return a.epoch < b.epoch ? -1 : 1;
  const ra = a.cmpRelease;
  const rb = b.cmpRelease;
  const n = Math.max(ra.length, rb.length);
  for (let i = 0; i < n; i++) {
    const x = ra[i] ?? 0;
    const y = rb[i] ?? 0;
    if (x !== y) return x < y ? -1 : 1;
  }
  const sa = a.cmpSuffix;
  const sb = b.cmpSuffix;
  for (let i = 0; i < 4; i++) {
    if (sa[i] !== sb[i]) return sa[i]! < sb[i]! ? -1 : 1;
  }
  return 0;
}

/** Total order of PEP 440 versions; uses keys precomputed at parse time. */
export function compareVersions(a: Version, b: Version): number {
  if (a === b) return 0;
  return comparePublicParts(a, b) || compareLocal(a.local, b.local);
}

/** Same as `compareVersions(a.public, b.public)` without building the public versions. */
export function comparePublicVersions(a: Version, b: Version): number {
  return a === b ? 0 : comparePublicParts(a, b);
}

/** Whether `a.baseVersion` equals `b.baseVersion` (same epoch and release, zero-padded). */
export function sameBaseVersion(a: Version, b: Version): boolean {
  if (a.epoch !== b.epoch) return false;
  const ra = a.cmpRelease;
  const rb = b.cmpRelease;
  if (ra.length !== rb.length) return false;
  for (let i = 0; i < ra.length; i++) if (ra[i] !== rb[i]) return false;
  return true;
}
