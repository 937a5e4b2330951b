/**
 * Review 15e (second vector of F11): the guard (actions-archive-guard.ts checkListing) judges a
 * member name LEXICALLY (path.resolve against the workspace), but tar hands it to the kernel, which
 * resolves `x/..` after following `x` when it is a symlink. `link/../metadata/sub/pwn`, with `link` any
 * directory symlink in the checkout (pointing one level deeper elsewhere), is "inside the metadata
 * cache" by name and written beside the symlink's target. @actions/cache's own names never hold a
 * `..` after another component (only leading ones, for paths outside the workspace).
 *
 * (Header of the first vector, kept for context:) the guard accepts a hard link member whenever
 * its target NAME lies inside the restored paths — not only when the target is an earlier regular
 * file of the archive. GNU tar links to whatever is on disk at that name; link(2) does not follow a
 * symbolic link, so a hard link to a symlink that already exists inside a restored path (here the
 * user's own link to a folder of wheels, kept in the wheelhouse: foreign) is a NEW symlink at a name
 * the entry chooses — in another restored path (the metadata cache), where keepOut does not apply —
 * and the members after it are written through it: outside every restored path, into the user's
 * folder. Without the hard link, `wheelhouse/local/pwn` would be left out (nested, review 15b F10).
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, expect, it } from '@jest/globals';
import { ActionsCacheBackend } from '../../src/cache/actions-cache-backend.js';
import { RecordingLogger } from '../../src/util/logger.js';
import { startCacheService, type CacheService } from '../helpers/cache-service.js';

let service: CacheService;
let work: string;
let workspace: string;
let wheelhouse: string;
let meta: string;
let undoEnv: () => void;
const key = `wheelhouse-v1-linux-x64-cp312-${'0'.repeat(32)}`;

async function quietly<T>(fn: () => Promise<T>): Promise<T> {
  const original = process.stdout.write.bind(process.stdout);
  process.stdout.write = ((_c: unknown, ...rest: unknown[]) => {
    (rest.find((r) => typeof r === 'function') as (() => void) | undefined)?.();
    return true;
  }) as typeof process.stdout.write;
  try {
    return await fn();
  } finally {
    process.stdout.write = original;
  }
}

beforeAll(async () => {
  service = await startCacheService();
});
afterAll(async () => {
  await service.close();
});
beforeEach(async () => {
  await service.reset();
  work = await mkdtemp(join(tmpdir(), 'r15e-dotdot-'));
  workspace = join(work, 'ws');
  wheelhouse = join(workspace, 'wheelhouse');
  meta = join(workspace, 'metadata');
  await mkdir(wheelhouse, { recursive: true });
  await mkdir(meta, { recursive: true });
  await mkdir(join(work, 'temp'));
  undoEnv = service.applyEnv({
    RUNNER_TEMP: join(work, 'temp'),
    GITHUB_WORKSPACE: workspace,
    GITHUB_SERVER_URL: undefined,
    ACTIONS_CACHE_MODE: undefined,
    RUNNER_DEBUG: undefined,
  });
});
afterEach(async () => {
  undoEnv();
  await rm(work, { recursive: true, force: true });
});

it("a member 'link/../metadata/…' is inside by name and written outside through a checkout symlink", async () => {
  const logger = new RecordingLogger();
  const backend = new ActionsCacheBackend(logger);
  await writeFile(join(wheelhouse, 'a-1.0-py3-none-any.whl'), 'a');
  expect((await quietly(() => backend.save([wheelhouse, meta], key))).saved).toBe(true);
  const blob = service.blob(key)!;
  const zstd = blob[0] === 0x28 && blob[1] === 0xb5;
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
  service.setBlob(
    key,
    zstd ? execFileSync('zstd', ['-q', '-c', archive]) : execFileSync('gzip', ['-c', archive]),
  );

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
