/**
 * Review 18a F14: the resolver's `--no-binary` / `--only-binary` / `--pre` / `--prefer-binary` reach
 * the child pip that fills a build's isolated environment, as pip passes them (pip 23.2 build_env.py
 * `_install_requirements`). Differential: a setuptools sdist whose backend exists only as a wheel
 * (the machine's own setuptools/wheel wheels in a find-links directory) cannot be built by the
 * machine's pip with `--no-binary :all:`, and not by wheelhouse's frontend either; without it both build.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SdistBuildError } from '../../src/build/build-error.js';
import { buildWheel } from '../../src/build/build-wheel.js';
import { frontendEnv, type FrontendIndexes } from '../../src/build/frontend-env.js';
import type { NormalizedName } from '../../src/standards/names.js';
import { buildSetuptoolsSdist, findBackendWheels, isolatedPipEnv } from '../helpers/setuptools-sdists.js';

const backends = findBackendWheels();
const maybe = backends === undefined ? describe.skip : describe;

describe('frontendEnv format control', () => {
  it('gives pip the resolver’s format control, pre-releases and binary preference; nothing when unset', () => {
    const base = { ...isolatedPipEnv(), PIP_NO_BINARY: 'inherited', PIP_PRE: '1' };
    const none = frontendEnv(base, { indexUrls: [], findLinks: [] });
    for (const k of ['PIP_NO_BINARY', 'PIP_ONLY_BINARY', 'PIP_PRE', 'PIP_PREFER_BINARY'])
      expect(none[k]).toBeUndefined();
    const env = frontendEnv(base, {
      indexUrls: [],
      findLinks: [],
      noBinary: { all: false, names: ['numpy', 'scipy'] },
      onlyBinary: { all: true, names: [] },
      pre: true,
      preferBinary: true,
    });
    expect(env).toMatchObject({
      PIP_NO_BINARY: 'numpy,scipy',
      PIP_ONLY_BINARY: ':all:',
      PIP_PRE: '1',
      PIP_PREFER_BINARY: '1',
    });
    // The `:all:` side first: pip applies them in order, and `:all:` clears the other side's names.
    const keys = Object.keys(env);
    expect(keys.indexOf('PIP_ONLY_BINARY')).toBeLessThan(keys.indexOf('PIP_NO_BINARY'));
  });
});

maybe('format control in the build environment, against the machine’s pip', () => {
  let work: string;
  let sdist: string;
  beforeAll(() => {
    work = mkdtempSync(join(tmpdir(), 'wh-format-control-'));
    mkdirSync(join(work, 'links'));
    for (const p of backends ?? [])
      for (const f of p.files) writeFileSync(join(work, 'links', f.filename), f.bytes);
    const built = buildSetuptoolsSdist({ name: 'fmtpkg', version: '1.0', metadata: 'static' });
    sdist = join(work, built.filename);
    writeFileSync(sdist, built.bytes);
  });
  afterAll(() => {
    rmSync(work, { recursive: true, force: true });
  });

  function build(extra: Partial<FrontendIndexes>, label: string): Promise<unknown> {
    const out = join(work, label);
    mkdirSync(out);
    return buildWheel(
      {
        python: 'python3',
        env: frontendEnv(isolatedPipEnv(), { indexUrls: [], findLinks: [join(work, 'links')], ...extra }),
        cwd: work,
      },
      sdist,
      { label: 'fmtpkg-1.0.tar.gz', project: 'fmtpkg' as NormalizedName, version: '1.0', workDir: out },
    );
  }

  function pip(...args: string[]): number | null {
    return spawnSync(
      'python3',
      [
        '-m',
        'pip',
        'wheel',
        '--no-deps',
        '--no-index',
        '-f',
        join(work, 'links'),
        '-w',
        join(work, `pip-${args.length}`),
        ...args,
        sdist,
      ],
      { env: isolatedPipEnv(), encoding: 'utf8', timeout: 300_000 },
    ).status;
  }

  it('--no-binary :all: — pip cannot install setuptools from a wheel into the build environment, nor can wheelhouse', async () => {
    expect(pip('--no-binary', ':all:')).not.toBe(0);
    const error = await build({ noBinary: { all: true, names: [] } }, 'no-binary').then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(SdistBuildError);
    expect((error as Error).message).toMatch(/^fmtpkg-1\.0\.tar\.gz: /);
  }, 300_000);

  it('without it both build', async () => {
    expect(pip()).toBe(0);
    await expect(build({}, 'plain')).resolves.toMatchObject({ filename: 'fmtpkg-1.0-py3-none-any.whl' });
  }, 300_000);
});
