/**
 * The action end to end as child processes (main + post, as the runner runs them) against the
 * test index server, with the local-directory backend (no cache service in the environment):
 * a second job restores everything and fetches nothing; changing one pin restores by prefix,
 * downloads exactly one wheel and saves a new key; a poisoned cache entry is replaced.
 */
import { chmod, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { localEntryId } from '../../src/cache/local-dir-entries.js';
import { EXPECTED_FILES } from '../helpers/fetch-fixture.js';
import { runnerCacheDir, workflowCommands } from './action-harness.js';
import { useActionSuite } from './action-suite.js';

const suite = useActionSuite('wh-e2e-local-');

const cacheDir = (): string => runnerCacheDir(suite.dirs);

describe('action with the local-directory cache', () => {
  let firstKey = '';

  it('cold run: resolves, downloads, sets every output, writes the summary, saves in post', async () => {
    const { main, post } = await suite.job(['app', 'big']);
    expect(main.stderr).toBe('');
    expect(workflowCommands(main.stdout, 'error')).toEqual([]);
    expect(main.code).toBe(0);
    const wheelhouse = join(suite.dirs.runnerTemp, 'wheelhouse');
    expect(main.outputs).toMatchObject({
      'cache-hit': 'false',
      'cache-matched-key': '',
      wheelhouse,
      'lock-file': join(wheelhouse, 'requirements.lock'),
      'report-file': join(wheelhouse, 'report.json'),
      packages: '4',
      downloaded: '4',
      reused: '0',
    });
    expect(main.outputs['cache-key']).toMatch(/^wheelhouse-v1-linux-x86_64-cp312-[0-9a-f]{32}$/);
    expect(main.outputs['resolution-hash']).toMatch(/^[0-9a-f]{64}$/);
    expect(Number(main.outputs['downloaded-bytes'])).toBeGreaterThan(300_000);
    expect(await suite.wheels(wheelhouse)).toEqual(EXPECTED_FILES);
    expect(main.summary).toContain('| lib | 1.1 |');
    expect(main.summary).toContain('| Phase | Time |');
    expect(post?.code).toBe(0);
    expect(post?.stdout).toContain(`saved cache entry ${main.outputs['cache-key']}`);
    const entries = await readdir(join(cacheDir(), 'entries'));
    expect(entries).toEqual([localEntryId(main.outputs['cache-key'] as string)]);
    firstKey = main.outputs['cache-key'] as string;
  });

  it('second job: cache-hit=true, zero wheel bytes and zero metadata requests, nothing saved', async () => {
    const { main, post } = await suite.job(['app', 'big']);
    await suite.expectRestoredExactly(main, firstKey);
    expect(suite.server.counters.byKind.page.requests).toBeGreaterThan(0);
    expect(main.summary).toContain('cache hit');
    expect(post?.stdout).toContain('was restored exactly: not saved again');
    expect(await readdir(join(cacheDir(), 'entries'))).toHaveLength(1);
  });

  it('one pin changed: restores by prefix, downloads exactly one wheel, saves a new key', async () => {
    const { main, post } = await suite.job(['app', 'big', 'util==2.0']);
    expect(main.code).toBe(0);
    expect(main.outputs).toMatchObject({
      'cache-hit': 'false',
      'cache-matched-key': firstKey,
      downloaded: '1',
      reused: '3',
    });
    expect(main.outputs['cache-key']).not.toBe(firstKey);
    expect(suite.server.counters.byKind['file-full'].requests).toBe(1);
    expect(
      suite.server.counters.requestsFor('/files/util-2.0-py3-none-any.whl').map((e) => e.kind),
    ).toContain('file-full');
    expect(await suite.wheels()).toEqual(
      EXPECTED_FILES.map((f) => (f.startsWith('util') ? 'util-2.0-py3-none-any.whl' : f)).sort(),
    );
    expect(post?.stdout).toContain(`saved cache entry ${main.outputs['cache-key']}`);
    expect((await readdir(join(cacheDir(), 'entries'))).sort()).toEqual(
      [localEntryId(firstKey), localEntryId(main.outputs['cache-key'] as string)].sort(),
    );
  });

  it('a poisoned cache entry (wrong bytes under a wheel name) is replaced, with a warning', async () => {
    const entryWheel = join(
      cacheDir(),
      'entries',
      localEntryId(firstKey),
      'data',
      '0',
      'lib-1.1-py3-none-any.whl',
    );
    await chmod(entryWheel, 0o644);
    await writeFile(entryWheel, 'not the wheel you are looking for');
    const { main, post } = await suite.job(['app', 'big']);
    expect(main.code).toBe(0);
    // The entry whose wheel changed since its save is dropped when restored (review 15b F8): no
    // exact hit, and the post step saves this resolution's entry anew.
    expect(main.outputs).toMatchObject({
      'cache-hit': 'false',
      downloaded: '1',
      reused: '3',
    });
    expect(workflowCommands(main.stdout, 'warning').join('\n')).toContain(
      'no longer have the bytes it was saved with',
    );
    expect(post?.stdout).toContain(`saved cache entry ${firstKey}`);
    expect(workflowCommands(main.stdout, 'warning').join('\n')).toContain('lib-1.1-py3-none-any.whl');
    const bytes = await readFile(join(suite.dirs.runnerTemp, 'wheelhouse', 'lib-1.1-py3-none-any.whl'));
    const { createHash } = await import('node:crypto');
    expect(createHash('sha256').update(bytes).digest('hex')).toBe(
      suite.server.sha256('lib-1.1-py3-none-any.whl'),
    );
    // The local backend restores only the files its manifest lists with their sha256: the
    // tampered wheel is left behind at restore time (with a warning naming it) and downloaded.
    expect(workflowCommands(main.stdout, 'warning').join('\n')).toMatch(
      /ignored 1 item.*lib-1\.1-py3-none-any\.whl/s,
    );
  });
});
