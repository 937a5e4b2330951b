/**
 * The action with `cache-backend: s3`, end to end in child processes (main + post as the runner runs
 * them) against the test index server and the real Ceph gateway (scripts/s3-test-gateway.sh): the
 * post step of a cold job saves to the bucket even though the GitHub cache service (its double) is
 * reachable; a job on a new runner (empty temp, workspace and home) restores every wheel from the
 * store and downloads nothing from the index; wrong credentials are a warning and a correct
 * wheelhouse. The AWS credentials appear in no output, state, summary, log line or file.
 */
import { randomBytes } from 'node:crypto';
import { readdir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { startCacheService, type CacheService } from '../helpers/cache-service.js';
import { EXPECTED_FILES } from '../helpers/fetch-fixture.js';
import { describeWhenAvailable } from '../helpers/optional-suite.js';
import {
  createTestBucket,
  S3_ENDPOINT,
  S3_KEY,
  S3_SECRET,
  s3GatewayMissing,
  testS3Client,
} from '../helpers/s3-gateway.js';
import { workflowCommands, type StepResult } from './action-harness.js';
import { useActionSuite } from './action-suite.js';

/** Ceph does not check a session token with a user's static keys; it is still signed and sent. */
const TOKEN = 'e2e-session-token-4b7d1f0c';

/** Every file under `dir` (bounded walk) whose bytes contain one of `needles`. */
async function filesContaining(dir: string, needles: string[]): Promise<string[]> {
  const hits: string[] = [];
  const walk = async (d: string, depth: number): Promise<void> => {
    if (depth > 12) return;
    for (const e of await readdir(d, { withFileTypes: true }).catch(() => [])) {
      const p = join(d, e.name);
      if (e.isDirectory()) await walk(p, depth + 1);
      else if (e.isFile()) {
        const text = (await readFile(p)).toString('latin1');
        if (needles.some((n) => text.includes(n))) hits.push(p);
      }
    }
  };
  await walk(dir, 0);
  return hits;
}

describeWhenAvailable('action with cache-backend: s3 (real S3 gateway)', s3GatewayMissing, () => {
  const suite = useActionSuite('wh-e2e-s3-');
  const bucket = `wh-e2e-${randomBytes(4).toString('hex')}`;
  const secrets = [S3_SECRET, TOKEN];
  let service: CacheService;
  const s3Inputs = {
    'cache-backend': 's3',
    's3-bucket': bucket,
    's3-prefix': 'fleet',
    's3-endpoint': S3_ENDPOINT!,
  };
  const credentials = (secret = S3_SECRET) => ({
    AWS_ACCESS_KEY_ID: S3_KEY,
    AWS_SECRET_ACCESS_KEY: secret,
    AWS_SESSION_TOKEN: TOKEN,
  });
  const job = (lines: string[], env: Record<string, string> = credentials()) =>
    suite.job(lines, { inputs: suite.inputs(s3Inputs), env: { ...service.env(), ...env } });
  /**
   * No secret in what a step shows or hands on. `::add-mask::VALUE` lines are how a step registers
   * a secret with the runner (core.setSecret), which consumes them and masks VALUE in every log line:
   * each secret must be registered that way, and appear nowhere else.
   */
  const expectNoSecrets = (steps: (StepResult | undefined)[], used: string[] = secrets): void => {
    for (const step of steps) {
      const lines = (step?.stdout ?? '').split(/\r?\n/);
      for (const s of used) expect(lines).toContain(`::add-mask::${s}`);
      const text = [
        lines.filter((l) => !l.startsWith('::add-mask::')).join('\n'),
        step?.stderr,
        step?.summary,
        JSON.stringify(step?.outputs),
        JSON.stringify(step?.state),
      ].join('\n');
      for (const s of new Set([...secrets, ...used])) expect(text).not.toContain(s);
    }
  };

  beforeAll(async () => {
    service = await startCacheService();
    await createTestBucket(bucket);
  });
  afterAll(async () => {
    await service.close();
  });

  let firstKey = '';

  it('cold job: the post step saves the wheels and the entry to the bucket, not to the GitHub cache', async () => {
    const { main, post } = await job(['app', 'big']);
    expect(main.code).toBe(0);
    expect(workflowCommands(main.stdout, 'warning')).toEqual([]);
    expect(main.stdout).toContain(`cache backend: s3 (s3://${bucket}/fleet)`);
    expect(main.outputs).toMatchObject({ 'cache-hit': 'false', downloaded: '4' });
    firstKey = main.outputs['cache-key'] as string;
    expect(post?.code).toBe(0);
    expect(workflowCommands(post!.stdout, 'warning')).toEqual([]);
    expect(post?.stdout).toContain(`cache saved as ${firstKey} in s3://${bucket}/fleet`);
    expect(service.entries()).toEqual([]);
    // The state handed to the post step names the bucket, never a credential.
    expect(JSON.stringify(main.state)).toContain(bucket);
    expectNoSecrets([main, post]);
    const admin = testS3Client(bucket);
    const listed = await admin.list('fleet/');
    await admin.close();
    const keys = listed.objects.map((o) => o.key);
    expect(keys).toContain(`fleet/entries/${encodeURIComponent(firstKey)}.json`);
    expect(keys.filter((k) => k.startsWith('fleet/wheels/'))).toHaveLength(EXPECTED_FILES.length);
  });

  it('a new runner (empty temp, workspace and home) restores every wheel from the store, 0 index downloads', async () => {
    await rm(suite.dirs.home, { recursive: true, force: true });
    await rm(suite.dirs.workspace, { recursive: true, force: true });
    const { main, post } = await job(['app', 'big']);
    await suite.expectRestoredExactly(main, firstKey);
    // The main step restores by the target's prefix before resolving (the newest entry: this one):
    // the page and METADATA caches (8 files) before it, the 4 wheels while it runs; then it finds
    // the resolution's key is the one it restored.
    expect(main.stdout).toContain(
      `cache restored from prefix match ${firstKey} (8 files fetched from s3://${bucket}/fleet; 4 more in the background)`,
    );
    expect(main.stdout).toContain(`S3 cache: 4 file(s) restored in the background from s3://${bucket}/fleet`);
    expect(main.stdout).toContain(`cache key ${firstKey} (exact hit)`);
    // The wheels were hashed while they were downloaded from the store and stamped (file-stamps.ts
    // `record`): the wheelhouse verification reads none of them again.
    const digests = /local files hashed (\d+), known by their stamps (\d+)/.exec(main.stdout);
    expect(Number(digests?.[1])).toBe(0);
    expect(Number(digests?.[2])).toBeGreaterThanOrEqual(EXPECTED_FILES.length);
    expect(post?.code).toBe(0);
    expect(post?.stdout).toContain('was restored exactly: not saved again');
    expectNoSecrets([main, post]);
    expect(await filesContaining(suite.root, secrets)).toEqual([]);
  });

  it('wrong credentials: warnings, the wheels come from the index, the job succeeds', async () => {
    await rm(suite.dirs.home, { recursive: true, force: true });
    const wrong = 'definitely-wrong-secret-93c1';
    const { main, post } = await job(['app', 'big'], credentials(wrong));
    expect(main.code).toBe(0);
    expect(workflowCommands(main.stdout, 'warning').join('\n')).toMatch(/S3 cache restore failed/);
    expect(main.outputs).toMatchObject({ 'cache-hit': 'false', downloaded: '4' });
    expect(await suite.wheels()).toEqual(EXPECTED_FILES);
    expect(post?.code).toBe(0);
    expect(workflowCommands(post!.stdout, 'warning').join('\n')).toMatch(/S3 cache .* not saved/);
    expectNoSecrets([main, post], [wrong, TOKEN]);
    expect(await filesContaining(suite.root, [...secrets, wrong])).toEqual([]);
  });
});
