/**
 * `--find-links` pages whose links carry no `#sha256=` (what `python3 -m http.server` or a simple
 * self-hosted index serves): the CLI downloads each chosen file once to hash it, writes a lock
 * with the right `--hash=sha256:` lines, reuses those downloads for the wheelhouse, and the lock
 * installs with the real pip in hash-checking mode.
 */
import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { EXPECTED_FILES, fixtureWheels } from '../helpers/fetch-fixture.js';
import { makeVenv, pipInstallLocked, venvRun } from '../helpers/python-venv.js';
import { findLinkArgs, TARGET, useUnhashedFixture } from './unhashed-fixture.js';

const fx = useUnhashedFixture({
  prefix: 'wh-unhashed-',
  modes: { rangeIgnored: false, dropMidBody: null, requireAuth: null },
  requirements: ['app', 'big'],
});
const { cli } = fx;
const ALL_FILES = fixtureWheels().map((w) => w.wheel.filename);

/** `--no-index` and one `--find-links` per project page (each an HTML page without hashes). */
function findLinks(origin = fx.server.origin): string[] {
  return ['--no-index', ...findLinkArgs(origin)];
}

/** The `--hash=sha256:` the lock gives each file, by the file name in its comment-free pin. */
function lockedHashes(lock: string): Map<string, string> {
  const out = new Map<string, string>();
  const blocks = lock.split(/\n(?=[a-z0-9])/i).filter((b) => /==/.test(b));
  for (const block of blocks) {
    const pin = /^([A-Za-z0-9._-]+)==([^\s\\;]+)/.exec(block);
    const hashes = [...block.matchAll(/--hash=sha256:([0-9a-f]{64})/g)].map((m) => m[1]);
    if (pin !== null) out.set(`${pin[1]}==${pin[2]}`, hashes.join(','));
  }
  return out;
}

/** The server's sha256 of each expected file, keyed as `name==version`. */
function expectedHashes(): Map<string, string> {
  return new Map(
    EXPECTED_FILES.map((f) => {
      const [name, version] = f.split('-');
      return [`${name}==${version}`, fx.server.sha256(f) as string];
    }),
  );
}

describe('find-links pages without sha256', () => {
  it.each([
    ['a host with range requests (metadata by PEP 658 / ranges, chosen files hashed)', false],
    ['a host that ignores Range (files without PEP 658 downloaded whole while resolving)', true],
  ])(
    'fetch on %s: exit 0, correct lock hashes, each chosen wheel downloaded once',
    async (_, ignored) => {
      fx.server.setModes({ rangeIgnored: ignored });
      const r = await cli([
        'fetch',
        '-r',
        'requirements.txt',
        ...findLinks(),
        ...TARGET,
        '--dest',
        'wh',
        '--no-cache',
      ]);
      expect(r.stderr).not.toContain('internal error');
      expect(r.code).toBe(0);
      const lock = await readFile(join(fx.work, 'wh', 'requirements.lock'), 'utf8');
      expect(lockedHashes(lock)).toEqual(expectedHashes());
      expect((await readdir(join(fx.work, 'wh'))).filter((f) => f.endsWith('.whl')).sort()).toEqual(
        EXPECTED_FILES,
      );
      // Each chosen wheel crossed the network whole exactly once; the candidates not chosen never did.
      expect(Object.fromEntries(fx.server.counters.wholeDownloads())).toEqual(
        Object.fromEntries(EXPECTED_FILES.map((f) => [f, 1])),
      );
      for (const f of ALL_FILES.filter((n) => !EXPECTED_FILES.includes(n))) {
        expect(
          fx.server.counters
            .requestsFor(`/files/${f}`)
            .filter((e) => e.status === 200 && !e.path.endsWith('.metadata')),
        ).toEqual([]);
      }

      const venv = makeVenv(join(fx.work, 'venv'));
      if (venv === undefined) {
        console.warn('skipped the pip install: no python3 with the venv module on this machine');
        return;
      }
      const installed = pipInstallLocked(venv, join(fx.work, 'wh'), join(fx.work, 'wh', 'requirements.lock'));
      expect(installed).toMatch(/Successfully installed/);
      const versions = venvRun(
        venv,
        'import app, big, lib, util; print(app.__version__, lib.__version__, util.__version__)',
      );
      expect(versions.trim()).toBe('1.0 1.1 2.1');
    },
    240_000,
  );

  it('resolve writes the same hashes (the downloads for hashing are its own temporary files)', async () => {
    const r = await cli([
      'resolve',
      '-r',
      'requirements.txt',
      ...findLinks(),
      ...TARGET,
      '--lock',
      'out.lock',
    ]);
    expect(r.code).toBe(0);
    const lock = await readFile(join(fx.work, 'out.lock'), 'utf8');
    expect(lockedHashes(lock)).toEqual(expectedHashes());
    expect(Object.fromEntries(fx.server.counters.wholeDownloads())).toEqual(
      Object.fromEntries(EXPECTED_FILES.map((f) => [f, 1])),
    );
  });

  it('a chosen file that cannot be downloaded to hash it: exit 2 naming its redacted URL', async () => {
    // Ranges (64 kB tail, METADATA) stay whole; every whole download of the 300 kB wheel is cut.
    fx.server.setModes({
      requireAuth: { username: 'ci', password: 's3cret-pass' },
      dropMidBody: { afterBytes: 200_000, always: true, pathContains: '/files/big-' },
    });
    const origin = fx.server.origin.replace('http://', 'http://ci:s3cret-pass@');
    const r = await cli([
      'fetch',
      '-r',
      'requirements.txt',
      ...findLinks(origin),
      ...TARGET,
      '--dest',
      'wh',
      '--no-cache',
    ]);
    expect(r.code).toBe(2);
    expect(r.stderr).not.toContain('internal error');
    expect(r.stderr).not.toContain('s3cret-pass');
    expect(r.stderr).toContain('big-1.0-py3-none-any.whl: its source gives no sha256');
    expect(r.stderr).toMatch(/downloading http:\/\/[^ ]*127\.0\.0\.1:\d+\/files\/big-1\.0-py3-none-any\.whl/);
  });
});
