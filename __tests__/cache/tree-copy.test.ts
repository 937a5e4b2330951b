/**
 * copyTree (src/cache/tree-copy.ts), the local cache backend's copier: a file that disappears
 * between the directory listing and its copy (another run's lock draft in a shared wheelhouse,
 * removed once its link attempt failed) is left out instead of failing the whole save.
 */
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, unlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it } from '@jest/globals';
import { copyTree } from '../../src/cache/tree-copy.js';

let root: string;
beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'wh-tree-copy-'));
});
afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

it('files removed after the tree was listed are left out; every other file is copied whole', async () => {
  const src = join(root, 'src');
  const dst = join(root, 'dst');
  await mkdir(join(src, 'sub'), { recursive: true });
  const names = Array.from({ length: 60 }, (_, i) => (i % 2 === 0 ? `f${i}` : join('sub', `f${i}`)));
  await Promise.all(names.map((n) => writeFile(join(src, n), `content of ${n}`)));
  const transient = names.filter((_, i) => i % 3 === 0);
  const result = await copyTree(src, dst, {
    link: false,
    readOnly: false,
    afterListing: async () => {
      await Promise.all(transient.map((n) => unlink(join(src, n))));
    },
  });
  const kept = names.filter((_, i) => i % 3 !== 0);
  for (const n of kept) expect(await readFile(join(dst, n), 'utf8')).toBe(`content of ${n}`);
  for (const n of transient) expect(existsSync(join(dst, n))).toBe(false);
  expect(result.files).toBe(kept.length);
  expect(result.skipped).toEqual([]);
});
