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
 * platform is the same whichever OS computes it.
 */
export function defaultCacheDir(
  env: Record<string, string | undefined> = process.env,
  platform: NodeJS.Platform = process.platform,
  home: string = homedir(),
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
