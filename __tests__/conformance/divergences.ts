/**
 * The deliberate differences between wheelhouse and pip 26 (its vendored packaging 26.2), each with
 * its reason. The conformance suite accepts a disagreement only when one of these recognises it;
 * anything else fails the suite. docs/pip-agreement.md lists the same entries.
 */

/** What one side answered for a case, reduced to comparable JSON. */
export type Answer = unknown;

export interface Divergence {
  id: string;
  area: string;
  /** What differs and why wheelhouse keeps it. */
  reason: string;
  /** Whether this divergence explains the disagreement on `input`. */
  explains: (input: Record<string, unknown>, ours: Answer, theirs: Answer) => boolean;
}

type Obj = Record<string, unknown>;
const obj = (a: Answer): Obj => (a !== null && typeof a === 'object' ? (a as Obj) : {});
const isErr = (a: Answer): boolean => obj(a).err !== undefined || obj(a).error !== undefined;
const HUGE = /\d{16,}/;

export const DIVERGENCES: readonly Divergence[] = [
  {
    id: 'tilde-unnormalized-suffix',
    area: 'specifier',
    reason:
      'packaging computes the `~=` prefix from the clause text as written and does not recognise `c1`, `.r1`, `.rev1`, `.pre1` or `.preview1` as suffixes, so `~=1.0c1` becomes `==1.0.*`; wheelhouse uses the parsed version, so `~=1.0c1` means what `~=1.0rc1` means (the spec: the spellings are equivalent). Recognised when packaging itself answers like wheelhouse once the clauses are written normalized.',
    explains: (input, ours, theirs) =>
      /~=/.test(String(input.spec)) && JSON.stringify(ours) === JSON.stringify(obj(theirs).normalized),
  },
  {
    id: 'marker-tilde-unnormalized-suffix',
    area: 'marker',
    reason:
      'tilde-unnormalized-suffix inside a marker: `python_version ~= "3.12A.10"` (packaging answers as wheelhouse once the value is written `3.12a10`).',
    explains: (input, ours, theirs) =>
      /~=/.test(String(input.marker)) && obj(ours).value === obj(theirs).value_tilde_normalized,
  },
  {
    id: 'marker-set-valued-variables',
    area: '*',
    reason:
      "markers naming PEP 751's `extras` or `dependency_groups` are refused when parsed; packaging parses them and cannot evaluate them for metadata (KeyError), except when compared with `extra`, where the variable turns into its own normalized name (`dependency_groups == extra`).",
    explains: (_input, ours) =>
      /unknown marker variable "(extras|dependency_groups)"/.test(String(obj(ours).reason ?? '')),
  },
  {
    id: 'marker-extra-in-parentheses',
    area: 'marker',
    reason:
      'packaging normalizes the value compared with `extra` (PEP 685) only at the top level of a marker; inside parentheses `(extra == "Socks_Extra")` compares the value as written with the normalized extra and never matches. wheelhouse normalizes both sides everywhere, as PEP 685 requires. Recognised when packaging, with the values inside parentheses normalized too, answers like wheelhouse.',
    explains: (input, ours, theirs) =>
      /extra/.test(String(input.marker)) && obj(ours).value === obj(theirs).value_extras_normalized,
  },
  {
    id: 'manylinux-pep600-names',
    area: 'tags',
    reason:
      "for an explicit `manylinux2014_*`/`manylinux2010_*` platform pip 26 adds only the legacy aliases (manylinux2010, manylinux1); wheelhouse also lists the equivalent PEP 600 names (`manylinux_2_17` … `manylinux_2_5`) at their glibc versions, since such wheels run on that target. pip's tags keep their relative order.",
    explains: (input, ours, theirs) => {
      const explicit = new Set((input.platforms as string[]) ?? []);
      const extra = (t: string): boolean => {
        const plat = t.split('-')[2] ?? '';
        return /^manylinux_\d+_\d+_/.test(plat) && !explicit.has(plat);
      };
      const o = (obj(ours).tags as string[] | undefined) ?? [];
      const t = (obj(theirs).tags as string[] | undefined) ?? [];
      return (
        [...explicit].some((p) => /^manylinux20(14|10)_/.test(p)) &&
        JSON.stringify(o.filter((x) => !extra(x))) === JSON.stringify(t)
      );
    },
  },
  {
    id: 'marker-undefined-comparison',
    area: 'marker',
    reason:
      'packaging raises UndefinedComparison for `~=` and `===` when the comparison is not a version comparison (a variable that is not version-typed, or a value that is no valid specifier), so pip stops with a traceback; wheelhouse answers `~=` false and `===` as string equality, so one odd marker does not make a distribution unusable.',
    explains: (_input, ours, theirs) =>
      obj(theirs).err === 'UndefinedComparison' && typeof obj(ours).value === 'boolean',
  },
  {
    id: 'requirement-marker-undefined-comparison',
    area: 'requirement',
    reason: "the same as marker-undefined-comparison, in a requirement's marker.",
    explains: (_input, ours, theirs) =>
      obj(theirs).marker === 'err:UndefinedComparison' && typeof obj(ours).marker === 'boolean',
  },
  {
    id: 'marker-two-strings',
    area: 'marker',
    reason:
      'a comparison of two quoted strings (`"a" == "b"`) is refused when wheelhouse parses it; packaging accepts it and, when evaluating, looks the right-hand string up as an environment variable name (an error unless it spells one, e.g. `"posix" == "os_name"`).',
    explains: (_input, ours) => /variable on one side/.test(String(obj(ours).reason ?? '')),
  },
  {
    id: 'marker-named-unicode-escape',
    area: 'marker',
    reason:
      "`\\N{NAME}` escapes in marker strings need Python's Unicode name database; wheelhouse refuses them with that reason instead of carrying the database.",
    explains: (_input, ours) => /\\N\{/.test(String(obj(ours).reason ?? '')),
  },
  {
    id: 'version-number-beyond-2^53',
    area: '*',
    reason:
      'release, pre, post, dev, epoch or local numbers of 16+ digits: packaging keeps Python ints; wheelhouse refuses numbers above 2^53 - 1 with a clear error rather than comparing them imprecisely (build tags, where such numbers occur, are exact).',
    explains: (input, ours) => {
      const texts = Object.values(input).filter((v): v is string => typeof v === 'string');
      return texts.some((t) => HUGE.test(t)) && (isErr(ours) || JSON.stringify(ours).includes('too large'));
    },
  },
  {
    id: 'wheel-name-stricter',
    area: 'wheel',
    reason:
      "wheelhouse refuses wheel names packaging accepts: an empty item in a tag set (`py3.-none-any`, `py3--any`), an empty project name, and non-ASCII letters in the project name (packaging's `\\w` admits them; the binary distribution format allows ASCII only).",
    explains: (input, ours, theirs) => {
      const f = String(input.f ?? '');
      const stem = f.slice(0, -4);
      const parts = stem.split('-');
      const nameBad = parts[0] === '' || /[^\x00-\x7f]/.test(parts[0] ?? '');
      const tagsBad = parts.slice(-3).some((p) => p === '' || p.split('.').some((x) => x === ''));
      return isErr(ours) && !isErr(theirs) && (nameBad || tagsBad);
    },
  },
  {
    id: 'sdist-name-validated',
    area: 'sdist',
    reason:
      "an sdist file name whose name part (before the last `-`) is empty or no valid project name (`r quests-1.0.zip`, `pkg-1.0.-1.tar.gz`) is refused; packaging's parse_sdist_filename normalizes any text. pip matches sdists to the project it looks for by name, which such a name never is.",
    explains: (_input, ours, theirs) =>
      /invalid project name|project name is empty/.test(String(obj(ours).reason ?? '')) && !isErr(theirs),
  },
  {
    id: 'explicit-platform-without-tags',
    area: 'tags',
    reason:
      'an explicit macOS platform whose ladder is empty (before 10.4 for x86_64, e.g. `macosx_10_1_x86_64`) makes pip fall back to the tags of the machine it runs on; wheelhouse keeps the platform as written, since the host is not the target.',
    explains: (input) =>
      ((input.platforms as string[]) ?? []).every((p) => /^macosx_10_[0-3]_(x86_64|i386|intel)$/.test(p)),
  },
  {
    id: 'metadata-bom',
    area: 'metadata',
    reason:
      'a METADATA file that starts with a UTF-8 byte order mark: email.parser (and so packaging) reads no header at all — the whole file becomes the body — while wheelhouse drops the mark and reads the headers.',
    explains: (input) => String(input.hex).startsWith('efbbbf'),
  },
  {
    id: 'metadata-invalid-utf8',
    area: 'metadata',
    reason:
      'METADATA bytes that are not UTF-8: packaging decodes the affected header as Latin-1 and files it as unparsed (a body becomes an unparsed description); wheelhouse reports "not valid UTF-8" (an error for strict parsing) and reads the rest with U+FFFD replacements.',
    explains: (input) => {
      try {
        new TextDecoder('utf-8', { fatal: true }).decode(Buffer.from(String(input.hex), 'hex'));
        return false;
      } catch {
        return true;
      }
    },
  },
  {
    id: 'requirement-url-scheme',
    area: 'requirement',
    reason:
      'a direct reference (`name @ URL`) must be an absolute URL with a scheme in wheelhouse; packaging takes any non-blank text after `@`.',
    explains: (_input, ours) => /absolute URL with a scheme/.test(String(obj(ours).reason ?? '')),
  },
];

/** The divergence that explains a disagreement, if any. */
export function explain(
  area: string,
  input: Record<string, unknown>,
  ours: Answer,
  theirs: Answer,
): Divergence | undefined {
  return DIVERGENCES.find((d) => (d.area === area || d.area === '*') && d.explains(input, ours, theirs));
}
