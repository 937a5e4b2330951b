/**
 * Script files as pip writes them (issue 9 §2).
 *
 * - Launchers for `console_scripts`/`gui_scripts`: pip's vendored distlib `ScriptMaker` with
 *   `variants = {""}` and `set_mode = True` writes, on POSIX, the shebang for `sys.executable`
 *   followed by distlib's SCRIPT_TEMPLATE (module import, `sys.argv[0]` cleanup, `sys.exit(func())`).
 *   distlib's `_build_shebang`: `#!<exe>` when the executable has no space and `#!` + exe + newline
 *   fits the kernel limit (127 bytes, 512 on macOS); otherwise a `/bin/sh` trampoline that re-execs
 *   the file with the interpreter (`#!/bin/sh` / `'''exec' "<exe>" "$0" "$@"` / `' '''`). An
 *   executable containing a space is quoted (`enquote_executable`).
 * - `.data/scripts` files whose first line starts with `#!python` (also `#!pythonw`): pip's
 *   `fix_script` replaces that whole first line with `#!<sys.executable>` + os.linesep. For
 *   executables that need the trampoline, pip's plain line is a broken script (pypa/pip#13389,
 *   open); wheelhouse writes distlib's trampoline there instead, so the script runs.
 * Windows `.exe` launchers are not produced here (the caller must not install wheels with entry
 * points into a Windows interpreter with this module).
 */

export interface ShebangTarget {
  /** `sys.executable` of the target interpreter. */
  executable: string;
  /** `sys.platform` of the target (`darwin` allows longer shebangs). */
  sysPlatform: string;
}

function enquote(executable: string): string {
  if (!executable.includes(' ')) return executable;
  if (executable.startsWith('/usr/bin/env ')) {
    const rest = executable.slice('/usr/bin/env '.length);
    return rest.includes(' ') && !rest.startsWith('"') ? `/usr/bin/env "${rest}"` : executable;
  }
  return executable.startsWith('"') ? executable : `"${executable}"`;
}

/** Whether distlib would use the plain `#!exe` form (byte length counted in UTF-8, as distlib does). */
function simpleShebang(exe: string, target: ShebangTarget): boolean {
  const max = target.sysPlatform === 'darwin' ? 512 : 127;
  return !exe.includes(' ') && Buffer.byteLength(exe, 'utf8') + 3 <= max;
}

/** The shebang block distlib writes for launchers, ending with a newline. */
export function launcherShebang(target: ShebangTarget): string {
  const exe = enquote(target.executable);
  if (simpleShebang(exe, target)) return `#!${exe}\n`;
  return `#!/bin/sh\n'''exec' ${exe} "$0" "$@"\n' '''\n`;
}

/** A console/gui launcher's whole text (POSIX), byte-identical to pip 23.2's. */
export function launcherText(module: string, attrs: string, target: ShebangTarget): string {
  const importName = attrs.split('.')[0] as string;
  return (
    launcherShebang(target) +
    '# -*- coding: utf-8 -*-\n' +
    'import re\n' +
    'import sys\n' +
    `from ${module} import ${importName}\n` +
    "if __name__ == '__main__':\n" +
    "    sys.argv[0] = re.sub(r'(-script\\.pyw|\\.exe)?$', '', sys.argv[0])\n" +
    `    sys.exit(${attrs}())\n`
  );
}

const HASHBANG_PYTHON = Buffer.from('#!python');

/** Whether a script's first bytes start with `#!python` (pip's test, on bytes). */
export function needsShebangFix(head: Uint8Array): boolean {
  return head.length >= HASHBANG_PYTHON.length && Buffer.from(head.subarray(0, 8)).equals(HASHBANG_PYTHON);
}

/**
 * pip's `fix_script` on the whole file: replace the first line (through its `\n`) by the target
 * interpreter's shebang. Answers the new bytes.
 */
export function fixScript(content: Uint8Array, target: ShebangTarget, linesep = '\n'): Buffer {
  const nl = content.indexOf(0x0a);
  const rest = nl < 0 ? Buffer.alloc(0) : Buffer.from(content.subarray(nl + 1));
  const exe = target.executable;
  const first = simpleShebang(enquote(exe), target)
    ? `#!${exe}${linesep}`
    : `#!/bin/sh\n'''exec' ${enquote(exe)} "$0" "$@"\n' '''${linesep}`;
  return Buffer.concat([Buffer.from(first, 'utf8'), rest]);
}
