/**
 * A local find-links directory's files per project (src/index/find-links.ts): wheels matched by the
 * name their file name parses to (each name parsed once per listing), sdists by the project's
 * `<name>-<version>` stem, in listing order; names of other projects (also ones that share a
 * prefix), files that are no distribution and malformed wheel names belong to no project.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
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
