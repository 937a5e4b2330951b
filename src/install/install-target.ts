/**
 * Whether wheelhouse may install into an interpreter at all — decided before anything is changed
 * (issue 9 §1): PEP 668 (an externally managed interpreter is refused, as pip refuses it, unless
 * the user passes --break-system-packages), and the scheme directories must be writable — proved
 * by creating and removing a probe in each (access(2) says yes to root even on read-only mounts).
 * The probe also measures the process umask, which decides the modes pip would give new files.
 */
import { lstat, mkdir, mkdtemp, readdir, rm, rmdir, stat, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { Interpreter } from './interpreter.js';

export class InstallTargetError extends Error {
  override name = 'InstallTargetError';
  constructor(
    /** The interpreter command. */
    readonly python: string,
    detail: string,
  ) {
    super(`cannot install into ${python}: ${detail}`);
  }
}

/** The nearest existing directory at or above `dir`. */
async function existingAncestor(dir: string): Promise<string> {
  for (let d = dir; ; d = dirname(d)) {
    try {
      if ((await stat(d)).isDirectory()) return d;
    } catch {
      // keep climbing
    }
    if (d === dirname(d)) return d;
  }
}

/** mkdtemp's name of a probe (6 random characters). */
const PROBE = /^\.wheelhouse-probe-[A-Za-z0-9]{6}$/;
/** A probe lives for milliseconds: one this old is a killed run's, never a live run's. */
const PROBE_LEFTOVER_MS = 10 * 60 * 1000;

/**
 * Removes the probes of runs killed between making and removing theirs (nothing else ever
 * would: a `.wheelhouse-probe-*` directory stayed in site-packages and the scripts directory for
 * good). Only what a probe can be: a real directory of this user, by mkdtemp's name, older than
 * any live probe, holding nothing or just the empty `mode` file.
 */
async function removeProbeLeftovers(dir: string): Promise<void> {
  const names = await readdir(dir).catch(() => [] as string[]);
  const uid = process.getuid?.();
  for (const name of names) {
    if (!PROBE.test(name)) continue;
    const path = join(dir, name);
    const st = await lstat(path).catch(() => undefined);
    if (st?.isDirectory() !== true || (uid !== undefined && st.uid !== uid)) continue;
    if (Date.now() - st.mtimeMs < PROBE_LEFTOVER_MS) continue;
    const inside = await readdir(path).catch(() => undefined);
    if (inside === undefined || inside.length > 1 || (inside.length === 1 && inside[0] !== 'mode')) continue;
    if (inside.length === 1) {
      const mode = await lstat(join(path, 'mode')).catch(() => undefined);
      if (mode?.isFile() !== true || mode.size !== 0) continue;
      await rm(join(path, 'mode'), { force: true });
    }
    await rmdir(path).catch(() => undefined);
  }
}

export interface TargetCheck {
  umask: number;
  /** Whether site-packages' file system ignores case (macOS APFS default, Windows NTFS). */
  caseInsensitive: boolean;
}

export async function checkInstallTarget(
  interpreter: Interpreter,
  breakSystemPackages: boolean,
): Promise<TargetCheck> {
  if (interpreter.externallyManaged && !breakSystemPackages) {
    const why = interpreter.externallyManagedMessage?.trim();
    throw new InstallTargetError(
      interpreter.command,
      `the environment is externally managed (PEP 668); use a virtual environment, or override with --break-system-packages (the action's break-system-packages: true input), PIP_BREAK_SYSTEM_PACKAGES=1 or break-system-packages = true in pip.conf` +
        (why ? `. Its EXTERNALLY-MANAGED file says: ${why}` : ''),
    );
  }
  const { purelib, platlib, scripts } = interpreter.paths;
  let umask: number | undefined;
  let caseInsensitive = false;
  for (const dir of [...new Set([purelib, platlib, scripts])]) {
    const base = await existingAncestor(dir);
    let probe: string | undefined;
    try {
      if (base !== dir) await mkdir(dir, { recursive: true });
      probe = await mkdtemp(join(dir, '.wheelhouse-probe-'));
      if (umask === undefined) {
        const file = join(probe, 'mode');
        await writeFile(file, '', { mode: 0o777 });
        umask = 0o777 & ~(await stat(file)).mode;
        // The file system of site-packages ignores case when `MODE` names the file just made.
        caseInsensitive = await lstat(join(probe, 'MODE')).then(
          () => true,
          () => false,
        );
      }
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      throw new InstallTargetError(
        interpreter.command,
        `${dir} is not writable (${code ?? (error as Error).message})${code === 'EACCES' || code === 'EPERM' ? '; run as a user who owns the environment, or use a virtual environment' : ''}`,
      );
    } finally {
      if (probe !== undefined) await rm(probe, { recursive: true, force: true });
    }
    await removeProbeLeftovers(dir);
  }
  return { umask: umask ?? 0o022, caseInsensitive };
}
