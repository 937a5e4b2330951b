import { homedir } from 'node:os';
import { posix, win32 } from 'node:path';

/**
 * The per-user cache directory of wheelhouse, following each platform's convention:
 * - Linux and other Unix: `$XDG_CACHE_HOME/wheelhouse`, else `~/.cache/wheelhouse`
 *   (XDG Base Directory Specification: a relative XDG_CACHE_HOME is invalid and ignored);
 * - macOS: `~/Library/Caches/wheelhouse`;
 * - Windows: `%LOCALAPPDATA%\wheelhouse\Cache`, else `~\AppData\Local\wheelhouse\Cache`.
 *
 * Paths are built with the path module of `platform` (not the host's), so the answer for a given
 * platform is the same whichever OS computes it. On Unix and macOS the home is `env.HOME` when set
 * (what `os.homedir()` reads from the process's own environment; the env handed in wins, as for
 * netrc.ts), else the account's home directory.
 */
export function defaultCacheDir(
  env: Record<string, string | undefined> = process.env,
  platform: NodeJS.Platform = process.platform,
  home: string = platform !== 'win32' && env['HOME'] ? env['HOME'] : homedir(),
): string {
  if (platform === 'win32') {
    const local = env['LOCALAPPDATA'];
    return win32.join(
      local && local !== '' ? local : win32.join(home, 'AppData', 'Local'),
      'wheelhouse',
      'Cache',
    );
  }
  if (platform === 'darwin') return posix.join(home, 'Library', 'Caches', 'wheelhouse');
  const xdg = env['XDG_CACHE_HOME'];
  if (xdg && posix.isAbsolute(xdg)) return posix.join(xdg, 'wheelhouse');
  return posix.join(home, '.cache', 'wheelhouse');
}
