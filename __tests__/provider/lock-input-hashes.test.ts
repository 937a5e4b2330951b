/**
 * Review 18a F3: a lock's sha256 that is not 64 hex digits is an input error naming the lock file
 * and the package (uv refuses such a uv.lock when it parses it), not an internal error at the
 * writer or a cache-key message.
 */
import { describe, expect, it } from '@jest/globals';
import { readLockInput } from '../../src/provider/lock-input.js';
import { targetEnvironment } from '../../src/provider/target.js';
import { LockFileError } from '../../src/standards/lock-files.js';

const options = {
  target: targetEnvironment({ pythonVersion: '3.11', os: 'linux', arch: 'x86_64' }),
  selection: { extras: [], allExtras: false, groups: [] },
  mayUseWheel: () => true,
  mayUseSdist: () => true,
};

const uvLock = (hash: string) =>
  [
    'version = 1',
    'requires-python = ">=3.8"',
    '[[package]]',
    'name = "app"',
    'version = "0.1"',
    'source = { virtual = "." }',
    'dependencies = [{ name = "eee" }]',
    '[[package]]',
    'name = "eee"',
    'version = "1.0"',
    'source = { registry = "https://x.invalid/simple" }',
    `wheels = [{ url = "https://x.invalid/eee-1.0-py3-none-any.whl", hash = "${hash}" }]`,
    '',
  ].join('\n');

describe('lock sha256 digests (review 18a F3)', () => {
  it.each(['sha256:6da20807c7', `sha256:${'a'.repeat(63)}`, `sha256:${'a'.repeat(65)}`])(
    'uv.lock %s: refused naming the file and the package',
    (hash) => {
      const read = () => readLockInput('uv.lock', uvLock(hash), options);
      expect(read).toThrow(LockFileError);
      expect(read).toThrow('uv.lock');
      expect(read).toThrow('package eee 1.0: eee-1.0-py3-none-any.whl: sha256');
      expect(read).toThrow('is not a sha256 digest (64 hex digits)');
    },
  );

  it('a 64-digit digest (either case) is read', () => {
    const got = readLockInput('uv.lock', uvLock(`sha256:${'AB'.repeat(32)}`), options);
    expect(got.resolution.packages.map((p) => p.file.sha256.toLowerCase())).toEqual(['ab'.repeat(32)]);
  });
});
