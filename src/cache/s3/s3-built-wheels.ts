/**
 * The S3 store's built wheels (issue 12 §1): a wheel one runner built from an sdist, for every
 * runner of the fleet with the same build key (sdist sha256, interpreter tag, platform), keyed as
 * the built-wheel cache is (src/build/built-wheel-store.ts `buildKeyDigest`):
 *
 *   <prefix>/built/<build key digest>.json   { version: 1, filename, sha256, size, sdistSha256,
 *                                              interpreterTag, platform, createdAt }
 *   <prefix>/wheels/sha256/<aa>/<sha256>     the wheel's bytes (shared with entries: stored once)
 *
 * The record is written after the wheel object, with `If-None-Match: *`: the first runner's build
 * stays (builds are not byte-reproducible; one answer for the whole fleet), and a record never
 * names an object not yet stored. A fetch believes nothing it has not checked: the record must be
 * small JSON naming this very build key, a valid wheel file name, a sha256 and a size within the
 * store's limit; the object is streamed to a temporary file, hashed, and placed only when its
 * sha256 and size are the record's (s3-fetch.ts). The caller then checks project, version and tags
 * (src/build/build-sdists.ts) as for any stored wheel. Every failure is a warning; the sdist is
 * then built as if nothing were stored.
 *
 * What the sha256 cannot vouch for: a built wheel has no digest in any index, so whoever may write
 * the prefix can supply built wheels to the fleet (as with the builds directory inside entries and
 * the other backends' built-wheel caches). docs/cache-backends.md says so next to the IAM policy.
 */
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import {
  buildKeyDigest,
  validWheelName,
  type BuildKey,
  type StoredWheel,
} from '../../build/built-wheel-store.js';
import type { SharedBuiltWheels } from '../../build/shared-built-wheels.js';
import type { Logger } from '../../util/logger.js';
import { errorMessage } from '../backend.js';
import type { S3Objects } from './s3-objects.js';

export interface BuiltRecord {
  version: 1;
  filename: string;
  sha256: string;
  size: number;
  sdistSha256: string;
  interpreterTag: string;
  platform: string;
  createdAt: number;
}

const RECORD_LIMIT = 64 * 1024;
const SHA256_HEX = /^[0-9a-f]{64}$/;

/** Why `data` cannot be the record of `key` (undefined: it can). */
export function builtRecordProblem(data: unknown, key: BuildKey, maxBytes: number): string | undefined {
  const r = data as Partial<BuiltRecord> | null;
  if (r === null || typeof r !== 'object' || r.version !== 1) return 'not a version 1 record';
  if (
    r.sdistSha256 !== key.sdistSha256.toLowerCase() ||
    r.interpreterTag !== key.interpreterTag ||
    r.platform !== key.platform
  )
    return 'it names another build key';
  if (typeof r.filename !== 'string' || !validWheelName(r.filename))
    return `bad wheel file name ${JSON.stringify(r.filename)}`;
  if (typeof r.sha256 !== 'string' || !SHA256_HEX.test(r.sha256)) return 'bad sha256';
  if (!Number.isSafeInteger(r.size) || (r.size as number) <= 0 || (r.size as number) > maxBytes)
    return `bad size ${JSON.stringify(r.size)}`;
  return undefined;
}

export class S3BuiltWheels implements SharedBuiltWheels {
  /** Counters for logs and tests. */
  readonly stats = { fetched: 0, missing: 0, rejected: 0, shared: 0, alreadyShared: 0 };

  constructor(
    /** The store's objects; their `maxObjectBytes` bounds a record's size too. */
    private readonly objects: S3Objects,
    private readonly logger: Logger,
  ) {}

  recordKey(key: BuildKey): string {
    return this.objects.key('built', `${buildKeyDigest(key)}.json`);
  }

  async fetch(key: BuildKey, dir: string): Promise<StoredWheel | undefined> {
    const recordKey = this.recordKey(key);
    const where = this.objects.client.describe(recordKey);
    try {
      const body = await this.objects.client.getBuffer(recordKey, RECORD_LIMIT);
      if (body === undefined) {
        this.stats.missing++;
        this.logger.debug(`S3 cache: no built wheel at ${where}`);
        return undefined;
      }
      let data: unknown;
      try {
        data = JSON.parse(body.toString('utf8'));
      } catch {
        data = undefined;
      }
      const problem = builtRecordProblem(data, key, this.objects.maxObjectBytes);
      if (problem !== undefined) {
        this.stats.rejected++;
        this.logger.warn(`S3 cache: built-wheel record ${where} ignored (${problem}); building instead`);
        return undefined;
      }
      const record = data as BuiltRecord;
      const path = join(dir, record.filename);
      const file = { sha256: record.sha256, size: record.size };
      const ok = await this.objects.fetchVerified(
        this.objects.objectKey(record.filename, record.sha256),
        path,
        file,
      );
      if (!ok) {
        this.stats.rejected++;
        return undefined;
      }
      this.stats.fetched++;
      return { path, filename: record.filename, ...file };
    } catch (error) {
      this.logger.warn(
        `S3 cache: built wheel ${where} not fetched: ${errorMessage(error)}; building instead`,
      );
      return undefined;
    }
  }

  async share(key: BuildKey, wheel: StoredWheel): Promise<void> {
    const recordKey = this.recordKey(key);
    try {
      if (await this.objects.client.head(recordKey)) {
        this.stats.alreadyShared++;
        return;
      }
      await this.objects.storeObject(wheel.filename, wheel.path, { sha256: wheel.sha256, size: wheel.size });
      const record: BuiltRecord = {
        version: 1,
        filename: wheel.filename,
        sha256: wheel.sha256,
        size: wheel.size,
        sdistSha256: key.sdistSha256.toLowerCase(),
        interpreterTag: key.interpreterTag,
        platform: key.platform,
        createdAt: Date.now(),
      };
      const body = Buffer.from(JSON.stringify(record));
      const sha = createHash('sha256').update(body).digest('hex');
      const got = await this.objects.client.put(recordKey, { kind: 'buffer', data: body }, sha, true);
      if (got === 'exists') this.stats.alreadyShared++;
      else {
        this.stats.shared++;
        this.logger.info(
          `S3 cache: built wheel ${wheel.filename} shared as ${this.objects.client.describe(recordKey)}`,
        );
      }
    } catch (error) {
      this.logger.warn(`S3 cache: built wheel ${wheel.filename} not shared: ${errorMessage(error)}`);
    }
  }

  /** The wheel digest a record names, or undefined when it is unreadable (for prune). */
  async recordDigest(recordKey: string): Promise<string | undefined> {
    const body = await this.objects.client.getBuffer(recordKey, RECORD_LIMIT);
    if (body === undefined) return undefined;
    try {
      const sha = (JSON.parse(body.toString('utf8')) as Partial<BuiltRecord>).sha256;
      return typeof sha === 'string' && SHA256_HEX.test(sha) ? sha : undefined;
    } catch {
      return undefined;
    }
  }
}
