/**
 * Version specifiers — PEP 440 "Version specifiers" section (compatible release `~=`, version
 * matching `==` with prefix `.*` and local-version rules, exclusion `!=`, inclusive `<=`/`>=`,
 * exclusive `<`/`>` with their pre-, post- and local-release exclusions, arbitrary equality `===`)
 * and "Handling of pre-releases", applied the way pip does it (packaging's SpecifierSet.filter):
 * a specifier naming a pre-release admits pre-releases, `--pre` admits all, otherwise
 * pre-releases are used only when no final release satisfies the set.
 * Not supported: legacy (non-PEP 440) candidate versions — `===` compares against normalized
 * Version strings only, so `===foobar` never matches.
 */
import { comparePublicVersions, compareVersions, sameBaseVersion, Version } from './version.js';

export type SpecifierOperator = '~=' | '==' | '!=' | '<=' | '>=' | '<' | '>' | '===';

export class InvalidSpecifierError extends Error {
  constructor(
    readonly input: string,
    readonly part: string,
    readonly reason: string,
  ) {
    super(
      input === part
        ? `invalid specifier ${JSON.stringify(input)}: ${reason}`
        : `invalid specifier ${JSON.stringify(input)}: ${reason} in ${JSON.stringify(part)}`,
    );
    this.name = 'InvalidSpecifierError';
  }
}

export interface PrereleaseOptions {
  /** true = pip's --pre (admit all pre-releases); false = never; undefined = pip's default rule. */
  prereleases?: boolean;
}

const OPERATOR_RE = /^\s*(===|~=|==|!=|<=|>=|<|>)\s*(.*?)\s*$/s;
/** Epoch and release with a trailing `.*`, as allowed after `==` and `!=`. */
const WILDCARD_RE = /^v?(?:(\d+)!)?(\d+(?:\.\d+)*)\.\*$/i;
const ARBITRARY_RE = /^[^\s;)]+$/;

function wildcardMatch(v: Version, epoch: number, prefix: readonly number[]): boolean {
  if (v.epoch !== epoch) return false;
  // The candidate's release is zero-padded to the prefix length (PEP 440 "Version matching").
  for (let i = 0; i < prefix.length; i++) if ((v.release[i] ?? 0) !== prefix[i]) return false;
  return true;
}

/**
 * Why `version` is not acceptable after `op`, or null when it is. Shared with the PEP 508
 * requirement parser so its errors can point at the version.
 */
export function specifierVersionProblem(op: SpecifierOperator, version: string): string | null {
  if (version === '') return `expected a version after "${op}"`;
  if (op === '===') return ARBITRARY_RE.test(version) ? null : `"===" takes a version without whitespace`;
  if (version.endsWith('.*')) {
    if (op !== '==' && op !== '!=') return `"${op}" does not allow a ".*" wildcard`;
    return WILDCARD_RE.test(version) ? null : `"${version}" is not a valid version prefix`;
  }
  const v = Version.tryParse(version);
  if (v === null || /\s/.test(version)) return `"${version}" is not a valid version`;
  if (v.local !== undefined && op !== '==' && op !== '!=') return `"${op}" does not allow a local version`;
  if (op === '~=' && v.release.length < 2) return `"~=" needs a version with at least two release segments`;
  return null;
}

export class Specifier {
  /** Parsed version (undefined only for `===`). For wildcards: the prefix as a Version. */
  readonly version?: Version;
  readonly wildcard: boolean;
  /** The version text: normalized, or as written for `===`. */
  readonly versionText: string;
  /** Whether this specifier on its own admits pre-releases (packaging's `Specifier.prereleases`). */
  readonly mentionsPrerelease: boolean;
  private readonly prefix: readonly number[];

  private constructor(
    readonly operator: SpecifierOperator,
    versionText: string,
  ) {
    this.wildcard = versionText.endsWith('.*') && operator !== '===';
    if (operator === '===') {
      this.versionText = versionText;
      this.prefix = [];
      this.mentionsPrerelease = Version.tryParse(versionText)?.isPrerelease ?? false;
      return;
    }
    const v = Version.parse(this.wildcard ? versionText.slice(0, -2) : versionText);
    this.version = v;
    this.versionText = this.wildcard ? `${v.toString()}.*` : v.toString();
    // `~=` matches the prefix of its release without the last segment.
    this.prefix = this.wildcard ? v.release : operator === '~=' ? v.release.slice(0, -1) : [];
    this.mentionsPrerelease = operator !== '!=' && !this.wildcard && v.isPrerelease;
  }

  /** Parses one clause like `>= 1.0` or `==2.*`; throws InvalidSpecifierError. */
  static parse(text: string): Specifier {
    const m = OPERATOR_RE.exec(text);
    if (m === null) {
      throw new InvalidSpecifierError(text, text, 'expected an operator (~=, ==, !=, <=, >=, <, >, ===)');
    }
    const op = m[1] as SpecifierOperator;
    const problem = specifierVersionProblem(op, m[2]!);
    if (problem !== null) throw new InvalidSpecifierError(text, text, problem);
    return new Specifier(op, m[2]!);
  }

  /** Operator semantics only, ignoring the pre-release policy. */
  matches(v: Version): boolean {
    const spec = this.version;
    if (spec === undefined) return v.toString().toLowerCase() === this.versionText.toLowerCase();
    switch (this.operator) {
      case '==':
        return this.equalMatch(v);
      case '!=':
        return !this.equalMatch(v);
      case '~=':
        return comparePublicVersions(v, spec) >= 0 && wildcardMatch(v, spec.epoch, this.prefix);
      case '<=':
        return comparePublicVersions(v, spec) <= 0;
      case '>=':
        return comparePublicVersions(v, spec) >= 0;
      case '<':
        if (compareVersions(v, spec) >= 0) return false;
        // `<V` excludes pre-releases of V itself unless V is a pre-release.
        return spec.isPrerelease || !v.isPrerelease || !sameBaseVersion(v, spec);
      case '>':
        if (compareVersions(v, spec) <= 0) return false;
        // `>V` excludes post-releases of V unless V is one, and local versions of V.
        if (!spec.isPostrelease && v.isPostrelease && sameBaseVersion(v, spec)) return false;
        return v.local === undefined || !sameBaseVersion(v, spec);
      default:
        return false;
    }
  }

  private equalMatch(v: Version): boolean {
    const spec = this.version!;
    if (this.wildcard) return wildcardMatch(v, spec.epoch, this.prefix);
    // Without a local label in the specifier, the candidate's local label is ignored.
    return (spec.local === undefined ? comparePublicVersions(v, spec) : compareVersions(v, spec)) === 0;
  }

  /** PEP 440 containment with pip's pre-release policy for a single specifier. */
  contains(v: Version, opts?: PrereleaseOptions): boolean {
    const pre = opts?.prereleases ?? this.mentionsPrerelease;
    if (v.isPrerelease && !pre) return false;
    return this.matches(v);
  }

  toString(): string {
    return `${this.operator}${this.versionText}`;
  }
}

export class SpecifierSet {
  /** Deduplicated, in stable (sorted by string) order. */
  readonly specifiers: readonly Specifier[];
  /** True when any specifier names a pre-release, so the set admits pre-releases. */
  readonly mentionsPrerelease: boolean;

  constructor(specifiers: Iterable<Specifier> = []) {
    const byText = new Map<string, Specifier>();
    for (const s of specifiers) byText.set(s.toString(), s);
    this.specifiers = Object.freeze([...byText.keys()].sort().map((k) => byText.get(k)!));
    this.mentionsPrerelease = this.specifiers.some((s) => s.mentionsPrerelease);
  }

  /** Comma-separated clauses, whitespace tolerant; empty text means "any version". */
  static parse(text: string): SpecifierSet {
    const specs: Specifier[] = [];
    for (const part of text.split(',')) {
      if (part.trim() === '') {
        if (text.trim() === '') continue;
        throw new InvalidSpecifierError(text, part, 'empty clause between commas');
      }
      try {
        specs.push(Specifier.parse(part));
      } catch (e) {
        if (e instanceof InvalidSpecifierError) throw new InvalidSpecifierError(text, part.trim(), e.reason);
        throw e;
      }
    }
    return new SpecifierSet(specs);
  }

  get isEmpty(): boolean {
    return this.specifiers.length === 0;
  }

  /** The intersection of two sets (all clauses of both). */
  and(other: SpecifierSet): SpecifierSet {
    return new SpecifierSet([...this.specifiers, ...other.specifiers]);
  }

  /** Operator semantics of every clause, ignoring the pre-release policy. */
  matches(v: Version): boolean {
    for (const s of this.specifiers) if (!s.matches(v)) return false;
    return true;
  }

  /**
   * Containment of one version (packaging's SpecifierSet.contains): pre-releases are rejected
   * unless `prereleases` is true or some clause names a pre-release.
   */
  contains(v: Version, opts?: PrereleaseOptions): boolean {
    const pre = opts?.prereleases ?? this.mentionsPrerelease;
    if (v.isPrerelease && !pre) return false;
    return this.matches(v);
  }

  /**
   * pip's candidate filter: versions matching every clause; pre-releases are kept when
   * `prereleases` is true or a clause names a pre-release, and otherwise only when no final
   * release matches (never when `prereleases` is false). Input order is preserved.
   */
  filter(versions: readonly Version[], opts?: PrereleaseOptions): Version[] {
    const explicit = opts?.prereleases;
    const matching = versions.filter((v) => this.matches(v));
    if (explicit === true || (explicit === undefined && this.mentionsPrerelease)) return matching;
    const finals = matching.filter((v) => !v.isPrerelease);
    if (finals.length > 0 || explicit === false) return finals;
    return matching;
  }

  toString(): string {
    return this.specifiers.join(',');
  }
}
