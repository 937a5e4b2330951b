/**
 * `name @ url` requirements with `--hash` pins: every pin counts (pip accepts a file matching any
 * of several `--hash` values), and the bytes of the direct URL are checked against the pins. Only
 * sha256 is computed from the bytes, so a direct URL pinned only by sha384/sha512 is refused with
 * that reason rather than accepted unchecked.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { writeRequirements } from '../helpers/fetch-fixture.js';
import { findLinkArgs, TARGET, useUnhashedFixture } from './unhashed-fixture.js';

const fx = useUnhashedFixture({ prefix: 'wh-hash-direct-' });
const { cli } = fx;
const APP = 'app-1.0-py3-none-any.whl';
const OTHERS = ['lib', 'util', 'big'];

function resolveArgs(): string[] {
  return [
    'resolve',
    '-r',
    'requirements.txt',
    '--no-index',
    ...findLinkArgs(fx.server.origin, OTHERS),
    ...TARGET,
    // A `--hash` turns pip's hash-checking mode on (require-hashes.test.ts): app's dependencies,
    // unhashed here, would be refused. What is tested is the direct URL's own pins.
    '--no-deps',
    '--lock',
    'out.lock',
  ];
}

const appUrl = (): string => `${fx.server.origin}/files/${APP}`;

describe('--hash pins on a direct URL requirement', () => {
  it('accepts a file matching the second of two sha256 pins, and locks that hash', async () => {
    const right = fx.server.sha256(APP) as string;
    await writeRequirements(fx.work, [
      `app @ ${appUrl()} --hash=sha256:${'0'.repeat(64)} --hash=sha256:${right}`,
    ]);
    const r = await cli(resolveArgs());
    expect(r.stderr).not.toContain('internal error');
    expect(r.code).toBe(0);
    const lock = await readFile(join(fx.work, 'out.lock'), 'utf8');
    expect(lock).toContain(`--hash=sha256:${right}`);
    expect(lock).not.toContain('0'.repeat(64));
  });

  it('refuses a file matching none of its sha256 pins, naming the pins and the actual hash', async () => {
    const wrong = ['ab'.repeat(32), 'cd'.repeat(32)];
    await writeRequirements(fx.work, [
      `app @ ${appUrl()} ${wrong.map((h) => `--hash=sha256:${h}`).join(' ')}`,
    ]);
    const r = await cli(resolveArgs());
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('does not match the --hash values');
    expect(r.stderr).toContain(`expected sha256 one of ${wrong.join(', ')}`);
    expect(r.stderr).toContain(`got      sha256 ${fx.server.sha256(APP) as string}`);
    await expect(readFile(join(fx.work, 'out.lock'), 'utf8')).rejects.toThrow(/ENOENT/);
  });

  it('refuses a direct URL pinned only by sha512 (it cannot be checked) instead of accepting it', async () => {
    // Not the file's sha512: before the fix this pin was taken as the file's declared hash and
    // the file was accepted without its bytes ever being compared with it.
    await writeRequirements(fx.work, [`app @ ${appUrl()} --hash=sha512:${'ef'.repeat(64)}`]);
    const r = await cli(resolveArgs());
    expect(r.code).not.toBe(0);
    expect(r.stderr).not.toContain('internal error');
    expect(r.stderr).toContain('only a sha256 can be computed');
    await expect(readFile(join(fx.work, 'out.lock'), 'utf8')).rejects.toThrow(/ENOENT/);
  });
});
