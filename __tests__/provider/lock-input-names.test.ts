/**
 * File names a lock file gives become paths (review 1 of session 13): they pass the safe-name rule
 * that direct URLs pass — and only that rule, so an archive of a tag (`v2.32.3.tar.gz`, as
 * `uv export --format pylock.toml` writes a direct URL dependency) is read (review 4).
 */
import { describe, expect, it } from '@jest/globals';
import { LockFileError } from '../../src/standards/lock-files.js';
import { readLockInput } from '../../src/provider/lock-input.js';
import { targetEnvironment } from '../../src/provider/target.js';

const target = targetEnvironment({ pythonVersion: '3.12.8', os: 'linux', arch: 'x86_64', glibc: [2, 28] });
const options = {
  target,
  selection: { extras: [], allExtras: false, groups: [] },
  mayUseWheel: () => true,
  mayUseSdist: () => true,
};
const sha = 'a'.repeat(64);
const pylock = (section: string, url: string, name?: string) =>
  [
    'lock-version = "1.0"\ncreated-by = "test"\n',
    '[[packages]]\nname = "requests"\nversion = "2.32.3"\n',
    `[packages.${section}]\n${name !== undefined ? `name = ${JSON.stringify(name)}\n` : ''}url = "${url}"\nhashes = { sha256 = "${sha}" }\n`,
  ].join('\n');

describe('lock file names', () => {
  it('an archive named by a tag is taken as it is', () => {
    const got = readLockInput(
      'pylock.toml',
      pylock('archive', 'https://github.com/psf/requests/archive/refs/tags/v2.32.3.tar.gz'),
      options,
    );
    expect(got.resolution.packages.map((p) => [p.name, p.version, p.file.filename])).toEqual([
      ['requests', '2.32.3', 'v2.32.3.tar.gz'],
    ]);
  });

  it.each([
    ['../../x.tar.gz', 'it contains a path separator'],
    ['..', 'not a file name'],
    ['a:b.tar.gz', 'it contains ":"'],
    ['x\u202e.tar.gz', 'it contains an invisible formatting character'],
  ])('an sdist named %j is refused: %s', (name, reason) => {
    const read = () =>
      readLockInput('pylock.toml', pylock('sdist', 'https://example.org/x.tar.gz', name), options);
    expect(read).toThrow(LockFileError);
    expect(read).toThrow(`package requests 2.32.3: the file name ${JSON.stringify(name)}`);
    expect(read).toThrow(reason);
  });
});
