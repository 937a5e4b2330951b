/**
 * Review 15b F2: @actions/cache extracts an entry with `tar -xf … -P -C $GITHUB_WORKSPACE`, which
 * writes absolute and `..` members wherever they point. Through the real @actions/cache and the
 * cache-service double, an entry's blob is replaced by a hostile archive: the restore must extract
 * nothing of it and say why; a good entry (hard links included) is still restored.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { link, mkdir, mkdtemp, readFile, readdir, rm, stat, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { ActionsCacheBackend } from '../../src/cache/actions-cache-backend.js';
import { RecordingLogger } from '../../src/util/logger.js';
import { replaceEntryArchive, useActionsCache } from '../helpers/actions-cache-run.js';
import { quietly } from '../helpers/quiet-stdout.js';

let work: string;
let workspace: string;
let wheelhouse: string;
let logger: RecordingLogger;
let backend: ActionsCacheBackend;
const prefix = 'wheelhouse-v1-linux-x64-cp312-';
const key = `${prefix}${'0'.repeat(32)}`;

/** Saves a real entry, then replaces its blob by a tar of `members` (made under `src`, relative names). */
async function plantEntry(src: string, members: string[], extra: string[] = []): Promise<void> {
  await writeFile(join(wheelhouse, 'a-1.0-py3-none-any.whl'), 'a');
  expect((await quietly(() => backend.save([wheelhouse], key))).saved).toBe(true);
  const archive = join(work, 'evil.tar');
  execFileSync('tar', ['--posix', '-cPf', archive, '-C', src, ...extra, ...members]);
  replaceEntryArchive(ac.service, key, archive);
  await rm(wheelhouse, { recursive: true });
  await mkdir(wheelhouse);
}

function warnings(): string {
  return logger.lines.map((l) => l.message).join('\n');
}

beforeEach(async () => {
  work = await mkdtemp(join(tmpdir(), 'wh-archive-guard-'));
  workspace = join(work, 'workspace');
  wheelhouse = join(workspace, 'wheelhouse');
  await mkdir(wheelhouse, { recursive: true });
  logger = new RecordingLogger();
  backend = new ActionsCacheBackend(logger);
});
const ac = useActionsCache(() => work);
afterEach(async () => {
  await rm(work, { recursive: true, force: true });
});

describe('an Actions cache entry is checked before it is extracted (review 15b F2)', () => {
  it('a "../" member is written nowhere, and nothing else of that entry either', async () => {
    const src = join(work, 'src');
    await mkdir(join(src, 'wheelhouse'), { recursive: true });
    await writeFile(join(src, 'wheelhouse', 'b-1.0-py3-none-any.whl'), 'b');
    await writeFile(join(src, 'planted'), 'echo pwned\n');
    await plantEntry(
      src,
      ['wheelhouse/b-1.0-py3-none-any.whl', 'planted'],
      ['--transform', 's,^planted$,../outside/planted,'],
    );
    const got = await quietly(() => backend.restore([wheelhouse], `${prefix}${'1'.repeat(32)}`, [prefix]));
    expect(got).toEqual({ exact: false });
    expect(existsSync(join(work, 'outside'))).toBe(false);
    expect(await readdir(wheelhouse)).toEqual([]);
    expect(warnings()).toContain(
      '"../outside/planted" outside the restored paths: nothing of it was extracted',
    );
  });

  it('an absolute member is refused', async () => {
    const target = join(work, 'abs', 'planted');
    const src = join(work, 'src');
    await mkdir(src);
    await writeFile(join(src, 'planted'), 'x');
    await plantEntry(src, ['planted'], ['--transform', `s,^planted$,${target},`]);
    const got = await quietly(() => backend.restore([wheelhouse], key, []));
    expect(got).toEqual({ exact: false });
    expect(existsSync(target)).toBe(false);
    expect(warnings()).toContain(`"${target}" outside the restored paths`);
  });

  it('a symbolic link member (a way out for the members after it) is refused', async () => {
    const src = join(work, 'src');
    await mkdir(join(src, 'wheelhouse'), { recursive: true });
    await symlink(join(work, 'elsewhere'), join(src, 'wheelhouse', 'd'));
    await plantEntry(src, ['wheelhouse/d']);
    const got = await quietly(() => backend.restore([wheelhouse], key, []));
    expect(got).toEqual({ exact: false });
    expect(await readdir(wheelhouse)).toEqual([]);
    expect(warnings()).toContain(`"wheelhouse/d" of type 'l'`);
  });

  it('a good entry is extracted as @actions/cache would, hard links between its files included', async () => {
    await writeFile(join(wheelhouse, 'a-1.0-py3-none-any.whl'), 'a');
    await link(join(wheelhouse, 'a-1.0-py3-none-any.whl'), join(wheelhouse, 'b-1.0-py3-none-any.whl'));
    expect((await quietly(() => backend.save([wheelhouse], key))).saved).toBe(true);
    await rm(wheelhouse, { recursive: true });
    const got = await quietly(() => backend.restore([wheelhouse], `${prefix}${'1'.repeat(32)}`, [prefix]));
    expect(got).toEqual({ matchedKey: key, exact: false });
    expect(await readFile(join(wheelhouse, 'b-1.0-py3-none-any.whl'), 'utf8')).toBe('a');
    expect((await stat(join(wheelhouse, 'b-1.0-py3-none-any.whl'))).nlink).toBe(2);
    // The stand-in tar is gone from PATH once the restore is over.
    expect(process.env['PATH']?.includes('wheelhouse-tar-')).toBe(false);
  });
  it('hard links between files outside the workspace (paths named with a leading "../") are extracted too', async () => {
    // GNU tar lists a stored "../…" link target without its "../" unless told -P: the check then
    // took the link for one to a file the entry does not hold and refused the whole entry.
    const outside = join(work, 'outside', 'wheelhouse');
    await mkdir(outside, { recursive: true });
    await writeFile(join(outside, 'a-1.0-py3-none-any.whl'), 'a');
    await link(join(outside, 'a-1.0-py3-none-any.whl'), join(outside, 'b-1.0-py3-none-any.whl'));
    expect((await quietly(() => backend.save([outside], key))).saved).toBe(true);
    await rm(outside, { recursive: true });
    const got = await quietly(() => backend.restore([outside], key, []));
    expect(got).toEqual({ matchedKey: key, exact: true });
    expect(warnings()).not.toContain('not restored');
    expect(await readFile(join(outside, 'b-1.0-py3-none-any.whl'), 'utf8')).toBe('a');
    expect((await stat(join(outside, 'b-1.0-py3-none-any.whl'))).nlink).toBe(2);
  });
  it("the user's folders and files in the wheelhouse are neither overwritten nor brought back by an entry (review 15b F10)", async () => {
    await writeFile(join(wheelhouse, 'a-1.0-py3-none-any.whl'), 'a');
    await mkdir(join(wheelhouse, 'notes'));
    await writeFile(join(wheelhouse, 'notes', 'todo.txt'), 'v1');
    await mkdir(join(wheelhouse, 'old'));
    await writeFile(join(wheelhouse, 'old', 'gone.txt'), 'deleted by the user since');
    await writeFile(join(wheelhouse, 'mine.txt'), 'v1');
    expect((await quietly(() => backend.save([wheelhouse], key))).saved).toBe(true);
    await rm(join(wheelhouse, 'old'), { recursive: true });
    await rm(join(wheelhouse, 'a-1.0-py3-none-any.whl'));
    await writeFile(join(wheelhouse, 'notes', 'todo.txt'), 'v2, the user edited this');
    await writeFile(join(wheelhouse, 'mine.txt'), 'v2');
    const got = await quietly(() =>
      backend.restore([wheelhouse], `${prefix}${'1'.repeat(32)}`, [prefix], {
        foreign: new Set(['notes', 'mine.txt']),
      }),
    );
    expect(got).toEqual({ matchedKey: key, exact: false });
    expect(await readFile(join(wheelhouse, 'notes', 'todo.txt'), 'utf8')).toBe('v2, the user edited this');
    expect(await readFile(join(wheelhouse, 'mine.txt'), 'utf8')).toBe('v2');
    expect(existsSync(join(wheelhouse, 'old'))).toBe(false);
    expect(await readFile(join(wheelhouse, 'a-1.0-py3-none-any.whl'), 'utf8')).toBe('a');
  });
  it('a wheelhouse given as a symbolic link is saved and restored from where it leads (review 15b F12)', async () => {
    const real = join(work, 'disk', 'wh');
    await mkdir(real, { recursive: true });
    await rm(wheelhouse, { recursive: true });
    await symlink(real, wheelhouse);
    await writeFile(join(real, 'a-1.0-py3-none-any.whl'), 'a');
    expect((await quietly(() => backend.save([wheelhouse], key))).saved).toBe(true);
    await rm(join(real, 'a-1.0-py3-none-any.whl'));
    const got = await quietly(() => backend.restore([wheelhouse], key, []));
    expect(got).toEqual({ matchedKey: key, exact: true });
    expect(await readFile(join(real, 'a-1.0-py3-none-any.whl'), 'utf8')).toBe('a');
  });
});
