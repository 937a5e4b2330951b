/**
 * Version specifiers — PEP 440 "Version specifiers" section (compatible release `~=`, version
 * matching `==` with prefix `.*` and local-version rules, exclusion `!=`, inclusive `<=`/`>=`,
 * exclusive `<`/`>` with their pre-, post- and local-release exclusions, arbitrary equality `===`)
 * and "Handling of pre-releases", applied the way pip 26 does it (packaging 26's
 * SpecifierSet.filter): a specifier naming a pre-release admits pre-releases, `--pre` admits all,
 * otherwise pre-releases are used only when no final release satisfies the set; `contains()`
 * without a choice admits a matching pre-release (nothing else is left to choose from).
 * Empty clauses (`">=3.6,"`, `",,"`) are skipped, as packaging's SpecifierSet does.
 * Exclusive comparisons as packaging 26: `<V` (V final or post) excludes only V's own
 * pre-releases at or above `V.dev0` (so `<1.0.post1` admits `1.0a1`); `>V` (V not a post
 * release) excludes only post releases of exactly V (so `>1.0a1` admits `1.0.post1`) and local
 * versions whose public part is V.
 * `~=` takes its prefix from the parsed release, so `~=1.0c1` means `>=1.0rc1, ==1.*` exactly as
 * `~=1.0rc1` does. packaging is buggy here: it splits the specifier text as written and, not
 * recognising `c1`, `.r1` or `.pre1` as suffixes, turns `~=1.0c1` into `==1.0.*` (a deliberate
 * difference, in the conformance divergence list).
 * Not supported: legacy (non-PEP 440) candidate versions — `===` compares against normalized
 * Version strings only (as pip does: it filters `str(version)`), so `===foobar` never matches.
 */
import { comparePublicVersions, compareVersions, Version } from './version.js';

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

const OPERATORS: readonly SpecifierOperator[] = ['===', '~=', '==', '!=', '<=', '>=', '<', '>'];
/**
 * The operator at the start of a trimmed clause (the first alternative that matches, as packaging's
 * pattern takes it). The clause is trimmed with String#trim, whose white space is exactly `\s`'s:
 * a pattern `^\s*(op)\s*(.*?)\s*$` gave the same parts but rescanned a run of blanks inside the
 * operand from each of its positions — quadratic in a hostile index's Requires-Python (review 1 of
 * session 13: seconds at 60 kB, hours at the 10 MiB METADATA bound).
 */
const OPERATOR_AT = /^(?:===|~=|==|!=|<=|>=|<|>)/;
/** Epoch and release with a trailing `.*`, as allowed after `==` and `!=`. */
const WILDCARD_RE = /^v?(?:(\d+)!)?(\d+(?:\.\d+)*)\.\*$/i;
/** packaging's `===` operand: anything without whitespace, `;` or `)` — even nothing. */
const ARBITRARY_RE = /^[^\s;)]*$/;

/** The prefix of every specifier that has none (most of them), shared rather than one `[]` each. */
const NO_PREFIX: readonly number[] = Object.freeze([]);

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
  if (op === '===') return ARBITRARY_RE.test(version) ? null : `"===" takes a version without whitespace`;
  if (version === '') return `expected a version after "${op}"`;
  if (version.endsWith('.*')) {
    if (op !== '==' && op !== '!=') return `"${op}" does not allow a ".*" wildcard`;
    if (!WILDCARD_RE.test(version)) return `"${version}" is not a valid version prefix`;
    // The prefix must also be representable (Version refuses numbers beyond 2^53 - 1).
    return Version.tryParse(version.slice(0, -2)) === null
      ? `"${version}" is not a valid version prefix`
      : null;
  }
  const v = Version.tryParse(version);
  if (v === null || /\s/.test(version)) return `"${version}" is not a valid version`;
  if (v.local !== undefined && op !== '==' && op !== '!=') return `"${op}" does not allow a local version`;
  if (op === '~=' && v.release.length < 2) return `"~=" needs a version with at least two release segments`;
  return null;
}

/** Whether `v` without its post, dev and local parts equals `spec` (packaging `_post_base(v) == spec`). */
function postBaseEquals(v: Version, spec: Version): boolean {
  const { epoch, release, pre } = v;
  const base = Version.fromParts({ epoch, release, ...(pre !== undefined ? { pre } : {}) });
  return compareVersions(base, spec) === 0;
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
  /** For `<V`: `V.dev0` (V with dev 0), the first pre-release of V that `<V` excludes. */
  private readonly earliestPre?: Version;

  private constructor(
    readonly operator: SpecifierOperator,
    versionText: string,
  ) {
    this.wildcard = versionText.endsWith('.*') && operator !== '===';
    if (operator === '===') {
      this.versionText = versionText;
      this.prefix = NO_PREFIX;
      this.mentionsPrerelease = Version.tryParse(versionText)?.isPrerelease ?? false;
      return;
    }
    const v = Version.parse(this.wildcard ? versionText.slice(0, -2) : versionText);
    this.version = v;
    this.versionText = this.wildcard ? `${v.toString()}.*` : v.toString();
    // `~=` matches the prefix of its release without the last segment.
    this.prefix = this.wildcard ? v.release : operator === '~=' ? v.release.slice(0, -1) : NO_PREFIX;
    this.mentionsPrerelease = operator !== '!=' && !this.wildcard && v.isPrerelease;
    if (operator === '<' && !v.isPrerelease) {
      const { epoch, release, pre, post } = v;
      this.earliestPre = Version.fromParts({
        epoch,
        release,
        ...(pre !== undefined ? { pre } : {}),
        ...(post !== undefined ? { post } : {}),
        dev: 0,
      });
    }
  }

  /** Parses one clause like `>= 1.0` or `==2.*`; throws InvalidSpecifierError. */
  static parse(text: string): Specifier {
    const clause = text.trim();
    const m = OPERATOR_AT.exec(clause);
    if (m === null) {
      throw new InvalidSpecifierError(text, text, 'expected an operator (~=, ==, !=, <=, >=, <, >, ===)');
    }
    // The constant, not the matched copy: one operator string per specifier adds up over 100,000 lines.
    const op = OPERATORS.find((o) => o === m[0])!;
    const operand = clause.slice(op.length).trimStart();
    const problem = specifierVersionProblem(op, operand);
    if (problem !== null) throw new InvalidSpecifierError(text, text, problem);
    return new Specifier(op, operand);
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
        // `<V` excludes pre-releases of V unless V is a pre-release: those from `V.dev0` up.
        return this.earliestPre === undefined || !v.isPrerelease || compareVersions(v, this.earliestPre) < 0;
      case '>':
        if (compareVersions(v, spec) <= 0) return false;
        // `>V` excludes post-releases of exactly V unless V is one (packaging `_post_base`: V
        // without post, dev and local) …
        if (!spec.isPostrelease && v.isPostrelease && postBaseEquals(v, spec)) return false;
        // … and local versions of V (public part equal to V).
        return v.local === undefined || comparePublicVersions(v, spec) !== 0;
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

  /**
   * packaging 26's `Specifier.contains`: with `prereleases: false` a pre-release never matches;
   * otherwise (true, or no choice — a lone pre-release is "the only version there is") the
   * operator decides.
   */
  contains(v: Version, opts?: PrereleaseOptions): boolean {
    if (v.isPrerelease && opts?.prereleases === false) return false;
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

  /**
   * Comma-separated clauses, whitespace tolerant; empty text means "any version". Empty clauses
   * are skipped as packaging does (`Requires-Python: >=3.6,` occurs in real metadata).
   */
  static parse(text: string): SpecifierSet {
    const specs: Specifier[] = [];
    for (const part of text.split(',')) {
      if (part.trim() === '') continue;
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

  /**
   * The intersection of two sets (all clauses of both). It copies both, so intersecting many sets
   * one `and` at a time is quadratic: use SpecifierSetBuilder for that.
   */
  and(other: SpecifierSet): SpecifierSet {
    return new SpecifierSet([...this.specifiers, ...other.specifiers]);
  }

  /** Operator semantics of every clause, ignoring the pre-release policy. */
  matches(v: Version): boolean {
    // Indexed: called for every candidate of every requirement, an iterator each time adds up.
    const specifiers = this.specifiers;
    for (let i = 0; i < specifiers.length; i++) if (!(specifiers[i] as Specifier).matches(v)) return false;
    return true;
  }

  /**
   * Containment of one version (packaging 26's SpecifierSet.contains): with `prereleases: false`
   * a pre-release never matches; otherwise the clauses decide (a lone pre-release that matches
   * is admitted, as there is no final release to prefer).
   */
  contains(v: Version, opts?: PrereleaseOptions): boolean {
    if (v.isPrerelease && opts?.prereleases === false) return false;
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

/**
 * The intersection of any number of sets, built in linear time: clauses are collected (each
 * distinct clause once) and the set is made when asked for, then reused until a new clause comes.
 * (100,000 requirement lines naming one project with distinct clauses took minutes through `and`.)
 */
export class SpecifierSetBuilder {
  private readonly byText = new Map<string, Specifier>();
  private built: SpecifierSet | undefined;

  constructor(...sets: SpecifierSet[]) {
    for (const set of sets) this.add(set);
  }

  add(set: SpecifierSet): this {
    for (const s of set.specifiers) {
      const key = s.toString();
      if (this.byText.has(key)) continue;
      this.byText.set(key, s);
      this.built = undefined;
    }
    return this;
  }

  get set(): SpecifierSet {
    this.built ??= new SpecifierSet(this.byText.values());
    return this.built;
  }
}
