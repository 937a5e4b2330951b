/**
 * uncompiledDist (src/install/compile.ts): which `.py` files of an unchanged, wheelhouse-installed
 * distribution a `--compile` run still owes byte code. Only files that are there: pip 23.2
 * compiles what `pyc_source_file_paths` yields (RECORD rows whose path `os.path.isfile`), and
 * compileall.compile_file answers True for a missing path, so handing it one recorded byte code
 * that does not exist (review 14a F5); a deep row of missing directories is not resolved level by
 * level either.
 */
import { afterAll, expect, it } from '@jest/globals';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { uncompiledDist } from '../../src/install/compile.js';
import { INSTALLER_NAME } from '../../src/install/stage-metadata.js';

const work = mkdtempSync(join(tmpdir(), 'wh-compile-owed-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

it('owes byte code only for the recorded .py files that exist (review 14a F5)', async () => {
  const site = join(work, 'site');
  const metadataDir = join(site, 'sparse-1.0.dist-info');
  mkdirSync(metadataDir, { recursive: true });
  mkdirSync(join(site, 'sparse'));
  writeFileSync(join(site, 'sparse', 'here.py'), 'x = 1\n');
  mkdirSync(join(site, 'sparse', 'dir.py')); // a directory named like a source: not a file
  writeFileSync(join(metadataDir, 'INSTALLER'), `${INSTALLER_NAME}\n`);
  const deep = Array.from({ length: 1000 }, () => 'a').join('/');
  const rows = ['sparse/here.py,,', 'sparse/gone.py,,', 'sparse/dir.py,,', 'sparse-1.0.dist-info/RECORD,,'];
  for (let k = 0; k < 20; k++) rows.push(`d${k}/${deep}/x.py,,`);
  writeFileSync(join(metadataDir, 'RECORD'), rows.join('\n') + '\n');
  const owed = await uncompiledDist(
    { name: 'sparse', version: '1.0', metadataDir, kind: 'dist-info' },
    work,
    {
      cacheTag: 'cpython-311',
      optimize: 0,
    },
  );
  expect(owed?.pyFiles).toEqual([join(site, 'sparse', 'here.py')]);
});
