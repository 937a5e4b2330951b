/**
 * Records of what this machine's wheelhouse itself received from an index, kept between runs in the
 * stamp store (the CLI's `<cache dir>/stamps/`, outside every directory a cache entry saves or
 * restores — see file-stamps.ts), one file per wheelhouse:
 *
 *   - pages: page cache key → the digest of the entry the page cache wrote (URL, validators,
 *     content type, body) and when the server last sent or confirmed it, with its max-age lifetime
 *     (src/index/page-cache.ts `PageRecord`);
 *   - metadata: a distribution file's sha256 → the sha256 of the METADATA wheelhouse read for it.
 *
 * A later run trusts a cached page or METADATA only when its bytes have a recorded digest (issue 14
 * §2 "warm run": a page fetched less than its `Cache-Control: max-age` ago is used with no request;
 * a stale one is revalidated). Bytes that differ from the record — a page rewritten in the cache
 * directory, a restored cache entry's page that this machine never received — keep issue 10's rule
 * (src/index/page-trust.ts). Trusting the digest, not the file's place or identity, is sound for
 * bytes read from anywhere: they are exactly the bytes this machine received, and their freshness
 * is taken from the record, never from the file.
 *
 * The same trade-off as the stamps: someone who can write the stamp store can forge a record (and
 * equally the wheelhouse's lock). The file is bounded and validated; anything unusable is ignored
 * (records only ever save requests, never decide a result by themselves).
 */
import { mkdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { PageRecord, PageRecords } from '../index/page-cache.js';
import { writeFileAtomic } from '../util/atomic-file.js';
import { readStoreFile, RECORD_FILE_LIMIT, storeHashOf } from './stamp-store.js';

const VERSION = 1;
const HEX64 = /^[0-9a-f]{64}$/;

export interface ReceivedRecords {
  pages: PageRecords;
  /** Distribution file sha256 → sha256 of its METADATA. */
  metadata: Map<string, string>;
}

/** The records file of the wheelhouse `dir` in `store`. */
export function receivedRecordsFile(store: string, dir: string): string {
  return join(store, `${storeHashOf(dir)}.received.json`);
}

function validPageRecord(r: unknown): r is PageRecord {
  if (typeof r !== 'object' || r === null) return false;
  const x = r as Record<string, unknown>;
  return (
    typeof x.digest === 'string' &&
    HEX64.test(x.digest) &&
    typeof x.storedAt === 'number' &&
    Number.isFinite(x.storedAt) &&
    (x.freshForSec === undefined || (typeof x.freshForSec === 'number' && Number.isFinite(x.freshForSec)))
  );
}

export function emptyRecords(): ReceivedRecords {
  return { pages: new Map(), metadata: new Map() };
}

/** The records kept for the wheelhouse `dir` (empty when there are none or they are unusable). */
export async function loadReceivedRecords(store: string, dir: string): Promise<ReceivedRecords> {
  const out = emptyRecords();
  const path = receivedRecordsFile(store, dir);
  const text = await readStoreFile(path, RECORD_FILE_LIMIT);
  if (text === undefined) return out;
  let data: { version?: unknown; pages?: unknown; metadata?: unknown };
  try {
    data = JSON.parse(text) as typeof data;
  } catch {
    return out;
  }
  if (data.version !== VERSION) return out;
  if (typeof data.pages === 'object' && data.pages !== null) {
    for (const [key, record] of Object.entries(data.pages)) {
      if (!HEX64.test(key) || !validPageRecord(record)) continue;
      const { digest, storedAt, freshForSec } = record;
      out.pages.set(key, { digest, storedAt, ...(freshForSec !== undefined ? { freshForSec } : {}) });
    }
  }
  if (typeof data.metadata === 'object' && data.metadata !== null) {
    for (const [sha, metadataSha] of Object.entries(data.metadata)) {
      if (HEX64.test(sha) && typeof metadataSha === 'string' && HEX64.test(metadataSha)) {
        out.metadata.set(sha, metadataSha);
      }
    }
  }
  return out;
}

/**
 * Replaces the records of the wheelhouse `dir` with those of `records` that `keepPage` /
 * `keepMetadata` accept (the ones the run used, so the file does not grow without end).
 */
export async function saveReceivedRecords(
  store: string,
  dir: string,
  records: ReceivedRecords,
  keepPage: (key: string) => boolean,
  keepMetadata: (sha256: string) => boolean,
): Promise<void> {
  const sorted = <T>(m: Map<string, T>, keep: (k: string) => boolean): Record<string, T> =>
    Object.fromEntries([...m].filter(([k]) => keep(k)).sort(([a], [b]) => (a < b ? -1 : 1)));
  const text = JSON.stringify({
    version: VERSION,
    dir: resolve(dir),
    pages: sorted(records.pages, keepPage),
    metadata: sorted(records.metadata, keepMetadata),
  });
  await mkdir(store, { recursive: true });
  await writeFileAtomic(receivedRecordsFile(store, dir), `${text}\n`);
}
