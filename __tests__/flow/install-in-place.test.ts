/**
 * The native install without `--dest` (issue 9 §6, fetch-types.ts `inPlace`): local find-links
 * wheels are installed from where they are, not copied into the wheelhouse. Real installer, fresh
 * venvs from the machine's python3, a find-links directory of the fixture wheels:
 *   - the tree installed is the one the copy path installs; the user's files keep bytes, mode,
 *     inode and link count; the wheelhouse then claims nothing it does not hold (incomplete
 *     manifest, no lock/report/pylock), no cache entry is saved from it, and the wheel store is fed
 *     none of the user's files;
 *   - a find-links file changed in place, replaced, turned into a symbolic link or a FIFO after the
 *     resolution hashed it (a cache backend's exact-key lookup runs between resolve and download:
 *     the seam) is refused, or read again and verified — never installed with other bytes.
 * Skipped with a message only where no python3 with venv exists.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync, lstatSync, statSync } from 'node:fs';
import { copyFile, mkdir, mkdtemp, readFile, rename, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, expect, it, jest } from '@jest/globals';
import type { CacheBackend } from '../../src/cache/backend.js';
import { LocalDirBackend } from '../../src/cache/local-dir-backend.js';
import { runInstallFlow, type InstallFlowResult } from '../../src/flow/install.js';
import { locateInterpreter } from '../../src/flow/install-interpreter.js';
import { savePlanOf, saveWheelhouseAgain } from '../../src/flow/save.js';
import type { WheelStore } from '../../src/flow/fetch-types.js';
import { silentLogger } from '../../src/util/logger.js';
import { fixtureWheels, serveFixture, writeRequirements } from '../helpers/fetch-fixture.js';
import { startIndexServer } from '../helpers/index-server.js';
import { plantFifo, settles } from '../helpers/fifo.js';
import { isolatedFlowEnv, makeVenv, venvPython } from '../helpers/python-venv.js';

jest.setTimeout(180_000);

let root: string;
/** The resolution of `app` and `big` from the fixture wheels: these four files. */
const NAMES = [
  'app-1.0-py3-none-any.whl',
  'big-1.0-py3-none-any.whl',
  'lib-1.1-py3-none-any.whl',
  'util-2.1-py3-none-any.whl',
];
const UTIL = 'util-2.1-py3-none-any.whl';

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'wh-in-place-'));
});

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

interface Work {
  work: string;
  links: string;
  venv: string;
}

/** A work directory with a find-links directory of the fixture wheels, requirements app and big, a venv. */
async function setUp(prefix: string): Promise<Work | undefined> {
  const work = await mkdtemp(join(root, prefix));
  const links = join(work, 'links');
  await mkdir(links);
  for (const { wheel } of fixtureWheels()) await writeFile(join(links, wheel.filename), wheel.bytes);
  await writeRequirements(work, ['app', 'big']);
  const venv = makeVenv(join(work, 'venv'), { withoutPip: true });
  if (venv === undefined) {
    console.warn('skipped: no python3 with the venv module on this machine');
    return undefined;
  }
  return { work, links, venv };
}

function install(
  w: Work,
  inPlace: boolean,
  extra: { cache?: CacheBackend; wheelStore?: WheelStore; venv?: string } = {},
): Promise<InstallFlowResult> {
  return runInstallFlow({
    requirementFiles: ['requirements.txt'],
    finder: { noIndex: true, findLinks: [w.links] },
    target: {},
    cwd: w.work,
    env: isolatedFlowEnv(),
    logger: silentLogger,
    wheelhouse: join(w.work, inPlace ? 'wh' : 'wh-copy'),
    stateDir: join(w.work, inPlace ? 'state' : 'state-copy'),
    interpreter: locateInterpreter({ python: venvPython(extra.venv ?? w.venv), env: isolatedFlowEnv() }),
    inPlace,
    ...(extra.cache !== undefined ? { cache: { backend: extra.cache } } : {}),
    ...(extra.wheelStore !== undefined ? { wheelStore: extra.wheelStore } : {}),
  });
}

/** Bytes, mode, inode and link count of every file of the find-links directory. */
function userFiles(links: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of readdirSync(links).sort()) {
    const st = lstatSync(join(links, name));
    const sha = st.isFile()
      ? createHash('sha256')
          .update(readFileSync(join(links, name)))
          .digest('hex')
      : '-';
    out[name] = `${sha} ${st.mode.toString(8)} ${st.ino} ${st.nlink}`;
  }
  return out;
}

/** Every file under `venv` but the interpreter's own, with its bytes (the venv's path made neutral). */
function tree(venv: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.isFile() && entry.name !== 'pyvenv.cfg')
        out[relative(venv, path)] = readFileSync(path, 'latin1').split(venv).join('<venv>');
    }
  };
  walk(venv);
  return out;
}

function wheelsIn(dir: string): string[] {
  return existsSync(dir) ? readdirSync(dir).filter((n) => n.endsWith('.whl')) : [];
}

it('installs the tree the copy path installs, from the user files themselves, which stay as they were; the wheelhouse claims nothing it lacks', async () => {
  const w = await setUp('same-');
  if (w === undefined) return;
  // Same base name as the first venv: its activate scripts name it.
  const copyVenv = makeVenv(join(w.work, 'copy', 'venv'), { withoutPip: true });
  if (copyVenv === undefined) return;
  const before = userFiles(w.links);
  const stored: string[] = [];
  const wheelStore: WheelStore = {
    lookup: () => undefined,
    add: (items) => {
      stored.push(...items.map((i) => i.path));
      return Promise.resolve(0);
    },
  };
  const cache = new LocalDirBackend({ dir: join(w.work, 'cache'), logger: silentLogger });

  const inPlace = await install(w, true, { wheelStore, cache });
  expect(inPlace.installed).toBe(4);
  expect(inPlace.fetch.inPlace).toBe(4);
  // The wheel store copies what it is given: never a user's file.
  expect(stored).toEqual([]);
  // Nothing in the wheelhouse but the manifest marked incomplete; no lock, report or pylock.
  const wh = join(w.work, 'wh');
  expect(readdirSync(wh).filter((n) => !n.startsWith('.'))).toEqual(['wheelhouse-manifest.json']);
  expect(JSON.parse(await readFile(join(wh, 'wheelhouse-manifest.json'), 'utf8'))).toMatchObject({
    complete: false,
  });
  expect(inPlace.fetch.lockFile).toBeUndefined();
  expect(inPlace.fetch.texts.lock).toContain('util==2.1');
  // No cache entry from it: the save finds the wheelhouse incomplete.
  const saved = await saveWheelhouseAgain(savePlanOf(inPlace.fetch), cache, silentLogger);
  expect(saved.save.saved).toBe(false);
  expect(existsSync(join(w.work, 'cache', 'entries'))).toBe(false);
  expect(userFiles(w.links)).toEqual(before);

  const copied = await install(w, false, { wheelStore, venv: copyVenv });
  expect(copied.fetch.inPlace).toBe(0);
  expect(wheelsIn(join(w.work, 'wh-copy')).sort()).toEqual(NAMES);
  expect(copied.fetch.lockFile).toBe(join(w.work, 'wh-copy', 'requirements.lock'));
  expect(stored.sort()).toEqual(NAMES.map((n) => join(w.work, 'wh-copy', n)));
  expect(tree(w.venv)).toEqual(tree(copyVenv));
  expect(Object.keys(tree(w.venv)).filter((p) => p.endsWith('RECORD'))).toHaveLength(4);

  // A second run changes nothing: every wheel installed already, the user's files untouched.
  const again = await install(w, true);
  expect(again).toMatchObject({ installed: 0, unchanged: 4 });
  expect(readdirSync(wh).filter((n) => !n.startsWith('.'))).toEqual(['wheelhouse-manifest.json']);
  expect(userFiles(w.links)).toEqual(before);
});

/** A backend with no entries that runs `change` at the exact-key lookup (after the resolution hashed the files). */
function changingAtLookup(change: () => Promise<void>): CacheBackend {
  return {
    name: 'changing',
    restore: async (_paths, _key, restoreKeys) => {
      if (restoreKeys.length === 0) await change();
      return { exact: false };
    },
    save: () => Promise.resolve({ saved: false, reason: 'test' }),
  };
}

/** Other bytes of util's wheel, same length: one byte of its last 100 changed. */
async function otherBytes(links: string): Promise<Buffer> {
  const bytes = Buffer.from(await readFile(join(links, UTIL)));
  const at = bytes.length - 50;
  bytes.writeUInt8(bytes.readUInt8(at) ^ 0xff, at);
  return bytes;
}

function installedNames(venv: string): string[] {
  const site = readdirSync(join(venv, 'lib')).map((py) => join(venv, 'lib', py, 'site-packages'))[0]!;
  return readdirSync(site).filter((n) => n.endsWith('.dist-info'));
}

it.each([
  [
    'rewritten in place with other bytes',
    async (links: string) => writeFile(join(links, UTIL), await otherBytes(links)),
  ],
  [
    'replaced by a symbolic link to other bytes',
    async (links: string) => {
      await writeFile(join(links, '..', 'other.whl'), await otherBytes(links));
      await rm(join(links, UTIL));
      await symlink(join(links, '..', 'other.whl'), join(links, UTIL));
    },
  ],
  [
    'replaced by a FIFO',
    async (links: string) => {
      await rm(join(links, UTIL));
      plantFifo(join(links, UTIL));
    },
  ],
])('a find-links file %s after it was hashed is refused: nothing installed', async (_what, change) => {
  const w = await setUp('refused-');
  if (w === undefined) return;
  const run = install(w, true, { cache: changingAtLookup(() => change(w.links)) });
  const outcome = await settles(
    run.then(
      () => 'installed',
      (e: Error) => e.message,
    ),
  );
  expect(outcome).not.toBe('hung');
  expect(outcome).toMatch(/util-2\.1-py3-none-any\.whl/);
  expect(installedNames(w.venv)).toEqual([]);
  // The others were read where they are (none copied); util was read through its URL, refused.
  expect(wheelsIn(join(w.work, 'wh'))).toEqual([]);
  if (_what.includes('link')) expect(lstatSync(join(w.links, UTIL)).isSymbolicLink()).toBe(true);
});

it('a find-links file replaced by another file with the same bytes is read again and verified, then installed', async () => {
  const w = await setUp('replaced-');
  if (w === undefined) return;
  const change = async (): Promise<void> => {
    await copyFile(join(w.links, UTIL), join(w.links, 'next.tmp'));
    await rename(join(w.links, 'next.tmp'), join(w.links, UTIL));
  };
  const result = await install(w, true, { cache: changingAtLookup(change) });
  expect(result.installed).toBe(4);
  // Three in place; util's new inode was not the one hashed: read through its URL into the
  // wheelhouse, hashed while written.
  expect(result.fetch.inPlace).toBe(3);
  expect(wheelsIn(join(w.work, 'wh'))).toEqual([UTIL]);
  expect(statSync(join(w.work, 'wh', UTIL)).ino).not.toBe(statSync(join(w.links, UTIL)).ino);
  expect(installedNames(w.venv).sort()).toEqual([
    'app-1.0.dist-info',
    'big-1.0.dist-info',
    'lib-1.1.dist-info',
    'util-2.1.dist-info',
  ]);
});

it('a resolution that also needs the index keeps the copy path: complete wheelhouse, lock, cache entry saved', async () => {
  const w = await setUp('mixed-');
  if (w === undefined) return;
  // util comes from the index only; the other three from the find-links directory.
  await rm(join(w.links, UTIL));
  const server = await startIndexServer();
  try {
    serveFixture(
      server,
      fixtureWheels().filter((f) => f.wheel.filename === UTIL),
    );
    const cache = new LocalDirBackend({ dir: join(w.work, 'cache'), logger: silentLogger });
    const before = userFiles(w.links);
    const result = await runInstallFlow({
      requirementFiles: ['requirements.txt'],
      finder: { indexUrl: server.indexUrl, findLinks: [w.links] },
      target: {},
      cwd: w.work,
      env: isolatedFlowEnv(),
      logger: silentLogger,
      wheelhouse: join(w.work, 'wh'),
      stateDir: join(w.work, 'state'),
      interpreter: locateInterpreter({ python: venvPython(w.venv), env: isolatedFlowEnv() }),
      inPlace: true,
      cache: { backend: cache },
    });
    expect(result.installed).toBe(4);
    expect(result.fetch.inPlace).toBe(0);
    expect(wheelsIn(join(w.work, 'wh')).sort()).toEqual(NAMES);
    expect(result.fetch.lockFile).toBe(join(w.work, 'wh', 'requirements.lock'));
    const saved = await saveWheelhouseAgain(savePlanOf(result.fetch), cache, silentLogger);
    expect(saved.save.saved).toBe(true);
    expect(userFiles(w.links)).toEqual(before);
  } finally {
    await server.close();
  }
});
