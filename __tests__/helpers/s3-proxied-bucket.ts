/**
 * The set-up of the S3 suites that watch their requests (jest hooks, for the whole describe block):
 * a new bucket on the real test gateway (helpers/s3-gateway.ts), a counting proxy in front of the
 * gateway, and a work directory — made in beforeAll, closed and removed in afterAll; the proxy's
 * `seen` list emptied before each test. Call it first in the block: its beforeAll runs before the
 * suite's own (which may seed the bucket through the proxy).
 */
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach } from '@jest/globals';
import { countingProxy, createTestBucket, S3_ENDPOINT, type CountingProxy } from './s3-gateway.js';

export interface ProxiedBucket {
  /** `wh-<name>-<8 hex>`. */
  readonly bucket: string;
  readonly proxy: CountingProxy;
  /** A directory under the system's temporary directory, removed after the block. */
  readonly root: string;
}

export function useProxiedBucket(name: string): ProxiedBucket {
  const bucket = `wh-${name}-${randomBytes(4).toString('hex')}`;
  let proxy: CountingProxy | undefined;
  let root: string | undefined;
  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), `wh-s3-${name}-`));
    proxy = await countingProxy(S3_ENDPOINT!);
    await createTestBucket(bucket);
  });
  afterAll(async () => {
    await proxy?.close();
    if (root !== undefined) await rm(root, { recursive: true, force: true });
  });
  beforeEach(() => {
    if (proxy !== undefined) proxy.seen.length = 0;
  });
  return {
    bucket,
    get proxy(): CountingProxy {
      if (proxy === undefined) throw new Error('useProxiedBucket: the proxy is started in beforeAll');
      return proxy;
    },
    get root(): string {
      if (root === undefined) throw new Error('useProxiedBucket: the directory is made in beforeAll');
      return root;
    },
  };
}
