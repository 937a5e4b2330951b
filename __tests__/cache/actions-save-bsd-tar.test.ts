/**
 * Review 17c F4: on macOS @actions/cache 6 runs `gtar` when PATH has one and then adds GNU-only
 * options (`--delay-directory-restore`); the save's stand-in was written as both `tar` and `gtar`,
 * so on a macOS runner without GNU tar @actions/cache took the stand-in `gtar` for GNU tar and the
 * real tar behind it (bsdtar) refused the option: every save failed. The stand-in now takes the
 * name `gtar` only when the real tar is one (actions-tar-stand-in.ts `standInNames`).
 *
 * Run on Linux through the real @actions/cache save and the cache-service double, with the runner's
 * platform reported as `darwin` for the call (@actions/cache and realTar() read process.platform at
 * call time) and a BSD-like `tar` first on PATH: a script that refuses the GNU-only option as bsdtar
 * does and otherwise runs the machine's tar, recording each call.
 */
import { chmod, mkdir, mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { ActionsCacheBackend } from '../../src/cache/actions-cache-backend.js';
import { standInNames } from '../../src/cache/actions-tar-stand-in.js';
import { RecordingLogger } from '../../src/util/logger.js';
import { useActionsCache } from '../helpers/actions-cache-run.js';

let work: string;
let wheelhouse: string;
let undo: (() => void)[] = [];

beforeEach(async () => {
  work = await mkdtemp(join(tmpdir(), 'wh-bsd-tar-'));
  wheelhouse = join(work, 'workspace', 'wheelhouse');
  await mkdir(wheelhouse, { recursive: true });
  await writeFile(join(wheelhouse, 'a-1.0-py3-none-any.whl'), 'wheel a');
});
const ac = useActionsCache(() => work);
afterEach(async () => {
  for (const u of undo.reverse()) u();
  undo = [];
  await rm(work, { recursive: true, force: true });
});

/** Reports `platform` as process.platform and puts `dirs` before the machine's PATH, until afterEach. */
function asRunner(platform: NodeJS.Platform, dirs: string[]): void {
  const path = process.env['PATH'];
  const real = Object.getOwnPropertyDescriptor(process, 'platform')!;
  Object.defineProperty(process, 'platform', { ...real, value: platform });
  process.env['PATH'] = [...dirs, '/usr/bin', '/bin'].join(':');
  undo.push(() => {
    Object.defineProperty(process, 'platform', real);
    process.env['PATH'] = path;
  });
}

/** A `tar` that refuses GNU-only options as bsdtar does; otherwise the machine's tar. */
async function bsdLikeTar(dir: string, log: string): Promise<void> {
  await mkdir(dir, { recursive: true });
  const script = [
    '#!/bin/sh',
    `printf '%s\\n' "$*" >> '${log}'`,
    'for a in "$@"; do',
    '  case "$a" in --delay-directory-restore) echo "tar: Option $a is not supported" >&2; exit 1 ;; esac',
    'done',
    'exec /usr/bin/tar "$@"',
    '',
  ].join('\n');
  await writeFile(join(dir, 'tar'), script);
  await chmod(join(dir, 'tar'), 0o755);
}

const KEY = 'wheelhouse-v1-macos-arm64-cp312-0123456789abcdef0123456789abcdef';

describe('an Actions cache save on macOS', () => {
  it('without GNU tar: the save runs the BSD tar with its own options and is stored', async () => {
    const log = join(work, 'tar-calls');
    await bsdLikeTar(join(work, 'bsd'), log);
    asRunner('darwin', [join(work, 'bsd')]);
    const logger = new RecordingLogger();
    const result = await new ActionsCacheBackend(logger).save([wheelhouse], KEY);
    expect([result, logger.lines.filter((l) => l.level === 'warn').map((l) => l.message)]).toEqual([
      { saved: true },
      [],
    ]);
    expect(ac.service.entries()).toEqual([expect.objectContaining({ key: KEY, finalized: true })]);
    const calls = (await readFile(log, 'utf8')).trim().split('\n');
    expect(calls).toEqual([expect.stringContaining('-cf')]);
    expect(calls[0]).not.toContain('--delay-directory-restore');
  });

  it('with GNU tar as gtar: the stand-in is gtar too, and the save is stored', async () => {
    const log = join(work, 'tar-calls');
    await bsdLikeTar(join(work, 'bsd'), log);
    await mkdir(join(work, 'gnu'));
    await symlink('/usr/bin/tar', join(work, 'gnu', 'gtar'));
    asRunner('darwin', [join(work, 'bsd'), join(work, 'gnu')]);
    const result = await new ActionsCacheBackend(new RecordingLogger()).save([wheelhouse], KEY);
    expect(result).toEqual({ saved: true });
    expect(ac.service.entries()).toEqual([expect.objectContaining({ key: KEY, finalized: true })]);
    // GNU tar ran (given the GNU-only option), never the BSD-like tar.
    await expect(readFile(log, 'utf8')).rejects.toThrow(/ENOENT/);
  });

  it('stands in as gtar only for a real gtar', () => {
    expect(standInNames('/opt/homebrew/bin/gtar')).toEqual(['tar', 'gtar']);
    expect(standInNames('/usr/bin/tar')).toEqual(['tar']);
  });
});
