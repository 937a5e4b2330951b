/**
 * `--hash` pins against files, the way pip's hash-checking mode treats them:
 * - a file whose source declares a hash of a pinned algorithm is a candidate only when that hash
 *   is one of the pins (pip's `filter_unallowed_hashes` drops declared non-matches up front);
 * - a file whose source declares no usable hash (a find-links page or an index without
 *   `#sha256=` fragments) is still a candidate (pip keeps links without a hash): it is downloaded,
 *   and the sha256 of the bytes must then be one of the pins, else the run fails naming the file,
 *   the expected and the actual hash (pip's "THESE PACKAGES DO NOT MATCH THE HASHES" error).
 * - a pin of another algorithm than sha256 (sha384, sha512, …) that the source's declaration
 *   matches is not taken on the declaration's word (review 14b #10): pip's hash-checking mode
 *   compares the pins with the digests of the downloaded bytes (`InstallRequirement.hashes` with
 *   `trust_internet=False`, then `Hashes.check_against_path`), so such a file is downloaded whole
 *   before the lock is written, every declared digest checked against its bytes
 *   (index/declared-digests.ts), and the computed digest must be one of the pins.
 * Only sha256 (and the declared algorithms) is computed for such files (file-hashes.ts), so pins
 * that give no sha256 (only sha384/sha512) cannot vouch for a file without a declared hash: that
 * file stays excluded.
 */
import type { DistFile } from '../index/dist-file.js';
import type { NormalizedName } from '../standards/names.js';

/** `--hash` pins of one project: algorithm → digests (lowercase hex). */
export type HashPins = ReadonlyMap<string, ReadonlySet<string>>;

/**
 * - `allowed`: the source declares a pinned sha256 (the download step checks the bytes against it);
 * - `to-verify`: the source declares a pinned digest of another algorithm: the file is downloaded
 *   whole and that digest of its bytes checked against the pins (verifyComputedHashes);
 * - `unchecked`: the source declares no hash to compare, and a sha256 pin exists — the file is a
 *   candidate whose computed sha256 is checked after the download (verifyComputedHashes);
 * - `mismatch`: the source declares a hash of a pinned algorithm that is not pinned;
 * - `uncheckable`: nothing to compare, and no sha256 pin the computed hash could be checked against.
 */
export type HashPinStatus = 'allowed' | 'to-verify' | 'unchecked' | 'mismatch' | 'uncheckable';

export function hashPinStatus(file: DistFile, pins: HashPins): HashPinStatus {
  let declaredPinnedAlgorithm = false;
  let toVerify = false;
  for (const [algorithm, digests] of pins) {
    const declared = file.hashes[algorithm];
    if (declared === undefined) continue;
    if (digests.has(declared.toLowerCase())) {
      if (algorithm === 'sha256') return 'allowed';
      toVerify = true;
    }
    declaredPinnedAlgorithm = true;
  }
  if (toVerify) return 'to-verify';
  if (declaredPinnedAlgorithm) return 'mismatch';
  // A declared sha256 is what the lock uses; without a sha256 pin it cannot be checked either.
  if (file.hashes.sha256 === undefined && (pins.get('sha256')?.size ?? 0) > 0) return 'unchecked';
  return 'uncheckable';
}

/** The reason a file is not a candidate under `pins`, or undefined when it is one. */
export function hashPinProblem(file: DistFile, pins: HashPins): string | undefined {
  const status = hashPinStatus(file, pins);
  if (status === 'mismatch') return `${file.filename} has none of the hashes given with --hash`;
  if (status === 'uncheckable') {
    return `${file.filename} declares no hash of the kinds given with --hash (${[...pins.keys()].join(', ')}), and only a sha256 can be computed`;
  }
  return undefined;
}

/** One downloaded file whose sha256 is not among its project's `--hash` pins. */
export interface HashPinMismatch {
  project: NormalizedName;
  filename: string;
  /** Redacted URL. */
  url: string;
  /** The algorithm compared (sha256 unless a declaration matched a pin of another). */
  algorithm: string;
  /** The pinned digests of that algorithm. */
  expected: string[];
  /** The digest of the bytes ('' when it was not computed). */
  actual: string;
}

/** Files downloaded to hash them whose digest is not pinned. */
export class HashPinMismatchError extends Error {
  constructor(readonly mismatches: readonly HashPinMismatch[]) {
    const lines = mismatches.map(
      (m) =>
        `  ${m.project}: ${m.filename} from ${m.url}\n` +
        `    expected ${m.algorithm} ${m.expected.length === 1 ? '' : 'one of '}${m.expected.join(', ')}\n` +
        `    got      ${m.algorithm} ${m.actual === '' ? '(not computed)' : m.actual}`,
    );
    super(
      `${mismatches.length === 1 ? 'a downloaded file does' : `${mismatches.length} downloaded files do`} not match the --hash values of the requirements ` +
        `(the files' sources give no hash, so each was downloaded and hashed; a changed file or a wrong pin):\n${lines.join('\n')}`,
    );
    this.name = 'HashPinMismatchError';
  }
}

/**
 * Checks the digests computed for chosen files (downloaded whole: status `unchecked` or
 * `to-verify`) against their project's pins — one pinned algorithm whose digest of the bytes is
 * pinned suffices, as pip's `Hashes.check_against_chunks`; throws HashPinMismatchError listing
 * every file that does not match. Files of unpinned projects pass, and so do files whose pinned
 * declared sha256 the download step checks (status `allowed`).
 */
export function verifyComputedHashes(
  computed: readonly {
    project: NormalizedName;
    file: DistFile;
    sha256: string;
    /** Hex digests of the bytes by algorithm (sha256 and the declared algorithms). */
    digests?: Readonly<Record<string, string>>;
  }[],
  pinsFor: (project: NormalizedName) => HashPins | undefined,
): void {
  const mismatches: HashPinMismatch[] = [];
  for (const { project, file, sha256, digests } of computed) {
    const pins = pinsFor(project);
    if (pins === undefined || pins.size === 0) continue;
    const status = hashPinStatus(file, pins);
    if (status !== 'unchecked' && status !== 'to-verify') continue;
    const actual = (algorithm: string): string | undefined =>
      (algorithm === 'sha256' ? sha256 : digests?.[algorithm])?.toLowerCase();
    let matched = false;
    for (const [algorithm, pinned] of pins) {
      const got = actual(algorithm);
      if (got !== undefined && pinned.has(got)) matched = true;
    }
    if (matched) continue;
    // Name the pinned algorithm the declaration matched (else sha256, the one computed).
    const algorithm =
      status === 'to-verify'
        ? ([...pins.keys()].find((a) => a !== 'sha256' && file.hashes[a] !== undefined) ?? 'sha256')
        : 'sha256';
    mismatches.push({
      project,
      filename: file.filename,
      url: file.redactedUrl,
      algorithm,
      expected: [...(pins.get(algorithm) ?? [])],
      actual: actual(algorithm) ?? '',
    });
  }
  if (mismatches.length > 0) throw new HashPinMismatchError(mismatches);
}
