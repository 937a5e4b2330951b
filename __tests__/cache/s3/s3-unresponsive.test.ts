/**
 * A store that stops answering (a full Ceph cluster blocks writes; a stuck gateway) costs a run one
 * timeout, not a timeout per object and attempt: the client does not retry a timeout, and after the
 * first one it sends nothing more (s3-client.ts STORE_UNRESPONSIVE). Against the real gateway
 * behind the tests' forwarding proxy, which holds chosen requests unanswered. Counted at the proxy,
 * not timed (timing targets live in bench/).
 */
import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { createHash, randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { S3Store } from '../../../src/cache/s3-store.js';
import { writeManifest } from '../../../src/cache/wheelhouse-manifest.js';
import type { Logger } from '../../../src/util/logger.js';
import { describeWhenAvailable } from '../../helpers/optional-suite.js';
import {
  countingProxy,
  createTestBucket,
  S3_ENDPOINT,
  S3_SECRET,
  s3GatewayMissing,
  testS3Store,
  type CountingProxy,
} from '../../helpers/s3-gateway.js';
import { recorder } from '../../helpers/line-recorder.js';

const WHEELS = Array.from({ length: 8 }, (_, i) => `slow${i}-1.0-py3-none-any.whl`);

async function wheelhouse(dir: string): Promise<void> {
  await mkdir(dir, { recursive: true });
  const files: Record<string, { sha256: string; size: number }> = {};
  for (const name of WHEELS) {
    // Over the 256 KiB of one bounded GET: the streamed path (s3-fetch.ts fetchStream) is the one stalled.
    const data = randomBytes(300 * 1024);
    await writeFile(join(dir, name), data);
    files[name] = { sha256: createHash('sha256').update(data).digest('hex'), size: data.length };
  }
  await writeManifest(dir, { version: 1, files });
}

const count = (proxy: CountingProxy, method: string, part: string): number =>
  proxy.seen.filter((s) => s.startsWith(`${method} `) && s.includes(part)).length;

describeWhenAvailable('S3 store that stops answering (real S3 gateway)', s3GatewayMissing, () => {
  let root: string;
  let proxy: CountingProxy;
  const bucket = `wh-slow-${randomBytes(4).toString('hex')}`;
  const store = (logger: Logger, prefix: string): S3Store =>
    testS3Store(bucket, {
      endpoint: proxy.url,
      prefix,
      logger,
      // Retries stay on: a timeout must not use them.
      retries: 3,
      backoffBaseMs: 10,
      headersTimeoutMs: 400,
      bodyTimeoutMs: 400,
      concurrency: 2,
    });

  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'wh-s3-slow-'));
    proxy = await countingProxy(S3_ENDPOINT!);
    await createTestBucket(bucket);
  });
  afterAll(async () => {
    await proxy.close();
    await rm(root, { recursive: true, force: true });
  });

  it('a save whose uploads are never answered gives up after the first timeout: no retries, one warning', async () => {
    const src = join(root, 'save-src');
    await wheelhouse(src);
    proxy.seen.length = 0;
    proxy.hang = (request) => (request.startsWith('PUT ') ? 'headers' : undefined);
    const log = recorder();
    const s = store(log, 'full');
    const saved = await s.save([src], 'wheelhouse-full-1');
    await s.close();
    proxy.hang = undefined;
    expect(saved.saved).toBe(false);
    expect(saved.reason).toMatch(/no answer in 400 ms; the store is not asked again/);
    // The two uploads in flight (concurrency 2) timed out once each; nothing else was sent after.
    expect(count(proxy, 'PUT', '/full/wheels/')).toBe(2);
    expect(count(proxy, 'HEAD', '/full/wheels/')).toBe(2);
    expect(count(proxy, 'PUT', '/full/entries/')).toBe(0);
    const warnings = log.lines.filter((l) => l.startsWith('warn'));
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain('S3 cache wheelhouse-full-1 not saved');
    expect(warnings[0]).not.toContain(S3_SECRET);
  });

  for (const mode of ['headers', 'body'] as const) {
    it(`a restore whose wheel ${mode === 'headers' ? 'answers never start' : 'bodies stall'} places nothing, warns once, asks no more`, async () => {
      const prefix = `stall-${mode}`;
      const src = join(root, `${prefix}-src`);
      await wheelhouse(src);
      const saver = store(recorder(), prefix);
      expect((await saver.save([src, join(root, 'no-such-dir')], 'wheelhouse-s-1')).saved).toBe(true);
      await saver.close();
      proxy.seen.length = 0;
      proxy.hang = (request) =>
        request.startsWith('GET ') && request.includes('/wheels/') ? mode : undefined;
      const log = recorder();
      const s = store(log, prefix);
      const dst = join(root, `${prefix}-dst`);
      const meta = join(root, `${prefix}-meta`);
      await mkdir(dst);
      await mkdir(meta);
      const got = await s.restore([dst, meta], 'wheelhouse-s-1', []);
      await s.close();
      proxy.hang = undefined;
      expect(got.matchedKey).toBe('wheelhouse-s-1');
      expect(count(proxy, 'GET', `/${prefix}/wheels/`)).toBe(2);
      const warnings = log.lines.filter((l) => l.startsWith('warn'));
      expect(warnings).toHaveLength(1);
      expect(warnings[0]).toMatch(
        /8 file\(s\) not restored \(they come from the index\): .*(no answer|paused) /,
      );
      // Nothing placed, no temporary file left, no manifest claiming anything.
      expect(await readdir(dst)).toEqual([]);
    });
  }
});
