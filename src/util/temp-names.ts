/**
 * The names of wheelhouse's temporary siblings (`.<name>.<12 hex>.part|tmp`: a download, the
 * index's whole-file download, a local copy, a file a cache save or an S3 restore is placing) and
 * of the copies kept aside during a restore (cache/foreign-keep.ts). Here in util, not cache, so
 * index/file-download.ts can use it. They carry the final name so a person sees what they belong
 * to, but must stay within the file system's limit on one name: 255 bytes on ext4, XFS, btrfs
 * and APFS (NTFS counts 255 UTF-16 units, never more than the UTF-8 bytes). A wheel's name may use
 * nearly all of it (long project names, compressed tag sets), so the carried name is shortened when
 * the whole would not fit (review 15b F6, review 16b F1); the random part keeps every temporary
 * name distinct.
 */
import { randomBytes } from 'node:crypto';

/** The longest file name, in UTF-8 bytes, that every supported file system takes. */
export const NAME_MAX_BYTES = 255;

/**
 * The longest leading part of `name` that is at most `maxBytes` bytes in UTF-8, cut between
 * characters (never inside one).
 */
export function leadingBytes(name: string, maxBytes: number): string {
  if (Buffer.byteLength(name, 'utf8') <= maxBytes) return name;
  let out = '';
  let bytes = 0;
  for (const char of name) {
    const size = Buffer.byteLength(char, 'utf8');
    if (bytes + size > maxBytes) break;
    out += char;
    bytes += size;
  }
  return out;
}

/** Twelve random hex digits: what tells one temporary name from another. */
export function randomTag(): string {
  return randomBytes(6).toString('hex');
}

/**
 * `.<name>.<12 hex>.<suffix>` (the pattern wheelhouse-files.ts recognises as its own), with
 * `name` shortened so the whole is at most NAME_MAX_BYTES bytes.
 */
export function tempSiblingName(name: string, suffix: 'part' | 'tmp'): string {
  const room = NAME_MAX_BYTES - (`..${'0'.repeat(12)}.`.length + suffix.length);
  return `.${leadingBytes(name, room)}.${randomTag()}.${suffix}`;
}
