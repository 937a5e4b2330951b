/**
 * `wheelhouse fetch --cache-backend s3` end to end against the test index and a real S3 gateway
 * (scripts/s3-test-gateway.sh; .ci/run starts it and sets WHEELHOUSE_TEST_S3_ENDPOINT): a second
 * runner with an empty disk gets every wheel from the store, a tampered object is replaced by the
 * index's bytes, and the credentials appear in no output or file.
 */
import { afterAll, beforeAll, beforeEach, expect, it } from '@jest/globals';
import { createHash, randomBytes } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EXPECTED_FILES, serveFixture, writeRequirements } from '../helpers/fetch-fixture.js';
import { runCliCaptured } from '../helpers/cli-capture.js';
import { startIndexServer, type IndexServer } from '../helpers/index-server.js';
import { describeWhenAvailable } from '../helpers/optional-suite.js';
import {
  createTestBucket,
  S3_ENDPOINT,
  S3_KEY,
  S3_SECRET,
  s3GatewayMissing,
  testS3Client,
} from '../helpers/s3-gateway.js';
import { spawnCli } from '../helpers/cli-from-source.js';

const ENDPOINT = S3_ENDPOINT;
const KEY = S3_KEY;
const SECRET = S3_SECRET;
const TOKEN = 'SESSIONtoken-not-checked-by-ceph-42';

/** `wheelhouse fetch` in its own process (another runner), pip's configuration isolated. */
function runner(
  cwd: string,
  argv: string[],
  extraEnv: Record<string, string>,
): Promise<{ code: number | null; stderr: string }> {
  return spawnCli(cwd, argv, { env: extraEnv, timeoutMs: 90_000 }).done;
}

describeWhenAvailable('wheelhouse fetch --cache-backend s3 (real S3 gateway)', s3GatewayMissing, () => {
  let server: IndexServer;
  let work: string;
  const bucket = `wh-cli-${randomBytes(4).toString('hex')}`;
  const env = (home: string): Record<string, string> => ({
    HOME: home,
    AWS_ACCESS_KEY_ID: KEY,
    AWS_SECRET_ACCESS_KEY: SECRET,
    WHEELHOUSE_S3_ENDPOINT: ENDPOINT!,
  });
  const fetch = (dest: string, home: string, extraEnv: Record<string, string> = {}) =>
    runCliCaptured(
      [
        'fetch',
        '-r',
        'requirements.txt',
        '-i',
        server.indexUrl,
        '--python-version',
        '3.12',
        '--platform',
        'manylinux_2_17_x86_64',
        '--dest',
        dest,
        '--cache-backend',
        's3',
        '--s3-bucket',
        bucket,
      ],
      { env: { ...env(home), ...extraEnv }, cwd: work, tty: false },
    );

  beforeAll(async () => {
    server = await startIndexServer();
    serveFixture(server);
    await createTestBucket(bucket);
  });
  afterAll(async () => {
    await server.close();
  });
  beforeEach(async () => {
    server.reset();
    work = await mkdtemp(join(tmpdir(), 'wh-s3-cli-'));
    await writeRequirements(work, ['app', 'big']);
  });

  it('a second runner with an empty disk downloads no wheel from the index; a tampered object comes from the index instead', async () => {
    const first = await fetch('wh1', join(work, 'home1'), { AWS_SESSION_TOKEN: TOKEN });
    // Ceph ignores an unknown session token only when auth is off; the save is then a warning.
    const firstOk = await fetch('wh1b', join(work, 'home1b'));
    expect(first.code).toBe(0);
    expect(firstOk.code).toBe(0);
    for (const out of [first.stdout, first.stderr, firstOk.stdout, firstOk.stderr]) {
      expect(out).not.toContain(SECRET);
      expect(out).not.toContain(TOKEN);
    }

    server.reset();
    const second = await fetch('wh2', join(work, 'home2'));
    expect(second.stderr).toContain('0 downloaded (0 B), 4 from cache');
    expect(second.code).toBe(0);
    expect(server.counters.byKind['file-full'].bytes).toBe(0);
    expect((await readdir(join(work, 'wh2'))).filter((f) => f.endsWith('.whl')).sort()).toEqual(
      EXPECTED_FILES,
    );
    expect(await readFile(join(work, 'wh2', 'requirements.lock'), 'utf8')).toBe(
      await readFile(join(work, 'wh1b', 'requirements.lock'), 'utf8'),
    );

    // Overwrite the stored big wheel with other bytes: the next runner rejects it.
    const big = await readFile(join(work, 'wh2', 'big-1.0-py3-none-any.whl'));
    const digest = createHash('sha256').update(big).digest('hex');
    const other = Buffer.from(big);
    other[other.length - 1] = other[other.length - 1]! ^ 0xff;
    const admin = testS3Client(bucket);
    await admin.put(
      `wheelhouse/wheels/sha256/${digest.slice(0, 2)}/${digest}`,
      { kind: 'buffer', data: other },
      createHash('sha256').update(other).digest('hex'),
      false,
    );
    await admin.close();
    server.reset();
    const third = await fetch('wh3', join(work, 'home3'));
    expect(third.code).toBe(0);
    expect(third.stderr).toContain('rejected');
    expect(server.counters.requestsFor('big-1.0').length).toBeGreaterThanOrEqual(1);
    expect(await readFile(join(work, 'wh3', 'big-1.0-py3-none-any.whl'))).toEqual(big);

    // No credential in any file the runs wrote.
    for (const dir of ['wh1', 'wh1b', 'wh2', 'wh3']) {
      for (const name of await readdir(join(work, dir))) {
        const text = (await readFile(join(work, dir, name))).toString('latin1');
        expect(text).not.toContain(SECRET);
        expect(text).not.toContain(KEY);
      }
    }
    await rm(work, { recursive: true, force: true });
  });

  it('two runner processes saving overlapping resolutions at once: each wheel stored once, both entries complete', async () => {
    const prefix = `fleet-${randomBytes(3).toString('hex')}`;
    const a = join(work, 'runner-a');
    const b = join(work, 'runner-b');
    await writeRequirements(a, ['app', 'big']);
    await writeRequirements(b, ['big', 'lib']);
    const argv = (python: string): string[] => [
      'fetch',
      '-r',
      'requirements.txt',
      '-i',
      server.indexUrl,
      '--python-version',
      python,
      '--platform',
      'manylinux_2_17_x86_64',
      '--dest',
      'wh',
      '--cache-backend',
      's3',
      '--s3-bucket',
      bucket,
      '--s3-prefix',
      prefix,
    ];
    const creds = {
      AWS_ACCESS_KEY_ID: KEY,
      AWS_SECRET_ACCESS_KEY: SECRET,
      WHEELHOUSE_S3_ENDPOINT: ENDPOINT!,
    };
    const [ra, rb] = await Promise.all([runner(a, argv('3.12'), creds), runner(b, argv('3.12'), creds)]);
    expect([ra.code, rb.code]).toEqual([0, 0]);
    expect(ra.stderr + rb.stderr).not.toContain('not saved');
    const digests = new Map<string, number>();
    for (const dir of [a, b])
      for (const name of (await readdir(join(dir, 'wh'))).filter((n) => n.endsWith('.whl'))) {
        const data = await readFile(join(dir, 'wh', name));
        digests.set(createHash('sha256').update(data).digest('hex'), data.length);
      }
    const admin = testS3Client(bucket);
    const wheels = (await admin.list(`${prefix}/wheels/`)).objects;
    expect(wheels.map((o) => o.key.split('/').pop()).sort()).toEqual([...digests.keys()].sort());
    expect(wheels.reduce((n, o) => n + o.size, 0)).toBe([...digests.values()].reduce((n, v) => n + v, 0));
    const entries = (await admin.list(`${prefix}/entries/`)).objects;
    expect(entries).toHaveLength(2);
    await admin.close();
    // Each entry is complete: a third runner with an empty disk restores either without the index.
    for (const [dir, reqs] of [
      [join(work, 'runner-c'), ['app', 'big']],
      [join(work, 'runner-d'), ['big', 'lib']],
    ] as const) {
      await writeRequirements(dir, [...reqs]);
      server.reset();
      const r = await runner(dir, argv('3.12'), creds);
      expect(r.code).toBe(0);
      expect(r.stderr).toContain('0 downloaded (0 B)');
      expect(server.counters.byKind['file-full'].bytes).toBe(0);
    }
    await rm(work, { recursive: true, force: true });
  });

  it('wheelhouse store prune --older-than 0 --grace-hours 0 empties the store; usage mistakes exit 2', async () => {
    const prefix = `prune-${randomBytes(3).toString('hex')}`;
    const first = await fetch('wh1', join(work, 'home1'), { WHEELHOUSE_S3_PREFIX: prefix });
    expect(first.code).toBe(0);
    const storeEnv = {
      ...env(join(work, 'home')),
      WHEELHOUSE_S3_BUCKET: bucket,
      WHEELHOUSE_S3_PREFIX: prefix,
    };
    const dry = await runCliCaptured(
      ['store', 'prune', '--older-than', '0', '--grace-hours', '0', '--dry-run'],
      {
        env: storeEnv,
        cwd: work,
        tty: false,
      },
    );
    expect(dry.code).toBe(0);
    expect(dry.stdout).toMatch(/^would delete 1 entries \(0 kept\) and [1-9]\d* objects/);
    const pruned = await runCliCaptured(['store', 'prune', '--older-than', '0', '--grace-hours', '0'], {
      env: storeEnv,
      cwd: work,
      tty: false,
    });
    expect(pruned.code).toBe(0);
    expect(pruned.stdout).toMatch(/^deleted 1 entries \(0 kept\) and [1-9]\d* objects/);
    server.reset();
    const after = await fetch('wh2', join(work, 'home2'), { WHEELHOUSE_S3_PREFIX: prefix });
    expect(after.code).toBe(0);
    expect(server.counters.byKind['file-full'].requests).toBeGreaterThanOrEqual(1);
    const bad = await runCliCaptured(['store', 'prune'], { env: storeEnv, cwd: work, tty: false });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--older-than DAYS is required');
    await rm(work, { recursive: true, force: true });
  });

  it('wrong credentials: a warning, and the wheelhouse comes from the index', async () => {
    const r = await fetch('wh', join(work, 'home'), { AWS_SECRET_ACCESS_KEY: 'WRONGsecret-value-77' });
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('S3 cache');
    expect(r.stderr).not.toContain('WRONGsecret-value-77');
    expect((await readdir(join(work, 'wh'))).filter((f) => f.endsWith('.whl')).sort()).toEqual(
      EXPECTED_FILES,
    );
    await rm(work, { recursive: true, force: true });
  });
});
