/**
 * What a prune of the S3 store keeps in memory while it streams the listings (s3-prune.ts, review
 * 17b F2: it held every listed key, gigabytes against a prefix of 1 KiB keys). Only keys of the
 * store's own shapes count, and each is kept compact:
 *   - marked digests as 32-byte binary strings (one byte a character), not 64-character hex;
 *   - the entries and records kept, as a 16-byte hash of their key with their last-modified time;
 *   - sweep candidates (unmarked, past the grace period) as 32 bytes of digest, a size and an area
 *     in growing typed arrays — the object's key is rebuilt from them.
 * An object key of no store shape (under wheels/ or blobs/) is counted and dropped at once (the
 * caller shows the first): wheelhouse did not write it, so the sweep never deletes it.
 */
import { createHash } from 'node:crypto';
import type { S3Objects } from './s3-objects.js';

/** The areas the sweep deletes from. */
export const OBJECT_AREAS = ['wheels/', 'blobs/'] as const;
export type ObjectArea = (typeof OBJECT_AREAS)[number];

const HEX64 = /^[0-9a-f]{64}$/;

/** The compact form of a sha256 hex digest (32 one-byte characters). */
export function digestId(hex: string): string {
  return Buffer.from(hex, 'hex').toString('latin1');
}

/** The compact identity of a key (16 bytes of its sha256). */
export function keyId(key: string): string {
  return createHash('sha256').update(key).digest().subarray(0, 16).toString('latin1');
}

/** The digest of `key` when it is `<prefix>/<area>sha256/<aa>/<64 hex>` (s3-objects.ts objectKey), else undefined. */
export function objectDigest(objects: S3Objects, area: ObjectArea, key: string): string | undefined {
  const base = `${objects.key(area)}sha256/`;
  if (!key.startsWith(base) || key.length !== base.length + 3 + 64) return undefined;
  const digest = key.slice(base.length + 3);
  return HEX64.test(digest) && key.slice(base.length, base.length + 3) === `${digest.slice(0, 2)}/`
    ? digest
    : undefined;
}

/** Sweep candidates: digest, size and area of each, in growing typed arrays. */
export class Candidates {
  length = 0;
  private digests = Buffer.alloc(32 * 1024);
  private sizes = new Float64Array(1024);
  private areas = new Uint8Array(1024);

  add(area: ObjectArea, hex: string, size: number): void {
    if (this.length === this.sizes.length) {
      const digests = Buffer.alloc(this.digests.length * 2);
      this.digests.copy(digests);
      this.digests = digests;
      const sizes = new Float64Array(this.sizes.length * 2);
      sizes.set(this.sizes);
      this.sizes = sizes;
      const areas = new Uint8Array(this.areas.length * 2);
      areas.set(this.areas);
      this.areas = areas;
    }
    this.digests.write(hex, this.length * 32, 'hex');
    this.sizes[this.length] = size;
    this.areas[this.length] = OBJECT_AREAS.indexOf(area);
    this.length++;
  }

  /** Candidate `i`: its digest (compact and hex), size and area. */
  at(i: number): { id: string; hex: string; size: number; area: ObjectArea } {
    const bytes = this.digests.subarray(i * 32, i * 32 + 32);
    return {
      id: bytes.toString('latin1'),
      hex: bytes.toString('hex'),
      size: this.sizes[i]!,
      area: OBJECT_AREAS[this.areas[i]!]!,
    };
  }
}
