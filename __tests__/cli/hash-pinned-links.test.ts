/**
 * `--hash`-pinned requirements served by `--find-links` pages without `#sha256=` fragments: as in
 * pip's hash-checking mode the hash-less files are still candidates; each chosen file is
 * downloaded once, and its sha256 must be one of the pins — else exit 2 naming the file, its
 * redacted URL, the pinned and the actual hash, with nothing written to the wheelhouse.
 */
import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { EXPECTED_FILES, writeRequirements } from '../helpers/fetch-fixture.js';
import { findLinkArgs, TARGET, useUnhashedFixture } from './unhashed-fixture.js';

const fx = useUnhashedFixture({ prefix: 'wh-hash-pinned-', modes: { requireAuth: null } });
const { cli } = fx;

function findLinks(origin = fx.server.origin): string[] {
  return ['--no-index', ...findLinkArgs(origin)];
}

/** `name==version --hash=sha256:…` for every expected file, with `override` replacing some hashes. */
async function pinnedRequirements(override: Record<string, string> = {}): Promise<void> {
  await writeRequirements(
    fx.work,
    EXPECTED_FILES.map((f) => {
      const [name, version] = f.split('-') as [string, string];
      return `${name}==${version} --hash=sha256:${override[f] ?? (fx.server.sha256(f) as string)}`;
    }),
  );
}

function fetchArgs(origin?: string): string[] {
  return ['fetch', '-r', 'requirements.txt', ...findLinks(origin), ...TARGET, '--dest', 'wh', '--no-cache'];
}

async function wheelsIn(dir: string): Promise<string[]> {
  const names = await readdir(dir).catch(() => [] as string[]);
  return names.filter((f) => f.endsWith('.whl')).sort();
}

describe('--hash pins with find-links pages without sha256', () => {
  it('correct pins: exit 0, the lock has the pinned hashes, each chosen wheel downloaded once', async () => {
    await pinnedRequirements();
    const r = await cli(fetchArgs());
    expect(r.stderr).not.toContain('internal error');
    expect(r.code).toBe(0);
    const lock = await readFile(join(fx.work, 'wh', 'requirements.lock'), 'utf8');
    for (const f of EXPECTED_FILES) {
      expect(lock).toContain(`--hash=sha256:${fx.server.sha256(f) as string}`);
    }
    expect(await wheelsIn(join(fx.work, 'wh'))).toEqual(EXPECTED_FILES);
    expect(Object.fromEntries(fx.server.counters.wholeDownloads())).toEqual(
      Object.fromEntries(EXPECTED_FILES.map((f) => [f, 1])),
    );
  });

  it('a wrong pin: exit 2 naming the file, its redacted URL, the pinned and the actual sha256; no wheel kept', async () => {
    fx.server.setModes({ requireAuth: { username: 'ci', password: 's3cret-pass' } });
    const origin = fx.server.origin.replace('http://', 'http://ci:s3cret-pass@');
    const wrong = 'ab'.repeat(32);
    const big = 'big-1.0-py3-none-any.whl';
    await pinnedRequirements({ [big]: wrong });
    const r = await cli(fetchArgs(origin));
    expect(r.code).toBe(2);
    expect(r.stderr).not.toContain('internal error');
    expect(r.stderr).not.toContain('s3cret-pass');
    expect(r.stderr).toContain('does not match the --hash values');
    expect(r.stderr).toMatch(
      new RegExp(
        `big: ${big.replace(/\./g, '\\.')} from http://[^ ]*127\\.0\\.0\\.1:\\d+/files/${big.replace(/\./g, '\\.')}`,
      ),
    );
    expect(r.stderr).toContain(`expected sha256 ${wrong}`);
    expect(r.stderr).toContain(`got      sha256 ${fx.server.sha256(big) as string}`);
    // The files whose pins match are not reported.
    expect(r.stderr).not.toContain('app-1.0-py3-none-any.whl from');
    expect(await wheelsIn(join(fx.work, 'wh'))).toEqual([]);
  });

  it('resolve with a wrong pin: exit 2 and no lock written', async () => {
    const util = 'util-2.1-py3-none-any.whl';
    await pinnedRequirements({ [util]: '0'.repeat(64) });
    const r = await cli([
      'resolve',
      '-r',
      'requirements.txt',
      ...findLinks(),
      ...TARGET,
      '--lock',
      'out.lock',
    ]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`util: ${util} from`);
    expect(r.stderr).toContain(`got      sha256 ${fx.server.sha256(util) as string}`);
    await expect(readFile(join(fx.work, 'out.lock'), 'utf8')).rejects.toThrow(/ENOENT/);
  });
});
