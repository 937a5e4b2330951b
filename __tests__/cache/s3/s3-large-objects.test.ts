/**
 * Large objects in the S3 store: multipart upload (CreateMultipartUpload / UploadPart /
 * CompleteMultipartUpload, aborted on failure) and parallel ranged GETs verified into one file,
 * against the real Ceph gateway (scripts/s3-test-gateway.sh) through a counting proxy. Most cases
 * use a small injected threshold (6 MiB, 5 MiB parts); one uses the defaults with a 65 MiB object.
 * Files are generated in 1 MiB chunks and hashed while written, so memory stays small.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createHash, randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, open, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { S3Store } from '../../../src/cache/s3-store.js';
import { S3Client } from '../../../src/cache/s3/s3-client.js';
import { readBounded } from '../../../src/cache/s3/s3-body.js';
import { partLayout } from '../../../src/cache/s3/s3-multipart.js';
import { completeMultipartBody, parseUploadId } from '../../../src/cache/s3/s3-xml.js';
import { writeManifest } from '../../../src/cache/wheelhouse-manifest.js';
import type { Logger } from '../../../src/util/logger.js';
import { fileSha256 } from '../../../src/util/file-sha256.js';
import { describeWhenAvailable } from '../../helpers/optional-suite.js';
import {
  countingProxy,
  S3_ENDPOINT,
  S3_KEY,
  S3_SECRET,
  s3GatewayMissing,
  testS3Store,
  type CountingProxy,
} from '../../helpers/s3-gateway.js';
import { recorder } from '../../helpers/line-recorder.js';

const MiB = 1024 * 1024;

describe('part layout and multipart XML', () => {
  it('cuts equal parts of the preferred size, at least 5 MiB, at most 10,000 parts', () => {
    expect(partLayout(11 * MiB, 5 * MiB)).toEqual([
      { start: 0, size: 5 * MiB },
      { start: 5 * MiB, size: 5 * MiB },
      { start: 10 * MiB, size: MiB },
    ]);
    expect(partLayout(12 * MiB, MiB).map((p) => p.size)).toEqual([5 * MiB, 5 * MiB, 2 * MiB]);
    expect(partLayout(10 * MiB, 5 * MiB)).toHaveLength(2);
    const huge = partLayout(100_000 * MiB, 5 * MiB);
    expect(huge.length).toBeLessThanOrEqual(10_000);
    expect(huge.reduce((n, p) => n + p.size, 0)).toBe(100_000 * MiB);
  });

  it('reads the UploadId and writes the completion document with escaped ETags', () => {
    expect(
      parseUploadId(
        '<?xml version="1.0"?><InitiateMultipartUploadResult><Bucket>b</Bucket><Key>k</Key><UploadId>2~a&amp;b</UploadId></InitiateMultipartUploadResult>',
      ),
    ).toBe('2~a&b');
    expect(() => parseUploadId('<Error><Code>AccessDenied</Code></Error>')).toThrow(/not an Initiate/);
    expect(completeMultipartBody([{ partNumber: 1, etag: '"abc"' }])).toContain(
      '<Part><PartNumber>1</PartNumber><ETag>&quot;abc&quot;</ETag></Part>',
    );
  });
});

/** A file of `size` random bytes, written 1 MiB at a time; its sha256. */
async function randomFile(path: string, size: number): Promise<string> {
  const hash = createHash('sha256');
  const handle = await open(path, 'wx');
  try {
    for (let done = 0; done < size;) {
      const chunk = randomBytes(Math.min(MiB, size - done));
      hash.update(chunk);
      await handle.write(chunk);
      done += chunk.length;
    }
  } finally {
    await handle.close();
  }
  return hash.digest('hex');
}

/** A wheelhouse holding one generated wheel of `size` bytes (and its manifest). */
async function bigWheelhouse(dir: string, name: string, size: number): Promise<string> {
  await mkdir(dir, { recursive: true });
  const digest = await randomFile(join(dir, name), size);
  await writeManifest(dir, { version: 1, files: { [name]: { sha256: digest, size } } });
  return digest;
}

describeWhenAvailable('S3 store: large objects (real S3 gateway)', s3GatewayMissing, () => {
  let root: string;
  let proxy: CountingProxy;
  const bucket = `wh-large-${randomBytes(4).toString('hex')}`;
  const small = { largeObjectBytes: 6 * MiB, partBytes: 5 * MiB };
  const store = (logger: Logger, over: Partial<ConstructorParameters<typeof S3Store>[0]> = {}): S3Store =>
    testS3Store(bucket, {
      endpoint: proxy.url,
      prefix: 'big',
      logger,
      retries: 1,
      backoffBaseMs: 10,
      ...over,
    });
  const admin = (): S3Client =>
    new S3Client({
      bucket,
      endpoint: S3_ENDPOINT!,
      region: 'us-east-1',
      credentials: { accessKeyId: S3_KEY, secretAccessKey: S3_SECRET },
    });
  /** The bucket's multipart uploads in progress (ListMultipartUploads). */
  const uploadsInProgress = async (): Promise<number> => {
    const c = admin();
    const response = await c.send({ method: 'GET', query: { uploads: '' } });
    const xml = (await readBounded(response, MiB)).toString('utf8');
    await c.close();
    expect(xml).toContain('<ListMultipartUploadsResult');
    return xml.match(/<Upload>/g)?.length ?? 0;
  };

  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'wh-s3-large-'));
    proxy = await countingProxy(S3_ENDPOINT!);
    const c = admin();
    await c.createBucket();
    await c.close();
  });
  afterAll(async () => {
    await proxy.close();
    await rm(root, { recursive: true, force: true });
  });

  it('uploads a wheel over the threshold in parts and restores it as parallel verified ranges', async () => {
    const name = 'big-1.0-cp311-cp311-linux_x86_64.whl';
    const src = join(root, 'mp-src');
    const digest = await bigWheelhouse(src, name, 12 * MiB + 123);
    const objectPath = `/${bucket}/big/wheels/sha256/${digest.slice(0, 2)}/${digest}`;
    proxy.seen.length = 0;
    const s = store(recorder(), small);
    expect(await s.save([src], 'large-mp-1')).toEqual({ saved: true });
    expect(s.stats).toMatchObject({ uploaded: 1, multipartUploads: 1 });
    await s.close();
    const onObject = proxy.seen.filter((r) => r.split('?')[0]!.endsWith(objectPath));
    expect(onObject.filter((r) => r.startsWith('PUT ') && r.includes('partNumber=')).length).toBe(3);
    expect(onObject.filter((r) => r.startsWith('POST ') && r.includes('uploads')).length).toBe(1);
    expect(onObject.filter((r) => r.startsWith('POST ') && r.includes('uploadId=')).length).toBe(1);
    expect(onObject.filter((r) => r.startsWith('PUT ') && !r.includes('partNumber='))).toEqual([]);
    expect(await uploadsInProgress()).toBe(0);

    proxy.seen.length = 0;
    const dst = join(root, 'mp-dst');
    await mkdir(dst);
    const r = store(recorder(), small);
    expect(await r.restore([dst], 'large-mp-1', [])).toEqual({ matchedKey: 'large-mp-1', exact: true });
    expect(r.stats).toMatchObject({ fetched: 1, rangedFetches: 1, rejected: 0 });
    await r.close();
    expect((await fileSha256(join(dst, name))).sha256).toBe(digest);
    expect(proxy.seen.filter((x) => x === `GET ${objectPath}`).length).toBe(3);
    expect((await readdir(dst)).filter((n) => n.startsWith('.'))).toEqual([]);

    // A second runner with the same wheel: HEAD finds it, nothing is uploaded again.
    proxy.seen.length = 0;
    const again = store(recorder(), small);
    expect(await again.save([dst], 'large-mp-2')).toEqual({ saved: true });
    expect(again.stats).toMatchObject({ uploaded: 0, alreadyStored: 1, multipartUploads: 0 });
    await again.close();
    expect(proxy.seen.filter((x) => x.includes(objectPath) && !x.startsWith('HEAD'))).toEqual([]);
  });

  it('a tampered large object fails the whole-file sha256 and is never placed', async () => {
    const name = 'tamp-1.0-py3-none-any.whl';
    const src = join(root, 'tp-src');
    const digest = await bigWheelhouse(src, name, 7 * MiB);
    const s = store(recorder(), small);
    expect(await s.save([src], 'large-tamper')).toEqual({ saved: true });
    // Same size, other bytes, under the digest's key (a single PUT by someone with write access).
    const other = join(root, 'other');
    await randomFile(other, 7 * MiB);
    const otherSha = (await fileSha256(other)).sha256;
    await s.client.put(
      s.objectKey(name, digest),
      { kind: 'file', path: other, size: 7 * MiB },
      otherSha,
      false,
    );
    await s.close();
    const dst = join(root, 'tp-dst');
    await mkdir(dst);
    const log = recorder();
    const r = store(log, small);
    await r.restore([dst], 'large-tamper', []);
    expect(r.stats).toMatchObject({ fetched: 0, rejected: 1, rangedFetches: 1 });
    await r.close();
    expect(await readdir(dst)).toEqual([]);
    expect(log.lines.some((l) => l.startsWith('warn') && l.includes('rejected') && l.includes(digest))).toBe(
      true,
    );
  });

  it('a failed part aborts the upload: no parts left, no object, the save is a warning', async () => {
    const name = 'fail-1.0-py3-none-any.whl';
    const src = join(root, 'fl-src');
    const digest = await bigWheelhouse(src, name, 11 * MiB);
    proxy.fault = (r) => (r.startsWith('PUT ') && r.includes('partNumber=2') ? 403 : undefined);
    const log = recorder();
    const s = store(log, small);
    try {
      const got = await s.save([src], 'large-fail');
      expect(got.saved).toBe(false);
    } finally {
      proxy.fault = undefined;
    }
    expect(await s.client.head(s.objectKey(name, digest))).toBe(false);
    expect(await s.client.head(s.entryKey('large-fail'))).toBe(false);
    await s.close();
    expect(await uploadsInProgress()).toBe(0);
    expect(proxy.seen.some((r) => r.startsWith('DELETE ') && r.includes('uploadId='))).toBe(true);
    expect(log.lines.some((l) => l.startsWith('warn') && l.includes('InjectedByTestProxy'))).toBe(true);
  });

  it('a 412 to the conditional completion (another runner stored it first) counts as stored and aborts', async () => {
    // AWS answers If-None-Match: * on CompleteMultipartUpload with 412 when the key exists; Ceph
    // 16.2 ignores the header there (the HEAD before the upload is its only guard), so the proxy
    // plays AWS's answer.
    const name = 'race-1.0-py3-none-any.whl';
    const src = join(root, 'rc-src');
    const digest = await bigWheelhouse(src, name, 7 * MiB);
    proxy.fault = (r) => (r.startsWith('POST ') && r.includes('uploadId=') ? 412 : undefined);
    const s = store(recorder(), small);
    try {
      expect(await s.save([src], 'large-race')).toEqual({ saved: true });
    } finally {
      proxy.fault = undefined;
    }
    expect(s.stats).toMatchObject({ uploaded: 0, alreadyStored: 1 });
    expect(await s.client.head(s.objectKey(name, digest))).toBe(false);
    await s.close();
    expect(await uploadsInProgress()).toBe(0);
  });

  it('a server that ignores Range gets one plain GET instead (and the bytes are still verified)', async () => {
    const name = 'norange-1.0-py3-none-any.whl';
    const src = join(root, 'nr-src');
    const digest = await bigWheelhouse(src, name, 7 * MiB);
    const s = store(recorder(), small);
    expect(await s.save([src], 'large-norange')).toEqual({ saved: true });
    await s.close();
    // The proxy turns the gateway's 206 answers into 200s, as a server that ignores Range sends.
    const dst = join(root, 'nr-dst');
    await mkdir(dst);
    proxy.rangeAs200 = true;
    const r = store(recorder(), small);
    try {
      await r.restore([dst], 'large-norange', []);
    } finally {
      proxy.rangeAs200 = false;
    }
    expect(r.stats).toMatchObject({ fetched: 1, rejected: 0, rangedFetches: 0 });
    await r.close();
    expect((await fileSha256(join(dst, name))).sha256).toBe(digest);
  });

  it('defaults: a 65 MiB wheel goes up in 16 MiB parts and comes back as 5 ranges', async () => {
    const name = 'huge-1.0-cp311-cp311-linux_x86_64.whl';
    const src = join(root, 'hg-src');
    const digest = await bigWheelhouse(src, name, 65 * MiB);
    const objectPath = `/${bucket}/big/wheels/sha256/${digest.slice(0, 2)}/${digest}`;
    proxy.seen.length = 0;
    const s = store(recorder());
    expect(await s.save([src], 'large-default')).toEqual({ saved: true });
    expect(s.stats).toMatchObject({ multipartUploads: 1 });
    await s.close();
    expect(
      proxy.seen.filter((r) => r.startsWith(`PUT ${objectPath}?`) && r.includes('partNumber=')).length,
    ).toBe(5);
    await rm(src, { recursive: true });
    const dst = join(root, 'hg-dst');
    await mkdir(dst);
    const r = store(recorder());
    expect((await r.restore([dst], 'large-default', [])).exact).toBe(true);
    expect(r.stats).toMatchObject({ fetched: 1, rangedFetches: 1 });
    await r.close();
    expect(proxy.seen.filter((x) => x === `GET ${objectPath}`).length).toBe(5);
    expect(await fileSha256(join(dst, name))).toEqual({ sha256: digest, size: 65 * MiB });
    await rm(dst, { recursive: true });
  });
});
