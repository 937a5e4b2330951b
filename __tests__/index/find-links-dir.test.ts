/**
 * A local find-links directory's files per project (src/index/find-links.ts): wheels matched by the
 * name their file name parses to (each name parsed once per listing), sdists by the project's
 * `<name>-<version>` stem, in listing order; names of other projects (also ones that share a
 * prefix), files that are no distribution and malformed wheel names belong to no project.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createFindLinks } from '../../src/index/find-links.js';
import type { HttpClient } from '../../src/index/http-client.js';
import { normalizeName } from '../../src/standards/names.js';
import { silentLogger } from '../../src/util/logger.js';

let dir: string;
const names = [
  'foo-1.0-py3-none-any.whl',
  'foo-1.1-py3-none-any.whl',
  'foo_bar-2.0-py3-none-any.whl',
  'Foo.Baz-0.1-py3-none-any.whl',
  'foo-1.2.tar.gz',
  'foo-bar-2.1.tar.gz',
  'notes.txt',
  'broken.whl',
];

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'wh-fl-dir-'));
  for (const n of names) writeFileSync(join(dir, n), n);
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('find-links directory', () => {
  it("answers each project's wheels and sdists, and nothing of another project", async () => {
    const noHttp = {} as HttpClient; // a local directory makes no request
    const fl = createFindLinks(noHttp, silentLogger, [dir], true);
    const files = async (p: string): Promise<string[]> =>
      (await fl.filesFor(normalizeName(p))).map((f) => f.filename);
    expect(await files('foo')).toEqual([
      'foo-1.0-py3-none-any.whl',
      'foo-1.1-py3-none-any.whl',
      'foo-1.2.tar.gz',
    ]);
    expect(await files('foo-bar')).toEqual(['foo-bar-2.1.tar.gz', 'foo_bar-2.0-py3-none-any.whl']);
    expect(await files('foo-baz')).toEqual(['Foo.Baz-0.1-py3-none-any.whl']);
    expect(await files('broken')).toEqual([]);
    expect(await files('notes')).toEqual([]);
    const [first] = await fl.filesFor(normalizeName('foo'));
    expect(first?.size).toBe('foo-1.0-py3-none-any.whl'.length);
  });
});

// Review 14b #1: pip 23.2 takes every entry of a find-links directory (`_FlatDirectorySource.file_links`
// iterates Path.iterdir()), so a wheel that is a symbolic link to a regular file (wheelhouses built of
// links into a shared store) is a candidate; a broken link and a link to a directory are not files.
describe('find-links directory with symbolic links', () => {
  it('lists a link to a regular file with its target size, and no broken or directory link', async () => {
    const root = mkdtempSync(join(tmpdir(), 'wh-fl-link-'));
    try {
      mkdirSync(join(root, 'store'));
      mkdirSync(join(root, 'dir'));
      mkdirSync(join(root, 'store', 'lib-1.0-py3-none-any.whl'));
      writeFileSync(join(root, 'store', 'example-21.12-py3-none-any.whl'), 'wheel bytes');
      symlinkSync(
        join(root, 'store', 'example-21.12-py3-none-any.whl'),
        join(root, 'dir', 'example-21.12-py3-none-any.whl'),
      );
      symlinkSync(
        join(root, 'store', 'missing-1.0-py3-none-any.whl'),
        join(root, 'dir', 'example-21.13-py3-none-any.whl'),
      );
      symlinkSync(
        join(root, 'store', 'lib-1.0-py3-none-any.whl'),
        join(root, 'dir', 'lib-1.0-py3-none-any.whl'),
      );
      const fl = createFindLinks({} as HttpClient, silentLogger, [join(root, 'dir')], true);
      const found = await fl.filesFor(normalizeName('example'));
      expect(found.map((f) => f.filename)).toEqual(['example-21.12-py3-none-any.whl']);
      expect(found[0]?.size).toBe('wheel bytes'.length);
      expect(await fl.filesFor(normalizeName('lib'))).toEqual([]);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});
