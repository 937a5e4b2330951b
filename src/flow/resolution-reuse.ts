/**
 * Reusing the previous resolution of a wheelhouse (issue 14 §2 "an exact-hit install that has
 * nothing to do ≤ 1 s", issue 9 §6): when a run's inputs are exactly those of the last successful
 * run into the same wheelhouse on this machine, and every project page that run looked at is one
 * this machine received (src/cache/received-records.ts) less than its `Cache-Control: max-age` ago,
 * a resolution would read the same pages and the same (content-addressed) METADATA and reach the
 * same answer: it is taken as it was, with no page, METADATA or solver work. pip's own HTTP cache
 * serves such pages within max-age without asking either, so a newer upload is seen no later than
 * pip would see it.
 *
 * "Inputs" (`inputsFingerprint`): everything `prepare` produced — requirement and constraint
 * contents as parsed (with `${VAR}` expansions and in-file options), the effective finder (index
 * URLs, find-links, pre-releases, binary rules, strategy; pip's configuration included), the
 * target (interpreter tags, Python version, platforms), --no-deps and hash-checking mode — plus the
 * identity (device, inode, size, mtime, ctime) of every file in each local find-links directory,
 * and wheelhouse's version. Only the sha256 of that text is stored.
 *
 * Not reused (resolved as usual): lock-file inputs (nothing is resolved anyway), remote find-links
 * pages (fetched without the page cache: no freshness to go by), a resolution with an sdist or a
 * direct URL, a page looked up that this machine holds no fresh record of (a 404, `no-cache`, no
 * max-age), and anything naming one of the run's secrets (the record would hold it).
 *
 * The record lives in the stamp store beside the stamps (`<hash of the wheelhouse>.resolution.json`,
 * naming the wheelhouse's absolute path in `dir` so that pruning can tell when it is gone:
 * cache/stamp-store.ts), outside every cache entry; the same trade-off as the stamps applies to someone who can write it.
 */
import { createHash } from 'node:crypto';
import { lstat, mkdir, readdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { PageRecords } from '../index/page-cache.js';
import { isFresh } from '../index/page-freshness.js';
import { runSecrets } from '../index/redact.js';
import type { Resolution } from '../provider/resolution.js';
import { readStoreFile, RECORD_FILE_LIMIT, storeHashOf } from '../cache/stamp-store.js';
import { writeFileAtomic } from '../util/atomic-file.js';
import type { Prepared } from './prepare.js';
import { WHEELHOUSE_VERSION } from './version.js';

const VERSION = 1;
const HEX64 = /^[0-9a-f]{64}$/;

interface ReuseRecord {
  version: typeof VERSION;
  inputs: string;
  /** Page cache key → record digest of every page the resolution looked up (page-cache.ts). */
  pages: Record<string, string>;
  resolution: Resolution;
}

export function resolutionRecordFile(store: string, wheelhouse: string): string {
  return join(store, `${storeHashOf(wheelhouse)}.resolution.json`);
}

/** JSON with Maps and Sets spelled out (JSON.stringify would write `{}` for both and lose them). */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => {
    if (v instanceof Map) return ['Map', [...v.entries()]];
    if (v instanceof Set) return ['Set', [...v.values()]];
    if (typeof v === 'function' || typeof v === 'symbol') throw new Error('not plain data');
    if (typeof v === 'bigint') return `${v}n`;
    return v;
  });
}

/** The identity of every file directly in each directory (sorted), or undefined when one is unreadable. */
async function dirIdentities(dirs: readonly string[]): Promise<string[][] | undefined> {
  const out: string[][] = [];
  for (const dir of dirs) {
    let names: string[];
    try {
      names = (await readdir(dir)).sort();
    } catch {
      return undefined;
    }
    for (const name of names) {
      const info = await lstat(join(dir, name), { bigint: true }).catch(() => undefined);
      if (info === undefined) return undefined;
      out.push([
        resolve(dir, name),
        info.isFile() ? 'f' : info.isDirectory() ? 'd' : 'o',
        String(info.dev),
        String(info.ino),
        String(info.size),
        String(info.mtimeNs),
        String(info.ctimeNs),
      ]);
    }
  }
  return out;
}

/**
 * The sha256 naming this run's inputs (see the header), or undefined when they cannot be named
 * (remote find-links, a lock-file input, an unreadable find-links directory, data that is not plain).
 */
export async function inputsFingerprint(
  prepared: Prepared,
  localFindLinks: readonly string[],
): Promise<string | undefined> {
  if (prepared.locked !== undefined) return undefined;
  const remote = prepared.finder.findLinks.filter(
    (f) => /^[a-z][a-z0-9+.-]*:\/\//i.test(f) && !f.toLowerCase().startsWith('file:'),
  );
  if (remote.length > 0) return undefined;
  const files = await dirIdentities(localFindLinks);
  if (files === undefined) return undefined;
  try {
    const text = canonical({
      wheelhouse: WHEELHOUSE_VERSION,
      format: VERSION,
      inputs: prepared.inputs,
      finder: prepared.finder,
      detected: prepared.detected,
      target: prepared.target,
      noDeps: prepared.noDeps,
      requireHashes: prepared.requireHashes,
      findLinksFiles: files,
    });
    return createHash('sha256').update(text).digest('hex');
  } catch {
    return undefined;
  }
}

/** Whether every page has a record of the same bytes that is fresh at `now`. */
function allFresh(pages: Record<string, string>, records: PageRecords, now: number): boolean {
  return Object.entries(pages).every(([key, digest]) => {
    const r = records.get(key);
    return r !== undefined && r.digest === digest && isFresh(r.storedAt, r.freshForSec, now);
  });
}

/**
 * The previous resolution of `wheelhouse`, when its record names `fingerprint` and every page it
 * looked up is, by this machine's records, still the same page and still fresh; else undefined.
 */
export async function reusableResolution(
  store: string,
  wheelhouse: string,
  fingerprint: string,
  records: PageRecords,
  now: number,
): Promise<{ resolution: Resolution; pages: Set<string> } | undefined> {
  const path = resolutionRecordFile(store, wheelhouse);
  const text = await readStoreFile(path, RECORD_FILE_LIMIT);
  if (text === undefined) return undefined;
  let data: Partial<ReuseRecord>;
  try {
    data = JSON.parse(text) as Partial<ReuseRecord>;
  } catch {
    return undefined;
  }
  if (data.version !== VERSION || data.inputs !== fingerprint) return undefined;
  const pages = data.pages;
  if (typeof pages !== 'object' || pages === null || Array.isArray(pages)) return undefined;
  if (!Object.entries(pages).every(([k, d]) => HEX64.test(k) && typeof d === 'string' && HEX64.test(d))) {
    return undefined;
  }
  if (!allFresh(pages, records, now)) return undefined;
  const resolution = data.resolution;
  if (typeof resolution !== 'object' || resolution === null || !Array.isArray(resolution.packages)) {
    return undefined;
  }
  if (!resolution.packages.every(plainWheelPackage)) return undefined;
  return { resolution, pages: new Set(Object.keys(pages)) };
}

/** A package a reused resolution may hold: a wheel from an index, with a sha256. */
function plainWheelPackage(p: unknown): boolean {
  if (typeof p !== 'object' || p === null) return false;
  const x = p as Resolution['packages'][number];
  return (
    typeof x.name === 'string' &&
    typeof x.version === 'string' &&
    typeof x.file === 'object' &&
    x.file !== null &&
    x.file.kind === 'wheel' &&
    typeof x.file.filename === 'string' &&
    typeof x.file.url === 'string' &&
    typeof x.file.redactedUrl === 'string' &&
    typeof x.file.sha256 === 'string' &&
    HEX64.test(x.file.sha256) &&
    x.isDirect === false &&
    x.builtFrom === undefined &&
    Array.isArray(x.requiresDist) &&
    Array.isArray(x.extras)
  );
}

/**
 * Keeps `resolution` for the next run into `wheelhouse` when it may be reused (see the header):
 * every page it looked up (`pages`) has a record with a lifetime, it holds only wheels from an
 * index, and it names none of the run's secrets. Otherwise any older record is replaced by none.
 */
export async function keepResolution(
  store: string,
  wheelhouse: string,
  fingerprint: string | undefined,
  pages: readonly string[],
  records: PageRecords,
  resolution: Resolution,
): Promise<boolean> {
  const reusable =
    fingerprint !== undefined &&
    pages.every((k) => (records.get(k)?.freshForSec ?? 0) > 0) &&
    resolution.packages.every(plainWheelPackage);
  const text = reusable
    ? JSON.stringify({
        version: VERSION,
        dir: resolve(wheelhouse),
        inputs: fingerprint,
        pages: Object.fromEntries([...pages].sort().map((k) => [k, records.get(k)?.digest ?? ''] as const)),
        resolution,
      })
    : undefined;
  const keep = text !== undefined && !runSecrets.includes(text);
  await mkdir(store, { recursive: true });
  // A run that cannot keep its own record leaves an empty one: no stale record may outlive it.
  const written = keep ? text : JSON.stringify({ version: 0, dir: resolve(wheelhouse) });
  await writeFileAtomic(resolutionRecordFile(store, wheelhouse), `${written}\n`);
  return keep;
}
