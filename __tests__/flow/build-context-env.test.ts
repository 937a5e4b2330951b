/**
 * The build frontend's environment as a run makes it (src/flow/build-context.ts over
 * src/build/frontend-env.ts): pip reads no configuration file, so the run's own settings — indexes
 * and find-links, the command line's `--timeout` / `--retries`, pip's configured `cert` /
 * `client-cert` — are passed to it explicitly, and a pip.conf the resolver did not use never reaches it.
 */
import { execFileSync } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createBuildContext } from '../../src/flow/build-context.js';
import { readPipConfig } from '../../src/flow/pip-config.js';
import { prepare } from '../../src/flow/prepare.js';
import { RecordingLogger } from '../../src/util/logger.js';

let work: string;
beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'wh-build-env-'));
  await writeFile(
    join(work, 'requirements.txt'),
    '--extra-index-url https://file-extra.example/simple/\ndemo\n',
  );
});
afterAll(async () => {
  await rm(work, { recursive: true, force: true });
});

describe('the build context gives the frontend the run’s settings', () => {
  it('indexes, find-links, timeout, retries and pip’s cert; no configuration file, no job PIP_*', async () => {
    const env = {
      PATH: '/usr/bin',
      HOME: '/home/u',
      PIP_CERT: '/job/ca.pem',
      PIP_NO_BUILD_ISOLATION: '1',
      PIP_PROXY: 'http://pip-only.example:3128',
    };
    // The plain-http extra index is trusted by the same configuration (pip ignores it otherwise).
    const pipConfig = await readPipConfig({
      env,
      platform: 'linux',
      readFile: async (p) =>
        p === '/etc/pip.conf'
          ? '[global]\nextra-index-url = http://conf-extra.example:8080/simple/\ntrusted-host = conf-extra.example\nretries = 7\nclient-cert = /etc/client.pem\n'
          : undefined,
      isDirectory: async () => false,
    });
    const prepared = await prepare({
      requirementFiles: [join(work, 'requirements.txt')],
      finder: { indexUrl: 'https://cli.example/simple/', findLinks: ['https://links.example/'] },
      pipConfig,
      timeoutSec: 12.5,
      target: { pythonVersion: '3.11', implementation: 'cp', platforms: ['manylinux_2_17_x86_64'] },
      cwd: work,
      env,
      logger: new RecordingLogger(),
    });
    const context = createBuildContext({ prepared, env, cwd: work, python: 'python3' });
    const frontend = context.frontend({
      command: 'python3',
      version: '3.11.7',
      implementation: 'cp',
      interpreterTag: 'cp311',
      platform: 'linux-x86_64',
      markers: { sys_platform: 'linux', os_name: 'posix', platform_machine: 'x86_64' },
    });
    const pip = Object.fromEntries(Object.entries(frontend.env).filter(([k]) => k.startsWith('PIP_')));
    expect(pip).toEqual({
      PIP_CONFIG_FILE: process.platform === 'win32' ? 'nul' : '/dev/null',
      PIP_INDEX_URL: 'https://cli.example/simple/',
      PIP_EXTRA_INDEX_URL: 'http://conf-extra.example:8080/simple/ https://file-extra.example/simple/',
      PIP_FIND_LINKS: 'https://links.example/',
      PIP_TRUSTED_HOST: 'conf-extra.example:8080',
      PIP_TIMEOUT: '12.5',
      PIP_RETRIES: '7',
      PIP_CERT: '/job/ca.pem',
      PIP_CLIENT_CERT: '/etc/client.pem',
      PIP_DISABLE_PIP_VERSION_CHECK: '1',
      PIP_NO_INPUT: '1',
    });
    // Per-host credential variables belong to the hosts the job's own settings name, never to
    // one a requirements file adds (a pull request can change the file: review 4 s12).
    expect(prepared.configuredHosts?.sort()).toEqual(['cli.example', 'conf-extra.example', 'links.example']);
  });

  it("pip's --no-cache-dir (pip.conf or the command line) reaches the frontend's pip: the real pip then has no cache (review 15a F15)", async () => {
    const env = { PATH: process.env['PATH'] ?? '', HOME: '/home/u' };
    const frontendPipEnv = async (o: { conf?: string; flag?: boolean }): Promise<Record<string, string>> => {
      const pipConfig = await readPipConfig({
        env,
        platform: 'linux',
        readFile: async (p) => (p === '/etc/pip.conf' ? o.conf : undefined),
        isDirectory: async () => false,
      });
      const prepared = await prepare({
        requirementFiles: [join(work, 'requirements.txt')],
        finder: { indexUrl: 'https://cli.example/simple/' },
        pipConfig,
        ...(o.flag === true ? { noCacheDir: true } : {}),
        target: { pythonVersion: '3.11', implementation: 'cp', platforms: ['manylinux_2_17_x86_64'] },
        cwd: work,
        env,
        logger: new RecordingLogger(),
      });
      const context = createBuildContext({ prepared, env, cwd: work, python: 'python3' });
      return context.frontend({
        command: 'python3',
        version: '3.11.7',
        implementation: 'cp',
        interpreterTag: 'cp311',
        platform: 'linux-x86_64',
        markers: { sys_platform: 'linux', os_name: 'posix', platform_machine: 'x86_64' },
      }).env;
    };
    // What the frontend's pip itself makes of that environment (pip's own option parser).
    const pipCacheOff = (pipEnv: Record<string, string>): boolean =>
      execFileSync(
        'python3',
        [
          '-c',
          "from pip._internal.commands import create_command\nprint(create_command('wheel').parse_args([])[0].cache_dir is False)",
        ],
        { encoding: 'utf8', env: pipEnv },
      ).trim() === 'True';
    expect(pipCacheOff(await frontendPipEnv({ conf: '[global]\nno-cache-dir = true\n' }))).toBe(true);
    expect(pipCacheOff(await frontendPipEnv({ flag: true }))).toBe(true);
    // Neither: pip keeps its cache.
    expect(pipCacheOff(await frontendPipEnv({}))).toBe(false);
  }, 60_000);
});
