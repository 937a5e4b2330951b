/**
 * foreign-keep.ts: a user's file in a wheelhouse, kept aside across an archive restore, whatever
 * the length of its name (review 15b F6: the copy's name must stay within the 255-byte limit).
 */
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { afterEach, beforeEach, expect, it } from '@jest/globals';
import { keepForeign, putBackForeign } from '../../src/cache/foreign-keep.js';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'wh-foreign-keep-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

it("a user's file with a 250-byte name is kept aside and put back over what an archive wrote there", async () => {
  const name = `${'é'.repeat(60)}${'u'.repeat(250 - 120 - '-1.0-py3-none-any.whl'.length)}-1.0-py3-none-any.whl`;
  expect(Buffer.byteLength(name)).toBe(250);
  await writeFile(join(dir, name), "the user's bytes");
  const kept = await keepForeign(dir, new Set([name]));
  expect(kept).toHaveLength(1);
  const copy = kept[0]!.kind === 'file' ? kept[0]!.copy : '';
  expect(Buffer.byteLength(basename(copy))).toBeLessThanOrEqual(255);
  expect(basename(copy)).toMatch(/^\.wheelhouse-kept\.[0-9a-f]{12}\.é+u+$/);
  // An archive writes its own file under the user's name; the user's comes back.
  await writeFile(join(dir, name), 'the archive');
  expect(await putBackForeign(dir, kept)).toEqual([name]);
  expect(await readFile(join(dir, name), 'utf8')).toBe("the user's bytes");
  expect(await readdir(dir)).toEqual([name]);
});
