/**
 * The guard against pointing the wheelhouse at a directory full of other files: verification
 * deletes every file of the wheelhouse that is not part of the resolution, so the wheelhouse must
 * not be a file system root, the working directory, GITHUB_WORKSPACE or the home directory.
 *
 * Paths are compared the way the runner's file system compares names: Windows (NTFS) and macOS
 * (APFS/HFS+ by default) are case-insensitive, so `c:\users\me` and `C:\Users\Me` are one directory
 * there and must both be refused; Windows paths also go through `path.win32` (drive letters, `\`).
 */
import { posix, win32 } from 'node:path';

export interface WheelhouseGuardContext {
  cwd: string;
  env: Record<string, string | undefined>;
  platform?: NodeJS.Platform;
}

export function isDangerousWheelhouse(dir: string, ctx: WheelhouseGuardContext): boolean {
  const platform = ctx.platform ?? process.platform;
  const path = platform === 'win32' ? win32 : posix;
  const foldCase = platform === 'win32' || platform === 'darwin';
  const key = (p: string): string => {
    const abs = path.resolve(ctx.cwd, p);
    return foldCase ? abs.toLowerCase() : abs;
  };
  const abs = path.resolve(ctx.cwd, dir);
  if (path.dirname(abs) === abs) return true; // `/`, `C:\`, `\\server\share\`
  const home = ctx.env['HOME'] || ctx.env['USERPROFILE'];
  const forbidden = [ctx.cwd, ctx.env['GITHUB_WORKSPACE'], home].filter(
    (p): p is string => p !== undefined && p !== '',
  );
  return forbidden.some((p) => key(p) === key(abs));
}
