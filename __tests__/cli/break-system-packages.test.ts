/**
 * PEP 668's override as pip 23.2 reads it (review 17a F2): `--break-system-packages` is an ordinary
 * pip option, so PIP_BREAK_SYSTEM_PACKAGES and `break-system-packages = true` in pip.conf set it
 * too (GitHub's ubuntu-24.04 image writes the latter to /etc/pip.conf). The target is a throwaway
 * "system" Python: a copy of the machine's python3.11 binary whose stdlib entries are links to the
 * real ones, with its own site-packages and an EXTERNALLY-MANAGED file — not a virtual environment.
 */
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { devNull, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it, jest } from '@jest/globals';
import { fixtureWheels, serveFixture, writeRequirements } from '../helpers/fetch-fixture.js';
import { startIndexServer, type IndexServer } from '../helpers/index-server.js';
import { runCliCaptured } from '../helpers/cli-capture.js';
import {
  externallyManagedPython,
  type ExternallyManagedPython,
} from '../helpers/externally-managed-python.js';

jest.setTimeout(180_000);

let server: IndexServer;
let root: string;
let work: string;

beforeAll(async () => {
  server = await startIndexServer();
  serveFixture(server, fixtureWheels());
  root = await mkdtemp(join(tmpdir(), 'wh-cli-pep668-'));
});
afterAll(async () => {
  await server.close();
  await rm(root, { recursive: true, force: true });
});
beforeEach(async () => {
  server.reset();
  work = await mkdtemp(join(root, 'work-'));
});

function env(extra: Record<string, string | undefined> = {}): Record<string, string | undefined> {
  const out: Record<string, string | undefined> = {};
  for (const [k, v] of Object.entries(process.env))
    if (!k.startsWith('PIP_') && k !== 'VIRTUAL_ENV') out[k] = v;
  return { ...out, HOME: work, XDG_CACHE_HOME: join(work, 'cache'), PIP_CONFIG_FILE: devNull, ...extra };
}

/** The externally managed copy (see the header), or undefined when python3.11 is not a real install. */
function systemPython(name = 'sys'): ExternallyManagedPython | undefined {
  return externallyManagedPython(join(work, name));
}

async function install(python: string, extraEnv: Record<string, string | undefined> = {}) {
  await writeRequirements(work, ['app']);
  return runCliCaptured(['install', '-r', 'requirements.txt', '-i', server.indexUrl, '--python', python], {
    env: env(extraEnv),
    cwd: work,
  });
}

describe('an externally managed Python (PEP 668)', () => {
  it('is refused without an override, the message naming all three ways', async () => {
    const sys = systemPython();
    if (sys === undefined) return console.warn('skipped: no python3.11 to copy');
    const r = await install(sys.python);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('externally managed (PEP 668)');
    expect(r.stderr).toContain('--break-system-packages');
    expect(r.stderr).toContain('PIP_BREAK_SYSTEM_PACKAGES=1');
    expect(r.stderr).toContain('break-system-packages = true in pip.conf');
    expect(readdirSync(sys.site)).toEqual([]);
  });

  it('is installed into with PIP_BREAK_SYSTEM_PACKAGES=1, as pip does', async () => {
    const sys = systemPython();
    if (sys === undefined) return console.warn('skipped: no python3.11 to copy');
    const r = await install(sys.python, { PIP_BREAK_SYSTEM_PACKAGES: '1' });
    expect(r.code).toBe(0);
    expect(readdirSync(sys.site)).toContain('app');
    // pip 23.2 (the machine's, its configuration isolated) on a second copy: the same.
    const forPip = systemPython('sys-pip');
    if (forPip === undefined) return;
    // Asynchronously: the index server answers from this process.
    const pip = (extra: Record<string, string>) =>
      new Promise<{ status: number | null; stderr: string }>((resolve) => {
        const child = spawn(
          'python3',
          [
            '-m',
            'pip',
            '--python',
            forPip.python,
            'install',
            '--no-compile',
            '-i',
            server.indexUrl,
            '-r',
            'requirements.txt',
          ],
          { cwd: work, env: { ...(env() as Record<string, string>), ...extra } },
        );
        let stderr = '';
        child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
        child.on('close', (status) => resolve({ status, stderr }));
      });
    const refused = await pip({});
    expect(refused.status).not.toBe(0);
    expect(refused.stderr).toContain('externally-managed-environment');
    const done = await pip({ PIP_BREAK_SYSTEM_PACKAGES: '1' });
    expect(done.stderr).not.toContain('ERROR');
    expect(done.status).toBe(0);
    expect(readdirSync(forPip.site)).toContain('app');
  });

  it("is installed into with pip.conf's break-system-packages = true, as pip does", async () => {
    const sys = systemPython();
    if (sys === undefined) return console.warn('skipped: no python3.11 to copy');
    const conf = join(dirname(sys.python), '..', 'test-pip.conf');
    writeFileSync(conf, '[global]\nbreak-system-packages = true\n');
    const r = await install(sys.python, { PIP_CONFIG_FILE: conf });
    expect(r.code).toBe(0);
    expect(existsSync(join(sys.site, 'app'))).toBe(true);
  });
});
