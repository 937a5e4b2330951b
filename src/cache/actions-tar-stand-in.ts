/**
 * A stand-in for the `tar` @actions/cache 6 runs (lib/internal/tar.js): it finds `tar` (`gtar` first
 * on macOS) through PATH at call time (@actions/io `which`), so for the length of one
 * restoreCache/saveCache call a private directory stands first on PATH whose `tar` (and `gtar`) is a
 * script of wheelhouse's. The restore's keeps the downloaded archive aside for checking
 * (actions-archive-guard.ts); the save's gives tar the list of wheelhouse's own files
 * (actions-save-files.ts). One call at a time per process: PATH is the process's.
 *
 * On Windows @actions/cache takes its tar by a fixed path, not PATH: no stand-in is used there.
 */
import { access, chmod, constants, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, delimiter, join } from 'node:path';

let queue: Promise<unknown> = Promise.resolve();

/**
 * Runs `fn` in a private directory made for it (removed afterwards, whatever `fn` left there),
 * after every earlier call of this process has ended.
 */
export function inStandInDir<T>(fn: (dir: string) => Promise<T>): Promise<T> {
  const run = queue.then(async () => {
    // The runner's own temporary directory first: a /tmp mounted noexec cannot run the stand-in
    // (review 15e F10); RUNNER_TEMP lives in the runner's work directory.
    const dir = await mkdtemp(join(process.env['RUNNER_TEMP'] || tmpdir(), 'wheelhouse-tar-'));
    try {
      return await fn(dir);
    } finally {
      // A directory this call made with mkdtemp, holding only what wheelhouse put there.
      await rm(dir, { recursive: true, force: true });
    }
  });
  queue = run.catch(() => undefined);
  return run;
}

/**
 * The names a stand-in running `tar` (the real tar, realTar()) takes: `tar`, and `gtar` only when
 * that real tar is a `gtar`. On macOS @actions/cache takes a `gtar` on PATH for GNU tar and gives it
 * GNU-only options (`--delay-directory-restore`); a stand-in `gtar` in front of a BSD tar (a macOS
 * runner without GNU tar) made every save fail with bsdtar's "Option --delay-directory-restore is
 * not supported" (review 17c F4). Without a `gtar` stand-in @actions/cache finds the `tar` one and
 * gives it BSD tar's options, which the real tar then receives.
 */
export function standInNames(tar: string): string[] {
  return basename(tar) === 'gtar' ? ['tar', 'gtar'] : ['tar'];
}

/**
 * Runs `call` (one @actions/cache call) with `script` first on PATH under `names` (both `tar` and
 * `gtar` unless told otherwise: the restore's stand-in runs no tar).
 */
export async function withStandInTar<T>(
  dir: string,
  script: string,
  call: () => Promise<T>,
  names: readonly string[] = ['tar', 'gtar'],
): Promise<T> {
  for (const name of names) {
    await writeFile(join(dir, name), script, { flag: 'wx', mode: 0o700 });
    await chmod(join(dir, name), 0o700);
  }
  const path = process.env['PATH'];
  process.env['PATH'] = path === undefined ? dir : `${dir}${delimiter}${path}`;
  try {
    return await call();
  } finally {
    if (path === undefined) delete process.env['PATH'];
    else process.env['PATH'] = path;
  }
}

/** `text` quoted for a POSIX shell script. */
export function shellQuoted(text: string): string {
  return `'${text.replaceAll("'", `'\\''`)}'`;
}

/**
 * The tar @actions/cache itself would run (before a stand-in is put first on PATH): `gtar` on
 * macOS when there is one, else `tar`; undefined when PATH has none.
 */
export async function realTar(): Promise<string | undefined> {
  const names = process.platform === 'darwin' ? ['gtar', 'tar'] : ['tar'];
  const dirs = (process.env['PATH'] ?? '').split(delimiter).filter((d) => d !== '');
  for (const name of names) {
    for (const dir of dirs) {
      const path = join(dir, name);
      const found = await access(path, constants.X_OK).then(
        () => true,
        () => false,
      );
      if (found) return path;
    }
  }
  return undefined;
}
