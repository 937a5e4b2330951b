/**
 * Review 15e F10: the guard's stand-in `tar` is made in RUNNER_TEMP (the runner's work directory),
 * not os.tmpdir(): on a runner whose /tmp is mounted noexec (a common hardening of self-hosted
 * runners) @actions/cache could not run it, and every restore of an existing entry read as a miss.
 *
 * Self-contained: outside a private mount namespace the test re-runs itself under
 * `unshare -m` with a noexec tmpfs as TMPDIR (nothing outside that namespace is touched).
 */
import { spawnSync } from 'node:child_process';
import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from '@jest/globals';

const NOEXEC = '/tmp/wheelhouse-test-noexec';

if (process.env['WH_TEST_NOEXEC'] !== '1') {
  it('re-runs itself with TMPDIR on a noexec tmpfs (private mount namespace)', async () => {
    if (process.getuid?.() !== 0 || spawnSync('unshare', ['-m', 'true']).status !== 0) {
      console.log('skipped: needs root and unshare -m (a private mount namespace)');
      return;
    }
    await mkdir(NOEXEC, { recursive: true });
    const script = `mount -t tmpfs -o noexec none ${NOEXEC} && WH_TEST_NOEXEC=1 TMPDIR=${NOEXEC} node --experimental-vm-modules node_modules/jest/bin/jest.js __tests__/cache/actions-archive-guard-noexec.test.ts`;
    const r = spawnSync('unshare', ['-m', 'sh', '-c', script], { cwd: process.cwd(), encoding: 'utf8' });
    // Outside the namespace the mount point is an empty directory this test made.
    await rm(NOEXEC, { recursive: true, force: true });
    expect(r.stderr).toMatch(/✓ an entry is restored although the temporary directory is noexec/);
    expect(r.status).toBe(0);
  }, 120_000);
} else {
  it('an entry is restored although the temporary directory is noexec', async () => {
    const { ActionsCacheBackend } = await import('../../src/cache/actions-cache-backend.js');
    const { RecordingLogger } = await import('../../src/util/logger.js');
    const { startCacheService } = await import('../helpers/cache-service.js');
    expect(tmpdir()).toBe(NOEXEC);
    const service = await startCacheService();
    // The workspace and RUNNER_TEMP on an ordinary (exec) file system, as on a runner.
    const work = await mkdtemp('/var/tmp/wh-test-noexec-');
    const wheelhouse = join(work, 'ws', 'wheelhouse');
    await mkdir(wheelhouse, { recursive: true });
    await mkdir(join(work, 'temp'));
    const undo = service.applyEnv({
      RUNNER_TEMP: join(work, 'temp'),
      GITHUB_WORKSPACE: join(work, 'ws'),
      GITHUB_SERVER_URL: undefined,
      ACTIONS_CACHE_MODE: undefined,
      RUNNER_DEBUG: undefined,
    });
    const original = process.stdout.write.bind(process.stdout);
    const said: string[] = [];
    process.stdout.write = ((c: unknown, ...rest: unknown[]) => {
      said.push(String(c));
      (rest.find((r) => typeof r === 'function') as (() => void) | undefined)?.();
      return true;
    }) as typeof process.stdout.write;
    try {
      const logger = new RecordingLogger();
      const backend = new ActionsCacheBackend(logger);
      const key = `wheelhouse-v1-linux-x64-cp312-${'0'.repeat(32)}`;
      await writeFile(join(wheelhouse, 'a-1.0-py3-none-any.whl'), 'a');
      expect((await backend.save([wheelhouse], key)).saved).toBe(true);
      await rm(join(wheelhouse, 'a-1.0-py3-none-any.whl'));
      const got = await backend.restore([wheelhouse], key, []);
      expect(got).toEqual({ matchedKey: key, exact: true });
      expect(await readdir(wheelhouse)).toEqual(['a-1.0-py3-none-any.whl']);
      expect(said.join('')).not.toMatch(/Failed to restore/);
    } finally {
      process.stdout.write = original;
      undo();
      await service.close();
      await rm(work, { recursive: true, force: true });
    }
  }, 60_000);
}
