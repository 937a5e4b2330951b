/**
 * The action's real @actions/cache path, end to end in child processes, against the cache-service
 * double (GitHub cache service v2: Twirp + blob endpoint) and the test index server: save in one
 * job, restore by exact key in the next, by prefix after a pin change; service down / 500 / 429 /
 * failed upload give warnings and a correct wheelhouse, never a failed job.
 */
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  startCacheService,
  type CacheService,
  type CacheServiceFaultMode,
} from '../helpers/cache-service.js';
import { EXPECTED_FILES } from '../helpers/fetch-fixture.js';
import { workflowCommands } from './action-harness.js';
import { useActionSuite } from './action-suite.js';

const suite = useActionSuite('wh-e2e-gha-');
let service: CacheService;

const FAST_RETRIES = fileURLToPath(new URL('./fast-retries.mjs', import.meta.url));

beforeAll(async () => {
  service = await startCacheService();
});

afterAll(async () => {
  await service.close();
});

/** A job with these requirement lines against the cache-service double. */
const job = (lines: string[]) => suite.job(lines, { env: service.env(), preload: [FAST_RETRIES] });

describe('GitHub Actions cache (service v2 double)', () => {
  let firstKey = '';

  it('saves in the post step of a cold job', async () => {
    await service.reset();
    const { main, post } = await job(['app', 'big']);
    expect(workflowCommands(main.stdout, 'warning')).toEqual([]);
    expect(main.code).toBe(0);
    expect(main.stdout).toContain('cache backend: actions-cache');
    expect(main.outputs['cache-hit']).toBe('false');
    expect(post?.code).toBe(0);
    firstKey = main.outputs['cache-key'] as string;
    expect(
      service
        .entries()
        .filter((e) => e.finalized)
        .map((e) => e.key),
    ).toEqual([firstKey]);
  });

  it('restores by exact key: cache-hit=true, zero wheel and metadata requests, no second save', async () => {
    const gets = service.counters.blobGets;
    const { main, post } = await job(['app', 'big']);
    await suite.expectRestoredExactly(main, firstKey);
    expect(service.counters.blobGets).toBeGreaterThan(gets);
    expect(post?.code).toBe(0);
    expect(service.entries().filter((e) => e.finalized)).toHaveLength(1);
  });

  it('restores by prefix after a pin change, downloads one wheel, saves the new key', async () => {
    const { main, post } = await job(['app', 'big', 'util==2.0']);
    expect(main.code).toBe(0);
    expect(main.outputs).toMatchObject({
      'cache-hit': 'false',
      'cache-matched-key': firstKey,
      downloaded: '1',
    });
    expect(suite.server.counters.byKind['file-full'].requests).toBe(1);
    expect(post?.code).toBe(0);
    expect(
      service
        .entries()
        .filter((e) => e.finalized)
        .map((e) => e.key)
        .sort(),
    ).toEqual([firstKey, main.outputs['cache-key']].sort());
  });

  describe.each<CacheServiceFaultMode>(['down', '500', '429'])('cache service %s', (mode) => {
    it('warns, still fills the wheelhouse correctly, and neither step fails', async () => {
      await service.reset();
      await service.setFault(mode);
      try {
        const { main, post } = await job(['app', 'big']);
        expect(main.code).toBe(0);
        expect(workflowCommands(main.stdout, 'warning').length).toBeGreaterThan(0);
        expect(main.outputs).toMatchObject({
          'cache-hit': 'false',
          'cache-matched-key': '',
          downloaded: '4',
        });
        expect(await suite.wheels()).toEqual(EXPECTED_FILES);
        expect(post?.code).toBe(0);
        expect(workflowCommands(post?.stdout ?? '', 'warning').join('\n')).toMatch(
          /not saved|Failed to save/,
        );
        expect(service.entries().filter((e) => e.finalized)).toEqual([]);
      } finally {
        await service.setFault('none');
      }
    });
  });

  it('a failed blob upload is a warning in the post step', async () => {
    await service.reset();
    await service.setFault('blob-upload-fail');
    try {
      const { main, post } = await job(['util']);
      expect(main.code).toBe(0);
      expect(post?.code).toBe(0);
      expect(workflowCommands(post?.stdout ?? '', 'warning').length).toBeGreaterThan(0);
      expect(service.entries().filter((e) => e.finalized)).toEqual([]);
    } finally {
      await service.setFault('none');
    }
  });
});
