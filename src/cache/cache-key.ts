import { createHash } from 'node:crypto';
import { runSecrets } from '../index/redact.js';
import type { Resolution } from '../provider/resolution.js';

/**
 * The cache key of a wheelhouse entry (see docs/cache-key.md for the reasoning):
 *
 *   wheelhouse-v1-<os>-<arch>-<impl><pyver>[_<suffix>]-<digest>
 *
 * `digest` is a sha256 over the resolved files' `filename` and `sha256` only. URLs are never part
 * of it: they may carry credentials, and the same file served by a mirror must hit the same entry.
 * The restore prefix is the key up to and including the `-` before the digest. Parts and the
 * suffix are sanitized to `[A-Za-z0-9._]`, so the first `-` after the python tag always starts the
 * digest and no prefix can match another target's or another suffix's entries. Keys respect the
 * @actions/cache limits (≤ 512 characters, no commas).
 */

/** Bump when the layout of what an entry holds changes, so old entries are never restored. */
export const CACHE_KEY_LAYOUT = 'v1';
export const CACHE_KEY_MAX_LENGTH = 512;
/**
 * Hex characters of the resolution hash kept in the key: 128 bits. Accidental collisions need
 * ~2^64 entries; a deliberate collision is no threat either, because restored wheels are verified
 * against the resolution's sha256s before use (a collision could only cost a download). The full
 * 64 characters would be safe too, but 32 keep keys short in logs and UI tables.
 */
export const CACHE_KEY_DIGEST_LENGTH = 32;

export class CacheKeyError extends Error {
  override name = 'CacheKeyError';
}

export interface CacheKeyTarget {
  /** e.g. `linux`, `musllinux`, `macos`, `windows`. */
  os: string;
  /** e.g. `x64`, `arm64`. */
  arch: string;
  /** Interpreter abbreviation as in wheel tags: `cp`, `pp`, `gp`. */
  implementation: string;
  /** `3.12` or `3.12.4` (only major.minor is kept: patch releases share wheels). */
  pythonVersion: string;
}

export interface CacheKey {
  key: string;
  /** The key without the digest: every entry of the same target (and suffix) starts with it. */
  restorePrefix: string;
  /** Full 64-character resolution hash (the `resolution-hash` output). */
  resolutionHash: string;
}

const SHA256_HEX = /^[0-9a-f]{64}$/;

function sanitize(part: string): string {
  return part.replace(/[^A-Za-z0-9._]/g, '_');
}

/**
 * sha256 (hex) over the resolved files, sorted by filename, each contributing
 * `<filename> <sha256>\n`. Independent of requirement order, URLs, indexes and metadata paths.
 */
export function resolutionHash(resolution: Resolution): string {
  const lines = resolution.packages.map((pkg) => {
    const sha = pkg.file.sha256.toLowerCase();
    if (!SHA256_HEX.test(sha)) {
      throw new CacheKeyError(
        `cannot key the cache on ${pkg.file.filename}: its sha256 ${JSON.stringify(pkg.file.sha256)} is not 64 hex digits`,
      );
    }
    if (/[\n\r ]/.test(pkg.file.filename)) {
      throw new CacheKeyError(
        `cannot key the cache on file name ${JSON.stringify(pkg.file.filename)}: it contains whitespace`,
      );
    }
    return `${pkg.file.filename} ${sha}\n`;
  });
  // Code-unit order, not locale order: the same set must hash the same on every machine.
  lines.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const hash = createHash('sha256');
  for (const line of lines) hash.update(line, 'utf8');
  return hash.digest('hex');
}

function pythonTag(implementation: string, pythonVersion: string): string {
  const m = /^(\d+)\.(\d+)(?:\.\d+)?$/.exec(pythonVersion.trim());
  if (!m) {
    throw new CacheKeyError(
      `python version ${JSON.stringify(pythonVersion)} is not of the form X.Y or X.Y.Z`,
    );
  }
  return `${sanitize(implementation.trim().toLowerCase())}${m[1]}${m[2]}`;
}

/** The restore prefix alone (what a run can compute before it has resolved anything). */
export function cacheKeyPrefix(target: CacheKeyTarget, suffix?: string): string {
  for (const [name, value] of [
    ['os', target.os],
    ['arch', target.arch],
    ['implementation', target.implementation],
  ] as const) {
    if (value.trim() === '') throw new CacheKeyError(`cache key part ${name} is empty`);
  }
  const tag = pythonTag(target.implementation, target.pythonVersion);
  const os = sanitize(target.os.trim().toLowerCase());
  const arch = sanitize(target.arch.trim().toLowerCase());
  // A suffix is user text: the run's secrets never reach a key (keys are shown in logs and the UI).
  const trimmed = runSecrets.mask(suffix?.trim() ?? '');
  const suffixPart = trimmed === '' ? '' : `_${sanitize(trimmed)}`;
  const prefix = `wheelhouse-${CACHE_KEY_LAYOUT}-${os}-${arch}-${tag}${suffixPart}-`;
  if (prefix.length + CACHE_KEY_DIGEST_LENGTH > CACHE_KEY_MAX_LENGTH) {
    throw new CacheKeyError(
      `cache key would be ${prefix.length + CACHE_KEY_DIGEST_LENGTH} characters (limit ${CACHE_KEY_MAX_LENGTH}); shorten cache-suffix ${JSON.stringify(trimmed.slice(0, 40))}…`,
    );
  }
  return prefix;
}

/**
 * Every key `cacheKey` makes, and nothing else: `wheelhouse-v1-`, os and arch (`[a-z0-9._]`), the
 * python tag (implementation then major and minor digits), an optional `_<suffix>`
 * (`[A-Za-z0-9._]`), `-` and the digest's lower-case hex digits; at most CACHE_KEY_MAX_LENGTH
 * characters. So no newline, control character, space, quote or backtick.
 */
const KEY_GRAMMAR = new RegExp(
  `^wheelhouse-${CACHE_KEY_LAYOUT}-[a-z0-9._]+-[a-z0-9._]+-[a-z0-9._]+[0-9]{2,}(?:_[A-Za-z0-9._]+)?-[0-9a-f]{${CACHE_KEY_DIGEST_LENGTH}}$`,
);

/**
 * Whether `text` is a key wheelhouse makes. A key read back from a cache store is untrusted text
 * (whoever can write the store wrote it); it becomes the `cache-matched-key` output, a log line
 * and the job summary, so a store's entry is used only when its key passes this.
 */
export function isCacheKey(text: string): boolean {
  return text.length <= CACHE_KEY_MAX_LENGTH && KEY_GRAMMAR.test(text);
}

/** Untrusted text that should have been a cache key, for a warning: quoted, at most 100 characters. */
export function shownForeignKey(text: string): string {
  return JSON.stringify(text.length > 100 ? text.slice(0, 100) : text) + (text.length > 100 ? '…' : '');
}

/** The cache key of a resolution for a target, with its restore prefix. */
export function cacheKey(resolution: Resolution, target: CacheKeyTarget, suffix?: string): CacheKey {
  const restorePrefix = cacheKeyPrefix(target, suffix);
  const hash = resolutionHash(resolution);
  return { key: restorePrefix + hash.slice(0, CACHE_KEY_DIGEST_LENGTH), restorePrefix, resolutionHash: hash };
}
