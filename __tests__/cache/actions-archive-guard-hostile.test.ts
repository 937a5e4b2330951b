/**
 * Review 15e: hostile and ordinary Actions cache entries the restore guard (actions-archive-guard.ts
 * checkListing) must judge as the kernel will, not by names as text.
 *   - F11, `..` after another segment: `link/../metadata/sub/pwn`, with `link` a directory symlink of
 *     the checkout, is inside the metadata cache by name and written beside the symlink's target.
 *     @actions/cache's own names hold only leading `..` (paths outside the workspace).
 *   - F11, hard links: GNU tar links to whatever is on disk at the target name, and link(2) does not
 *     follow a symbolic link, so a hard link to a user's symlink inside a restored path is a new
 *     symlink at a name the entry chooses; members after it are written through it.
 *   - F6: a user's own symlink in the wheelhouse (foreign) is left out by keepOut, not a reason to
 *     refuse the whole entry on every run.
 * Each hostile archive replaces the blob of a real entry, as a hostile saver would.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, lstatSync } from 'node:fs';
import { link, mkdir, mkdtemp, readdir, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it } from '@jest/globals';
import { ActionsCacheBackend } from '../../src/cache/actions-cache-backend.js';
import { RecordingLogger } from '../../src/util/logger.js';
import { replaceEntryArchive, useActionsCache } from '../helpers/actions-cache-run.js';
import { quietly } from '../helpers/quiet-stdout.js';

let work: string;
let workspace: string;
let wheelhouse: string;
let meta: string;
const key = `wheelhouse-v1-linux-x64-cp312-${'0'.repeat(32)}`;

beforeEach(async () => {
  work = await mkdtemp(join(tmpdir(), 'wh-guard-hostile-'));
  workspace = join(work, 'workspace');
  wheelhouse = join(workspace, 'wheelhouse');
  meta = join(workspace, 'metadata');
  await mkdir(wheelhouse, { recursive: true });
  await mkdir(meta, { recursive: true });
});
const ac = useActionsCache(() => work);
afterEach(async () => {
  await rm(work, { recursive: true, force: true });
});

it("a member 'link/../metadata/…' (inside by name, outside through a checkout symlink) is refused", async () => {
  const logger = new RecordingLogger();
  const backend = new ActionsCacheBackend(logger);
  await writeFile(join(wheelhouse, 'a-1.0-py3-none-any.whl'), 'a');
  expect((await quietly(() => backend.save([wheelhouse, meta], key))).saved).toBe(true);
  const src = join(work, 'src');
  await mkdir(join(src, 'x'), { recursive: true });
  await writeFile(join(src, 'x', 'pwn'), 'planted by a cache entry\n');
  const archive = join(work, 'evil.tar');
  execFileSync('tar', [
    '--posix',
    '-cf',
    archive,
    '-C',
    src,
    '--transform',
    's,^x/pwn$,link/../metadata/sub/pwn,',
    'x/pwn',
  ]);
  replaceEntryArchive(ac.service, key, archive);

  // An ordinary symlink of the checkout (docs/assets → elsewhere/deep), nothing of the user's in the wheelhouse.
  const deep = join(work, 'elsewhere', 'deep');
  await mkdir(deep, { recursive: true });
  await symlink(deep, join(workspace, 'link'));

  const got = await quietly(() => backend.restore([wheelhouse, meta], key, []));
  // Review 15e F11: a `..` after another segment is refused; nothing of the entry is extracted.
  expect(got).toEqual({ exact: false });
  const outside = join(work, 'elsewhere', 'metadata', 'sub', 'pwn');
  expect(existsSync(outside)).toBe(false);
  expect(existsSync(join(meta, 'sub', 'pwn'))).toBe(false);
});

it('a hard link to an existing symlink (a way out of the restored paths) is refused', async () => {
  const logger = new RecordingLogger();
  const backend = new ActionsCacheBackend(logger);
  // A real entry of the two paths (its blob is replaced below, as a hostile saver would).
  await writeFile(join(wheelhouse, 'a-1.0-py3-none-any.whl'), 'a');
  expect((await quietly(() => backend.save([wheelhouse, meta], key))).saved).toBe(true);

  // The hostile archive: `metadata/evil` hard-linked to `wheelhouse/local` (a name only), then
  // `metadata/evil/pwn`.
  const src = join(work, 'src');
  await mkdir(join(src, 'wheelhouse'), { recursive: true });
  await mkdir(join(src, 'metadata'), { recursive: true });
  await mkdir(join(src, 'x'), { recursive: true });
  await writeFile(join(src, 'wheelhouse', 'local'), 't');
  await link(join(src, 'wheelhouse', 'local'), join(src, 'metadata', 'evil'));
  await writeFile(join(src, 'x', 'pwn'), 'planted by a cache entry\n');
  const archive = join(work, 'evil.tar');
  execFileSync('tar', ['--posix', '-cf', archive, '-C', src, 'wheelhouse/local', 'metadata/evil']);
  execFileSync('tar', [
    '--posix',
    '-rf',
    archive,
    '-C',
    src,
    '--transform',
    's,^x/pwn$,metadata/evil/pwn,',
    'x/pwn',
  ]);
  execFileSync('tar', ['--posix', '--delete', '-f', archive, 'wheelhouse/local']);
  replaceEntryArchive(ac.service, key, archive);

  // The user's wheelhouse holds a link of theirs to a folder of their wheels (foreign).
  const victim = join(work, 'users-wheels');
  await mkdir(victim);
  await symlink(victim, join(wheelhouse, 'local'));

  const got = await quietly(() =>
    backend.restore([wheelhouse, meta], key, [], { foreign: new Set(['local']) }),
  );
  // Review 15e F11: a hard link to what the entry did not extract itself is refused; nothing lands.
  expect(got).toEqual({ exact: false });
  expect(existsSync(join(victim, 'pwn'))).toBe(false);
});

it("a user's symlink in the wheelhouse is left out and the rest of the entry restored", async () => {
  const logger = new RecordingLogger();
  const backend = new ActionsCacheBackend(logger);
  await writeFile(join(wheelhouse, 'a-1.0-py3-none-any.whl'), 'a');
  // The user's: a link to a wheel of theirs, kept beside the run's files (foreign).
  await writeFile(join(work, 'mine-1.0-py3-none-any.whl'), 'm');
  await symlink(join(work, 'mine-1.0-py3-none-any.whl'), join(wheelhouse, 'mine-1.0-py3-none-any.whl'));
  expect((await quietly(() => backend.save([wheelhouse], key))).saved).toBe(true);
  await rm(join(wheelhouse, 'a-1.0-py3-none-any.whl'));

  const got = await quietly(() =>
    backend.restore([wheelhouse], key, [], { foreign: new Set(['mine-1.0-py3-none-any.whl']) }),
  );
  // Review 15e F6: the user's link is left out (keepOut) and the rest of the entry restored.
  expect(got).toEqual({ matchedKey: key, exact: true });
  expect((await readdir(wheelhouse)).sort()).toEqual(['a-1.0-py3-none-any.whl', 'mine-1.0-py3-none-any.whl']);
  expect(lstatSync(join(wheelhouse, 'mine-1.0-py3-none-any.whl')).isSymbolicLink()).toBe(true);
});
