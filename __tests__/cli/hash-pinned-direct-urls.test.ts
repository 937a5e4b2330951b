/**
 * `name @ url` requirements with `--hash` pins: every pin counts (pip accepts a file matching any
 * of several `--hash` values), and the bytes of the direct URL are checked against the pins. Only
 * sha256 is computed from the bytes, so a direct URL pinned only by sha384/sha512 is refused with
 * that reason rather than accepted unchecked.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { startIndexServer, type IndexServer } from '../helpers/index-server.js';
import { serveFixture, writeRequirements } from '../helpers/fetch-fixture.js';
import { runCliCaptured } from '../helpers/cli-capture.js';

let server: IndexServer;
let work: string;
const APP = 'app-1.0-py3-none-any.whl';
const OTHERS = ['lib', 'util', 'big'];

beforeAll(async () => {
  server = await startIndexServer({ modes: { noHashes: true, noJson: true } });
  serveFixture(server);
});

afterAll(async () => {
  await server.close();
});

beforeEach(async () => {
  server.reset();
  work = await mkdtemp(join(tmpdir(), 'wh-hash-direct-'));
});

afterEach(async () => {
  await rm(work, { recursive: true, force: true });
});

function resolveArgs(): string[] {
  return [
    'resolve',
    '-r',
    'requirements.txt',
    '--no-index',
    ...OTHERS.flatMap((p) => ['--find-links', `${server.origin}/simple/${p}/`]),
    '--python-version',
    '3.12',
    '--platform',
    'manylinux_2_17_x86_64',
    '--lock',
    'out.lock',
  ];
}

function cli(argv: string[]) {
  return runCliCaptured(argv, { env: { HOME: work }, cwd: work });
}

const appUrl = (): string => `${server.origin}/files/${APP}`;

describe('--hash pins on a direct URL requirement', () => {
  it('accepts a file matching the second of two sha256 pins, and locks that hash', async () => {
    const right = server.sha256(APP) as string;
    await writeRequirements(work, [
      `app @ ${appUrl()} --hash=sha256:${'0'.repeat(64)} --hash=sha256:${right}`,
    ]);
    const r = await cli(resolveArgs());
    expect(r.stderr).not.toContain('internal error');
    expect(r.code).toBe(0);
    const lock = await readFile(join(work, 'out.lock'), 'utf8');
    expect(lock).toContain(`--hash=sha256:${right}`);
    expect(lock).not.toContain('0'.repeat(64));
  });

  it('refuses a file matching none of its sha256 pins, naming the pins and the actual hash', async () => {
    const wrong = ['ab'.repeat(32), 'cd'.repeat(32)];
    await writeRequirements(work, [`app @ ${appUrl()} ${wrong.map((h) => `--hash=sha256:${h}`).join(' ')}`]);
    const r = await cli(resolveArgs());
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('does not match the --hash values');
    expect(r.stderr).toContain(`expected sha256 one of ${wrong.join(', ')}`);
    expect(r.stderr).toContain(`got      sha256 ${server.sha256(APP) as string}`);
    await expect(readFile(join(work, 'out.lock'), 'utf8')).rejects.toThrow(/ENOENT/);
  });

  it('refuses a direct URL pinned only by sha512 (it cannot be checked) instead of accepting it', async () => {
    // Not the file's sha512: before the fix this pin was taken as the file's declared hash and
    // the file was accepted without its bytes ever being compared with it.
    await writeRequirements(work, [`app @ ${appUrl()} --hash=sha512:${'ef'.repeat(64)}`]);
    const r = await cli(resolveArgs());
    expect(r.code).not.toBe(0);
    expect(r.stderr).not.toContain('internal error');
    expect(r.stderr).toContain('only a sha256 can be computed');
    await expect(readFile(join(work, 'out.lock'), 'utf8')).rejects.toThrow(/ENOENT/);
  });
});
