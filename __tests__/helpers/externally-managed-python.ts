/**
 * A throwaway "system" Python marked externally managed (PEP 668), never the machine's own: a copy
 * of the machine's python3.11 binary under `<dir>/bin` (also as `python3`), whose stdlib entries are
 * symbolic links to the real ones, with its own empty site-packages and an `EXTERNALLY-MANAGED`
 * file in its stdlib directory — not a virtual environment (`sys.prefix == sys.base_prefix`).
 * Undefined when the machine's python3 is not a real 3.11 install that such a copy can run from.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readdirSync, realpathSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface ExternallyManagedPython {
  /** `<dir>/bin/python3.11` */
  python: string;
  /** Its purelib: `<dir>/lib/python3.11/site-packages`, empty when made. */
  site: string;
}

export function externallyManagedPython(dir: string): ExternallyManagedPython | undefined {
  const probe = spawnSync(
    'python3',
    [
      '-c',
      'import sys, sysconfig; print(sys.executable); print(sysconfig.get_path("stdlib")); print(sys.version_info[:2] == (3, 11))',
    ],
    { encoding: 'utf8' },
  );
  const [exe, stdlib, is311] = probe.stdout.trim().split('\n');
  if (probe.status !== 0 || exe === undefined || stdlib === undefined || is311 !== 'True') return undefined;
  const lib = join(dir, 'lib', 'python3.11');
  mkdirSync(join(dir, 'bin'), { recursive: true });
  mkdirSync(join(lib, 'site-packages'), { recursive: true });
  const python = join(dir, 'bin', 'python3.11');
  copyFileSync(realpathSync(exe), python);
  symlinkSync('python3.11', join(dir, 'bin', 'python3'));
  for (const entry of readdirSync(stdlib))
    if (entry !== 'site-packages') symlinkSync(join(stdlib, entry), join(lib, entry));
  writeFileSync(join(lib, 'EXTERNALLY-MANAGED'), '[externally-managed]\nError=managed by the test\n');
  const check = spawnSync(
    python,
    ['-c', 'import sys, sysconfig; print(sys.prefix == sys.base_prefix, sysconfig.get_path("purelib"))'],
    { encoding: 'utf8' },
  );
  const site = join(lib, 'site-packages');
  if (check.status !== 0 || check.stdout.trim() !== `True ${site}`) return undefined;
  return { python, site };
}
