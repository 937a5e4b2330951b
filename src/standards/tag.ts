/**
 * Compatibility tag triples — PEP 425 "Compatibility Tags for Built Distributions" and the
 * platform compatibility tags specification (packaging.python.org/specifications/
 * platform-compatibility-tags/), section "Compressed Tag Sets".
 *
 * A wheel's tag component `{python tag}-{abi tag}-{platform tag}` may hold several `.`-separated
 * values per part ("py2.py3-none-any"); the wheel then supports the cartesian product of them.
 * Tags compare case-insensitively: like `packaging.tags.Tag`, the triples built here are
 * lowercased.
 * Not supported: nothing of the tag syntax is left out; deciding which tags an interpreter
 * supports lives in tags.ts.
 */

/** One interpreter-abi-platform triple, e.g. `{ interpreter: 'cp312', abi: 'abi3', platform: 'win_amd64' }`. */
export interface Tag {
  interpreter: string;
  abi: string;
  platform: string;
}

/** `cp312-abi3-win_amd64`. */
export function tagToString(tag: Tag): string {
  return `${tag.interpreter}-${tag.abi}-${tag.platform}`;
}

/** Builds a (lowercased) tag from its three parts. */
export function makeTag(interpreter: string, abi: string, platform: string): Tag {
  return {
    interpreter: interpreter.toLowerCase(),
    abi: abi.toLowerCase(),
    platform: platform.toLowerCase(),
  };
}

/**
 * Expands a compressed tag set (PEP 425 "Compressed Tag Sets"): each part is split on `.` and the
 * cartesian product is returned in interpreter → abi → platform order, duplicates dropped.
 * `py2.py3-none-any` → [py2-none-any, py3-none-any]. Parts must be non-empty; the caller
 * validates the overall shape (see filenames.ts), this function only expands.
 */
export function expandTagSet(pythonTags: string[], abiTags: string[], platformTags: string[]): Tag[] {
  const seen = new Set<string>();
  const out: Tag[] = [];
  for (const interpreter of pythonTags) {
    for (const abi of abiTags) {
      for (const platform of platformTags) {
        const tag = makeTag(interpreter, abi, platform);
        const key = tagToString(tag);
        if (seen.has(key)) continue;
        seen.add(key);
        out.push(tag);
      }
    }
  }
  return out;
}

/**
 * Parses a compressed tag string `py2.py3-none-any` into its expanded tags. Returns undefined
 * when the string is not exactly three non-empty `-`-separated parts with non-empty `.` items.
 */
export function parseTagSet(text: string): Tag[] | undefined {
  const parts = text.split('-');
  if (parts.length !== 3) return undefined;
  const split = parts.map((p) => p.split('.'));
  if (split.some((items) => items.some((item) => item === ''))) return undefined;
  return expandTagSet(split[0]!, split[1]!, split[2]!);
}
