/**
 * The digests an index declares for a file (`#<name>=<hex>` fragments, PEP 691 `hashes`, PEP 658
 * `data-core-metadata="<name>=<hex>"`), checked against the bytes received. pip 23.2 knows six
 * algorithms (models/link.py `_SUPPORTED_HASHES`: sha512, sha384, sha256, sha224, sha1, md5) and
 * checks a link's declared digest against the downloaded bytes (`Link.as_hashes`, `Hashes.check_
 * against_chunks`): a file that does not match is refused ("THESE PACKAGES DO NOT MATCH THE
 * HASHES"), whatever the algorithm. Here every declared digest of those six is checked (pip checks
 * the strongest one, `Link.hash`; checking all of them refuses no file pip's index would not be
 * inconsistent about). A declared value that is not a hex digest never matches, so its file is
 * refused when downloaded, as with pip (which keeps the value as declared).
 */
import { createHash, type Hash } from 'node:crypto';
import { PIP_HASH_NAMES } from './dist-link.js';

export interface DigestMismatch {
  algorithm: string;
  expected: string;
  actual: string;
}

/** The declared digests of pip's algorithms, strongest first (values lower case). */
export function checkedDigests(declared: Readonly<Record<string, string>>): [string, string][] {
  const out: [string, string][] = [];
  for (const name of PIP_HASH_NAMES) {
    const value = declared[name];
    if (value !== undefined) out.push([name, value.toLowerCase()]);
  }
  return out;
}

/**
 * Streaming digests of the bytes of one file: sha256 always (the hash the lock records) and every
 * declared algorithm of pip's; `finish` gives the hex digests and the first declared one the bytes
 * do not match.
 */
export class DigestCheck {
  private readonly hashes = new Map<string, Hash>();
  private readonly expected: [string, string][];

  constructor(declared: Readonly<Record<string, string>>) {
    this.expected = checkedDigests(declared);
    this.hashes.set('sha256', createHash('sha256'));
    for (const [name] of this.expected) if (!this.hashes.has(name)) this.hashes.set(name, createHash(name));
  }

  update(chunk: Uint8Array): void {
    for (const hash of this.hashes.values()) hash.update(chunk);
  }

  finish(): { digests: Record<string, string>; mismatch?: DigestMismatch } {
    const digests: Record<string, string> = {};
    for (const [name, hash] of this.hashes) digests[name] = hash.digest('hex');
    for (const [algorithm, expected] of this.expected) {
      const actual = digests[algorithm] as string;
      if (actual !== expected) return { digests, mismatch: { algorithm, expected, actual } };
    }
    return { digests };
  }
}

/** The first declared digest `bytes` do not match, or undefined when all match (or none is declared). */
export function digestMismatch(
  bytes: Uint8Array,
  declared: Readonly<Record<string, string>>,
): DigestMismatch | undefined {
  const check = new DigestCheck(declared);
  check.update(bytes);
  return check.finish().mismatch;
}
