/**
 * One native install per environment at a time (src/flow/install-lock.ts, review 17a F9): while
 * another run holds `<site-packages>/.wheelhouse-install.lock`, an install waits — saying so —
 * and changes nothing; once it is released the install goes ahead and the lock file is gone after.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { fixtureWheels, serveFixture, writeRequirements } from '../helpers/fetch-fixture.js';
import { startIndexServer, type IndexServer } from '../helpers/index-server.js';
import { cliHomeEnv, runCliCaptured } from '../helpers/cli-capture.js';
import { venvPython } from '../helpers/python-venv.js';
import { acquireDirLock } from '../../src/util/dir-lock.js';
import { INSTALL_LOCK_FILENAME } from '../../src/flow/install-lock.js';

jest.setTimeout(180_000);

let server: IndexServer;
let work: string;
beforeAll(async () => {
  server = await startIndexServer();
  serveFixture(server, fixtureWheels());
  work = await mkdtemp(join(tmpdir(), 'wh-install-lock-'));
});
afterAll(async () => {
  await server.close();
  await rm(work, { recursive: true, force: true });
});

describe('the install lock', () => {
  it('an install waits for the run holding the environment, then installs', async () => {
    const venv = join(work, 'venv');
    try {
      execFileSync('python3', ['-m', 'venv', '--without-pip', venv], { stdio: 'ignore', timeout: 60_000 });
    } catch {
      return console.warn('skipped: no python3 with the venv module');
    }
    const site = execFileSync(
      venvPython(venv),
      ['-c', 'import sysconfig; print(sysconfig.get_path("purelib"))'],
      {
        encoding: 'utf8',
      },
    ).trim();
    const lock = join(site, INSTALL_LOCK_FILENAME);
    const release = await acquireDirLock(lock);
    await writeRequirements(work, ['app']);
    let done = false;
    const run = runCliCaptured(
      ['install', '-r', 'requirements.txt', '-i', server.indexUrl, '--python', venvPython(venv)],
      {
        env: cliHomeEnv(work),
        cwd: work,
      },
    ).finally(() => {
      done = true;
    });
    await new Promise((r) => setTimeout(r, 3000));
    expect(done).toBe(false);
    expect(readdirSync(site).filter((n) => n !== INSTALL_LOCK_FILENAME)).toEqual([]);
    await release();
    const r = await run;
    expect(r.code).toBe(0);
    expect(r.stdout + r.stderr).toContain('another install into this environment is running');
    expect(readdirSync(site)).toContain('app');
    expect(existsSync(lock)).toBe(false);
  });
});
