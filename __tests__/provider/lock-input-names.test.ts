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
    // Review 17c F1: the cache's rule for names in a wheelhouse, shared (directFileNameReason).
    ['sitecustomize.py', 'it is not a wheel or archive name'],
    ['.x-1.0.tar.gz', 'it is a hidden name'],
  ])('an sdist named %j is refused: %s', (name, reason) => {
    const read = () =>
      readLockInput('pylock.toml', pylock('sdist', 'https://example.org/x.tar.gz', name), options);
    expect(read).toThrow(LockFileError);
    expect(read).toThrow(`package requests 2.32.3: the file name ${JSON.stringify(name)}`);
    expect(read).toThrow(reason);
  });
});

// Review 15c F5: a lock's package name and version are written into the --lock/--report/--pylock
// outputs and name what is installed — they must be a project name and a PEP 440 version, and a
// chosen wheel must be a file of that project and version.
describe('lock package identities', () => {
  const lockOf = (name: string, version: string, wheel: string) =>
    [
      'lock-version = "1.0"\ncreated-by = "test"\n',
      `[[packages]]\nname = ${JSON.stringify(name)}\nversion = ${JSON.stringify(version)}\n`,
      `[[packages.wheels]]\nurl = "https://files.example/${wheel}"\nhashes = { sha256 = "${sha}" }\n`,
    ].join('\n');

  it('refuses a version that is not PEP 440 (a line break would become lines of --lock)', () => {
    const version = '2.32.3 \\\n--extra-index-url https://evil.example/simple\nevil==1.0';
    const read = () =>
      readLockInput('pylock.toml', lockOf('requests', version, 'requests-2.32.3-py3-none-any.whl'), options);
    expect(read).toThrow(LockFileError);
    expect(read).toThrow('is not a valid (PEP 440) version');
  });

  it('refuses a name that is not a project name', () => {
    const read = () =>
      readLockInput('pylock.toml', lockOf('requests\nevil', '1.0', 'requests-1.0-py3-none-any.whl'), options);
    expect(read).toThrow('is not a valid project name');
  });

  it.each([
    ['evil-9.9-py3-none-any.whl', 'is a file of evil 9.9'],
    ['requests-2.32.4-py3-none-any.whl', 'is a file of requests 2.32.4'],
  ])('refuses the wheel %s for requests 2.32.3', (wheel, reason) => {
    expect(() => readLockInput('pylock.toml', lockOf('requests', '2.32.3', wheel), options)).toThrow(reason);
  });

  it('takes a wheel whose version is the same PEP 440 version written differently', () => {
    const got = readLockInput(
      'pylock.toml',
      lockOf('Typing_Extensions', '4.12.2', 'typing_extensions-4.12.02-py3-none-any.whl'),
      options,
    );
    expect(got.resolution.packages.map((p) => [p.name, p.version])).toEqual([
      ['typing-extensions', '4.12.2'],
    ]);
  });
});

// Review 15c F12: a lock's archive with a subdirectory (PEP 751 `packages.archive.subdirectory`,
// uv.lock `source = { url, subdirectory }`) is refused by name, never built from the root.
describe('archive subdirectories in locks', () => {
  it('pylock.toml: refused when the package is selected', () => {
    const text = [
      'lock-version = "1.0"\ncreated-by = "test"\n',
      '[[packages]]\nname = "core"\nversion = "1.0"\n',
      `[packages.archive]\nurl = "https://example.com/monorepo-main.zip"\nsubdirectory = "libs/core"\nhashes = { sha256 = "${sha}" }\n`,
    ].join('\n');
    expect(() => readLockInput('pylock.toml', text, options)).toThrow(
      'subdirectory "libs/core" is not supported',
    );
  });

  it('uv.lock: refused when the package is selected', () => {
    const text = `
version = 1
[[package]]
name = "proj"
version = "0.1"
source = { virtual = "." }
dependencies = [{ name = "core" }]
[[package]]
name = "core"
version = "1.0"
source = { url = "https://example.com/monorepo-main.zip", subdirectory = "libs/core" }
sdist = { url = "https://example.com/monorepo-main.zip", hash = "sha256:${sha}" }
`;
    expect(() => readLockInput('uv.lock', text, options)).toThrow(
      'subdirectory "libs/core" is not supported',
    );
  });
});
