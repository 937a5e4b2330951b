/**
 * An install run with nothing to do (issue 9 §6, issue 14 §2): the second run reads no wheel and
 * installs nothing, yet every change is still acted on — a distribution removed from the
 * environment is installed again, a wheel changed in the wheelhouse is caught before it is
 * installed, a changed requirement installs the other version. Reads of wheel bytes by the flow
 * are counted through its `hashFile` seam; the installer, the venv (machine's python3) and the
 * test index server are real. Skipped with a message only where no python3 with venv exists.
 */
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdtemp, open, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it, jest } from '@jest/globals';
import { runInstallFlow, type InstallFlowOptions } from '../../src/flow/install.js';
import { fileSha256, type FileDigester } from '../../src/util/file-sha256.js';
import { serveFixture, writeRequirements } from '../helpers/fetch-fixture.js';
import { startIndexServer, type IndexServer } from '../helpers/index-server.js';
import { makeVenv, sitePackagesOf } from '../helpers/python-venv.js';
import { fixtureInstallOptions, venvInterpreter } from '../helpers/install-fixture.js';

jest.setTimeout(180_000);

let server: IndexServer;
let root: string;

beforeAll(async () => {
  server = await startIndexServer();
  serveFixture(server);
  root = await mkdtemp(join(tmpdir(), 'wh-install-noop-'));
});

afterAll(async () => {
  await server.close();
  await rm(root, { recursive: true, force: true });
});

/** Flips one byte in the middle of `path`, in place: same size, same inode. */
async function flipByte(path: string): Promise<void> {
  const handle = await open(path, 'r+');
  try {
    const { size } = await handle.stat();
    const one = Buffer.alloc(1);
    await handle.read(one, 0, 1, Math.floor(size / 2));
    one[0] = one[0]! ^ 0xff;
    await handle.write(one, 0, 1, Math.floor(size / 2));
  } finally {
    await handle.close();
  }
}

it('a second install reads no wheel; removed, tampered and re-pinned distributions are still handled', async () => {
  const work = await mkdtemp(join(root, 'noop-'));
  const venv = makeVenv(join(work, 'venv'), { withoutPip: true });
  if (venv === undefined) {
    console.warn('skipped: no python3 with the venv module on this machine');
    return;
  }
  const site = await sitePackagesOf(venv);
  const wh = join(work, 'wh');
  const reads: string[] = [];
  const hashFile: FileDigester = async (path) => {
    reads.push(path);
    return fileSha256(path);
  };
  const run = (extra: Partial<InstallFlowOptions> = {}) =>
    runInstallFlow({
      ...fixtureInstallOptions(server.indexUrl, work),
      wheelhouse: wh,
      stateDir: join(work, 'state'),
      stampStore: join(work, 'stamps'),
      interpreter: venvInterpreter(venv),
      hashFile,
      ...extra,
    });

  await writeRequirements(work, ['app']);
  const first = await run();
  expect(first.installed).toBe(3); // app, lib 1.1, util 2.1

  // Nothing to do: nothing read, nothing installed, nothing downloaded.
  reads.length = 0;
  server.reset();
  const second = await run();
  expect([second.installed, second.unchanged]).toEqual([0, 3]);
  expect(second.fetch.downloaded).toBe(0);
  expect(reads).toEqual([]);
  expect(server.counters.byKind['file-full'].requests).toBe(0);

  // A distribution removed from the environment is installed again (from the wheelhouse).
  await rm(join(site, 'lib-1.1.dist-info'), { recursive: true });
  await rm(join(site, 'lib'), { recursive: true, force: true });
  const third = await run();
  expect([third.installed, third.unchanged]).toEqual([1, 2]);
  expect(existsSync(join(site, 'lib-1.1.dist-info', 'RECORD'))).toBe(true);
  expect(third.fetch.downloaded).toBe(0);

  // Its wheel changed in the wheelhouse (same size) while it is missing again: caught, fetched
  // again, and the good bytes installed.
  const libWheel = join(wh, 'lib-1.1-py3-none-any.whl');
  const good = createHash('sha256')
    .update(await readFile(libWheel))
    .digest('hex');
  await flipByte(libWheel);
  await rm(join(site, 'lib-1.1.dist-info'), { recursive: true });
  await rm(join(site, 'lib'), { recursive: true, force: true });
  reads.length = 0;
  const fourth = await run();
  expect(reads).toEqual([libWheel]);
  expect(fourth.fetch.removed).toEqual([{ filename: 'lib-1.1-py3-none-any.whl', reason: 'hash-mismatch' }]);
  expect(fourth.fetch.downloaded).toBe(1);
  expect(fourth.installed).toBe(1);
  expect(
    createHash('sha256')
      .update(await readFile(libWheel))
      .digest('hex'),
  ).toBe(good);

  // A changed requirement (another pin) is a new resolution: the other version replaces it.
  await writeRequirements(work, ['app', 'lib==1.0']);
  const fifth = await run();
  expect([fifth.installed, fifth.replaced, fifth.unchanged]).toEqual([1, 1, 2]);
  expect(existsSync(join(site, 'lib-1.0.dist-info', 'RECORD'))).toBe(true);
  expect(existsSync(join(site, 'lib-1.1.dist-info'))).toBe(false);
});
