/**
 * Issue 12 §1 through the CLI: a wheel one runner built from an sdist is taken from the S3 store's
 * `built/` area by another runner with an empty disk whose cache entry is a different one (another
 * `--cache-suffix`: another workflow), so nothing is built and no sdist is downloaded there; the
 * wheelhouse holds the first runner's bytes. Real setuptools sdists from the test index, built by the
 * machine's python3 pip; the real Ceph gateway (scripts/s3-test-gateway.sh). Credentials appear in no
 * output and no file.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomBytes } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileSha256 } from '../../src/util/file-sha256.js';
import { runCliCaptured } from '../helpers/cli-capture.js';
import { buildWheel } from '../helpers/dists.js';
import { startIndexServer, type IndexServer } from '../helpers/index-server.js';
import { describeWhenAvailable } from '../helpers/optional-suite.js';
import { createTestBucket, S3_ENDPOINT, S3_KEY, S3_SECRET, s3GatewayMissing } from '../helpers/s3-gateway.js';
import { buildSetuptoolsSdist, findBackendWheels } from '../helpers/setuptools-sdists.js';

const backends = findBackendWheels();
// Like sdist-fetch.test.ts: without setuptools/wheel wheels the build cannot run (skipped with a
// message); a missing gateway is a skip outside CI and a failure in CI (describeWhenAvailable).
const suite =
  backends === undefined
    ? (name: string, _missing: string | undefined, fn: () => void) => describe.skip(name, fn)
    : describeWhenAvailable;
if (backends === undefined)
  console.warn('s3-built-wheels: skipped — no python3, or no setuptools/wheel wheels on this machine');

const depWheel = buildWheel({ name: 'dep-wheel', version: '1.0' });
const sdist = buildSetuptoolsSdist({
  name: 'fleet-built',
  version: '1.0',
  metadata: 'static',
  dependencies: ['dep-wheel'],
});

async function filesUnder(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const e of await readdir(dir, { withFileTypes: true, recursive: true }))
    if (e.isFile()) out.push(join(e.parentPath, e.name));
  return out;
}

suite('built wheels shared by a fleet through S3 (CLI, real gateway)', s3GatewayMissing, () => {
  let server: IndexServer;
  let work: string;
  const bucket = `wh-cli-built-${randomBytes(4).toString('hex')}`;

  beforeAll(async () => {
    server = await startIndexServer({
      projects: [
        ...(backends ?? []),
        { name: 'dep-wheel', files: [depWheel] },
        { name: 'fleet-built', files: [sdist] },
      ],
    });
    work = await mkdtemp(join(tmpdir(), 'wh-s3-built-cli-'));
    await createTestBucket(bucket);
    await writeFile(join(work, 'requirements.txt'), 'fleet-built\n');
  });
  afterAll(async () => {
    await server.close();
    await rm(work, { recursive: true, force: true });
  });

  const runner = (name: string, suffix: string) =>
    runCliCaptured(
      [
        'fetch',
        '-r',
        'requirements.txt',
        '-i',
        server.indexUrl,
        '--dest',
        `wh-${name}`,
        '--cache-backend',
        's3',
        '--s3-bucket',
        bucket,
        '--cache-suffix',
        suffix,
        '--verbose',
      ],
      {
        env: {
          HOME: join(work, `home-${name}`),
          PATH: process.env['PATH'],
          PIP_CONFIG_FILE: '/dev/null',
          AWS_ACCESS_KEY_ID: S3_KEY,
          AWS_SECRET_ACCESS_KEY: S3_SECRET,
          WHEELHOUSE_S3_ENDPOINT: S3_ENDPOINT!,
        },
        cwd: work,
        tty: false,
      },
    );
  const sdistDownloads = () =>
    server.counters.log.filter((e) => /^\/files\/[^/]+\.tar\.gz$/.test(e.path) && e.status === 200).length;

  it("runner B (empty disk, another entry) takes runner A's built wheel: no build, no sdist download", async () => {
    const a = await runner('a', 'workflow-a');
    expect(a.stderr).not.toContain('internal error');
    expect(a.code).toBe(0);
    expect(a.stderr).toMatch(/building 1 wheel/);
    expect(a.stderr).toContain('built wheel fleet_built-1.0-py3-none-any.whl shared as');
    expect(sdistDownloads()).toBe(1);
    const built = 'fleet_built-1.0-py3-none-any.whl';
    const aDigest = (await fileSha256(join(work, 'wh-a', built))).sha256;

    server.reset();
    const b = await runner('b', 'workflow-b');
    expect(b.code).toBe(0);
    // Its own entry does not exist (another suffix): the wheel came from built/, not from an entry.
    expect(b.stderr).toContain('no cache entry starts with');
    expect(b.stderr).not.toMatch(/building \d+ wheel/);
    expect(b.stderr).toContain(`built wheel ${built} taken from the shared store (sha256 ${aDigest})`);
    expect(sdistDownloads()).toBe(0);
    expect((await fileSha256(join(work, 'wh-b', built))).sha256).toBe(aDigest);
    const lock = await readFile(join(work, 'wh-b', 'requirements.lock'), 'utf8');
    expect(lock).toContain(`fleet-built==1.0 \\\n    --hash=sha256:${aDigest}`);

    for (const out of [a.stdout, a.stderr, b.stdout, b.stderr]) expect(out).not.toContain(S3_SECRET);
    for (const file of await filesUnder(work)) {
      const text = await readFile(file).catch(() => Buffer.alloc(0));
      expect(text.includes(S3_SECRET)).toBe(false);
    }
  }, 300_000);
});
