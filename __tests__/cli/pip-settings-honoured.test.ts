/**
 * pip settings of `pip install` that wheelhouse used to drop without a word (review 15a F11/F20):
 * `require-hashes`, `no-deps` and `constraint` (PIP_* or pip.conf) now act as the CLI's flags do —
 * pip 23.2's option parser takes them as the defaults of `--require-hashes`, `--no-deps` and the
 * append option `-c` (ConfigOptionParser._update_defaults: an append option's value is split on
 * white space and command-line values are added after it) —, and the settings that move where pip
 * installs (`target`, `prefix`, `root`, `user`) are refused (pip's own `proxy` is warned about) with an error naming
 * the variable, as the flag forms are.
 */
import { describe, expect, it } from '@jest/globals';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from '../../src/cli/args.js';
import { withPipFlags } from '../../src/cli/run.js';
import { readPipConfig, refusedSetting, proxySettingWarning } from '../../src/flow/pip-config.js';
import { runCliCaptured } from '../helpers/cli-capture.js';

const io = (env: Record<string, string>) => ({
  env,
  platform: 'linux' as const,
  readFile: async () => undefined,
  isDirectory: async () => false,
});

function runArgs(argv: string[]) {
  const request = parseArgs(argv);
  if (request.kind !== 'run') throw new Error('not a run');
  return request.args;
}

describe('pip settings wheelhouse honours as its flags (review 15a F11)', () => {
  it('PIP_REQUIRE_HASHES, PIP_NO_DEPS and PIP_CONSTRAINT become --require-hashes, --no-deps, -c (config first)', async () => {
    const config = await readPipConfig(
      io({ PIP_REQUIRE_HASHES: '1', PIP_NO_DEPS: 'yes', PIP_CONSTRAINT: 'upper.txt  site.txt' }),
    );
    const args = withPipFlags(runArgs(['resolve', '-c', 'mine.txt', '-r', 'r.txt']), config);
    expect(args.requireHashes).toBe(true);
    expect(args.noDeps).toBe(true);
    expect(args.constraints).toEqual(['upper.txt', 'site.txt', 'mine.txt']);
  });

  it('a false value leaves the flags off, as pip', async () => {
    const config = await readPipConfig(io({ PIP_REQUIRE_HASHES: 'off', PIP_NO_DEPS: '0' }));
    const args = withPipFlags(runArgs(['resolve', '-r', 'r.txt']), config);
    expect([args.requireHashes, args.noDeps, args.constraints]).toEqual([false, false, []]);
  });
});

describe('pip settings wheelhouse cannot honour are refused, named (review 15a F20/F11)', () => {
  it.each([
    ['PIP_TARGET', '/app/libs'],
    ['PIP_PREFIX', '/opt/app'],
    ['PIP_ROOT', '/stage'],
    ['PIP_USER', '1'],
  ])('install refuses %s', async (name, value) => {
    const work = mkdtempSync(join(tmpdir(), 'fix15a-f20-'));
    writeFileSync(join(work, 'r.txt'), 'aaa\n');
    try {
      const run = await runCliCaptured(['install', '--no-index', '-r', join(work, 'r.txt')], {
        env: { HOME: work, PIP_CONFIG_FILE: '/dev/null', [name]: value },
        cwd: work,
      });
      expect(run.code).toBe(2);
      expect(run.stderr).toContain(`${name}: pip setting not supported`);
    } finally {
      rmSync(work, { recursive: true, force: true });
    }
  });

  it('target/prefix/root/user change only install; user=false is fine', async () => {
    const target = await readPipConfig(io({ PIP_TARGET: '/app/libs', PIP_USER: 'false' }));
    expect(refusedSetting(target, 'resolve')).toBeUndefined();
    expect(refusedSetting(target, 'install')?.message).toMatch(/^PIP_TARGET: /);
  });

  it("pip's proxy is never refused (review 15e F3): a warning unless HTTPS_PROXY / HTTP_PROXY name it", async () => {
    const proxy = await readPipConfig(io({ PIP_PROXY: 'http://proxy.corp:3128' }));
    for (const command of ['resolve', 'fetch', 'install'])
      expect(refusedSetting(proxy, command)).toBeUndefined();
    expect(proxySettingWarning(proxy, {})).toMatch(/^PIP_PROXY: .*HTTPS_PROXY/);
    expect(proxySettingWarning(proxy, { HTTPS_PROXY: 'http://proxy.corp:3128/' })).toBeUndefined();
    expect(proxySettingWarning(proxy, { https_proxy: 'http://other:3128' })).toMatch(/^PIP_PROXY: /);
  });
});
