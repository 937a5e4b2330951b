import { homedir } from 'node:os';
import { join, win32 } from 'node:path';

/**
 * The per-user cache directory of wheelhouse, following each platform's convention:
 * - Linux and other Unix: `$XDG_CACHE_HOME/wheelhouse`, else `~/.cache/wheelhouse`
 *   (XDG Base Directory Specification: a relative XDG_CACHE_HOME is invalid and ignored);
 * - macOS: `~/Library/Caches/wheelhouse`;
 * - Windows: `%LOCALAPPDATA%\wheelhouse\Cache`, else `~\AppData\Local\wheelhouse\Cache`.
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
  if (platform === 'darwin') return join(home, 'Library', 'Caches', 'wheelhouse');
  const xdg = env['XDG_CACHE_HOME'];
  if (xdg && xdg.startsWith('/')) return join(xdg, 'wheelhouse');
  return join(home, '.cache', 'wheelhouse');
}
