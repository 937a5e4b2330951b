/**
 * Where a wheel's members land on a case-insensitive file system (macOS's default APFS, Windows'
 * NTFS), so that wheelhouse stages exactly what pip leaves there. pip writes the members one after
 * another (pip/_internal/operations/install/wheel.py, `ZipBackedFile.save`): it makes the parent
 * with `os.makedirs(exist_ok)` (utils/misc.py `ensure_dir`) and unlinks an existing file before it
 * writes. On such a file system `Foo/a.py` and `foo/b.py` therefore both land in the directory
 * spelled as it was first made (`Foo/`), and a later member whose path differs from an earlier
 * one's only in case replaces it, keeping its own last component's spelling. RECORD still lists
 * every member as the wheel spells it (its rows come from the wheel's RECORD).
 *
 * Folding is `toLowerCase` (Unicode default case mapping, the case-insensitivity both file systems
 * have); APFS also ignores Unicode normalisation, which is not folded here: two such spellings
 * still fail to stage (an error, never a mixed result).
 */

/** The case folding of names (see the header). */
export const fold = (s: string): string => s.toLowerCase();

/**
 * For each member (the scheme root it goes below, and its `/`-separated subpath, in archive
 * order), the subpath it lands at on a case-insensitive file system, or undefined when a later
 * member lands at the same path and replaces it.
 */
export function landingSubpaths(
  members: readonly { root: string; subpath: string }[],
): (string | undefined)[] {
  const dirSpelling = new Map<string, string>(); // root + folded directory subpath → first spelling
  const lastAt = new Map<string, number>(); // root + folded file subpath → last member there
  const out: (string | undefined)[] = [];
  for (const [i, { root, subpath }] of members.entries()) {
    const parts = subpath.split('/');
    const name = parts.pop() as string;
    let spelled = '';
    for (const part of parts) {
      const next = spelled === '' ? part : `${spelled}/${part}`;
      const key = `${root}\0${fold(next)}`;
      let first = dirSpelling.get(key);
      if (first === undefined) {
        first = next;
        dirSpelling.set(key, first);
      }
      spelled = first;
    }
    const landed = spelled === '' ? name : `${spelled}/${name}`;
    const key = `${root}\0${fold(landed)}`;
    const earlier = lastAt.get(key);
    if (earlier !== undefined) out[earlier] = undefined;
    lastAt.set(key, i);
    out.push(landed);
  }
  return out;
}
