/**
 * Symbolic links in the `requirements` input's globs (review 2 of session 12, #5): a link to a
 * file matches as the file does (as in a shell glob; pip -r reads through it), `**` still never
 * enters a linked directory, and a dangling link matches as bash's glob matches it, so the run
 * fails on it by name instead of leaving it out.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expandRequirementPatterns, RequirementsGlobError } from '../../src/action/globs.js';

let ws: string;

beforeAll(async () => {
  ws = await mkdtemp(join(tmpdir(), 'wh-globs-'));
  await writeFile(join(ws, 'requirements.txt'), 'requests\n');
  await mkdir(join(ws, 'requirements'));
  await writeFile(join(ws, 'requirements', 'dev.txt'), 'pytest\n');
  await symlink('../requirements.txt', join(ws, 'requirements', 'prod.txt'));
  await symlink('dev.txt', join(ws, 'requirements', 'test.txt'));
  await symlink('../nowhere.txt', join(ws, 'requirements', 'gone.txt'));
  await symlink('..', join(ws, 'requirements', 'up.txt')); // a linked directory named like a file
  await mkdir(join(ws, 'shared', 'deep'), { recursive: true });
  await writeFile(join(ws, 'shared', 'deep', 'base.txt'), 'idna\n');
  await mkdir(join(ws, 'services'));
  await symlink('../shared', join(ws, 'services', 'linked'));
  await symlink('..', join(ws, 'services', 'loop'));
});

afterAll(async () => {
  await rm(ws, { recursive: true, force: true });
});

describe('requirements patterns and symbolic links', () => {
  it('takes a link to a file like the file, also when it is the only match', async () => {
    expect(await expandRequirementPatterns(['requirements/p*.txt'], ws)).toEqual(['requirements/prod.txt']);
    expect(await expandRequirementPatterns(['requirements/[pt]*.txt'], ws)).toEqual([
      'requirements/prod.txt',
      'requirements/test.txt',
    ]);
    expect(await expandRequirementPatterns(['*/prod.txt'], ws)).toEqual(['requirements/prod.txt']);
  });

  it('takes a dangling link (the reader then fails on it by name), never a linked directory', async () => {
    expect(await expandRequirementPatterns(['requirements/*.txt'], ws)).toEqual([
      'requirements/dev.txt',
      'requirements/gone.txt',
      'requirements/prod.txt',
      'requirements/test.txt',
    ]);
    await expect(expandRequirementPatterns(['requirements/u*.txt'], ws)).rejects.toThrow(
      RequirementsGlobError,
    );
  });

  it('enters a linked directory for a one-level segment, never for **', async () => {
    expect(await expandRequirementPatterns(['services/*/deep/base.txt'], ws)).toEqual([
      'services/linked/deep/base.txt',
    ]);
    // `**` walks real directories only: shared/ once, never through services/linked or the loop.
    expect(await expandRequirementPatterns(['**/base.txt'], ws)).toEqual(['shared/deep/base.txt']);
  });
});

describe('an invalid character class (review 14c F10)', () => {
  it('is an input error naming the pattern, not an internal one', async () => {
    const bad = expandRequirementPatterns(['requirements/dev[z-a].txt'], ws);
    await expect(bad).rejects.toBeInstanceOf(RequirementsGlobError);
    await expect(bad).rejects.toThrow('"dev[z-a].txt" is not a valid pattern');
  });
});
