/**
 * Real uv.lock files (../shared/corpora/locks, CI only) parsed and selected for several targets by
 * readLockInput (issue 11, §3). The linux/cp312 base selections are checked against the package
 * counts and download sizes SOURCE.txt records for them (computed independently, with the same
 * rules: runtime dependencies, markers for Python 3.12.8 on linux x86_64, best wheel per package).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from '@jest/globals';
import { readLockInput } from '../../src/provider/lock-input.js';
import { targetEnvironment, type TargetEnvironment } from '../../src/provider/target.js';
import { parseWheelFilename } from '../../src/standards/filenames.js';
import { rankWheel } from '../../src/standards/tags.js';
import { describeWhenAvailable, sharedMissing, sharedPath } from '../helpers/optional-suite.js';

const TARGETS: TargetEnvironment[] = [
  targetEnvironment({ pythonVersion: '3.12.8', os: 'linux', arch: 'x86_64', glibc: [2, 28] }),
  targetEnvironment({ pythonVersion: '3.11', os: 'macos', arch: 'arm64', macos: [14, 0] }),
  targetEnvironment({ pythonVersion: '3.13', os: 'windows', arch: 'AMD64' }),
  targetEnvironment({ pythonVersion: '3.10', os: 'linux', arch: 'aarch64', musl: [1, 2] }),
];

const ANY = { mayUseWheel: () => true, mayUseSdist: () => true };
const BASE = { extras: [], allExtras: false, groups: [] };

describeWhenAvailable('real uv.lock files', sharedMissing('corpora', 'locks'), () => {
  const dir = sharedPath('corpora', 'locks') as string;
  const text = (name: string) => readFileSync(join(dir, `${name}__uv.lock`), 'utf8');

  it.each([
    ['stanfordnlp__dspy', 56, 48.2],
    ['fastapi__fastapi', 9, 2.9],
    ['PrefectHQ__prefect', 106, 32.1],
  ])('%s: the linux cp312 base selection matches SOURCE.txt (%i packages, %f MB)', (name, count, mb) => {
    const got = readLockInput('uv.lock', text(name), { target: TARGETS[0]!, selection: BASE, ...ANY });
    expect(got.resolution.packages).toHaveLength(count);
    const bytes = got.resolution.packages.reduce((n, p) => n + (p.file.size ?? 0), 0);
    expect((bytes / 1e6).toFixed(1)).toBe(mb.toFixed(1));
    expect(got.localProjects.map((p) => [p.path, p.editable])).toEqual([['.', true]]);
  });

  it.each(['stanfordnlp__dspy', 'fastapi__fastapi', 'docling-project__docling', 'PrefectHQ__prefect'])(
    '%s: for every target, one file per package, each a wheel for the target (else an sdist), with sha256 and size',
    (name) => {
      for (const target of TARGETS) {
        const got = readLockInput('uv.lock', text(name), { target, selection: BASE, ...ANY });
        const names = got.resolution.packages.map((p) => p.name);
        expect(new Set(names).size).toBe(names.length);
        expect(names.length).toBeGreaterThan(5);
        for (const p of got.resolution.packages) {
          expect(p.file.sha256).toMatch(/^[0-9a-f]{64}$/);
          expect(p.file.size).toBeGreaterThan(0);
          expect(p.metadataPath).toBe('lock');
          if (p.file.kind === 'wheel') {
            expect(rankWheel(parseWheelFilename(p.file.filename).tags, target.tagPriority)).toBeDefined();
          }
        }
      }
    },
  );

  it('extras and groups grow the selection; a lock without the group names the groups it has', () => {
    const fastapi = text('fastapi__fastapi');
    const t = TARGETS[0]!;
    const base = readLockInput('uv.lock', fastapi, { target: t, selection: BASE, ...ANY });
    const all = readLockInput('uv.lock', fastapi, {
      target: t,
      selection: { ...BASE, extras: ['all'] },
      ...ANY,
    });
    const dev = readLockInput('uv.lock', fastapi, {
      target: t,
      selection: { ...BASE, groups: ['tests'] },
      ...ANY,
    });
    expect(all.resolution.packages.length).toBeGreaterThan(base.resolution.packages.length);
    expect(all.resolution.packages.map((p) => p.name)).toContain('uvicorn');
    expect(dev.resolution.packages.map((p) => p.name)).toContain('pytest');
    expect(() =>
      readLockInput('uv.lock', text('stanfordnlp__dspy'), {
        target: t,
        selection: { ...BASE, groups: ['dev'] },
        ...ANY,
      }),
    ).toThrow('uv.lock: --group dev: no root of the lock (dspy) has this group (groups: none)');
  });

  it('a package without a file for the target is an error naming it', () => {
    const t = TARGETS[3]!;
    expect(() =>
      readLockInput('uv.lock', text('fastapi__fastapi'), {
        target: t,
        selection: { ...BASE, allExtras: true, groups: ['dev'] },
        ...ANY,
      }),
    ).toThrow(/uv\.lock: package playwright [\d.]+: no file for the target cp310-musllinux_1_2_aarch64/);
  });
});
