/**
 * Launchers made by the target interpreter's own pip-vendored distlib (issue 9 §2: Windows needs
 * `.exe` launchers, which are distlib's prebuilt launcher stubs with the script appended — not
 * something to re-create). One `python -c` run with the same ScriptMaker settings pip uses
 * (pip/_internal/operations/install/wheel.py: `ScriptMaker(None, scripts)`, `clobber = True`,
 * `variants = {""}`, `set_mode = True`, `{"gui": True}` for gui_scripts), writing into a directory
 * the caller owns; the caller stages the files like any other generated file. When the target has
 * no pip (so no distlib), this fails with a clear message and the wheel is not installed.
 */
import { spawn } from 'node:child_process';
import { readdir } from 'node:fs/promises';
import type { ScriptSpec } from './entry-points.js';
import type { Interpreter } from './interpreter.js';

export class DistlibLauncherError extends Error {
  override name = 'DistlibLauncherError';
}

const MAKER = String.raw`
import json, os, sys
from pip._vendor.distlib.scripts import ScriptMaker
request = json.load(sys.stdin)
maker = ScriptMaker(None, request["dir"])
maker.clobber = True
maker.variants = {""}
maker.set_mode = True
for spec in request["specs"]:
    maker.make(spec["spec"], {"gui": True} if spec["gui"] else None)
print("ok")
`;

/** Makes one launcher per spec in `dir` (which must exist and be empty); answers the file names. */
export async function makeLaunchersWithDistlib(
  interpreter: Interpreter,
  specs: readonly ScriptSpec[],
  dir: string,
  env: Record<string, string | undefined>,
): Promise<string[]> {
  const request = JSON.stringify({
    dir,
    specs: specs.map((s) => ({ spec: `${s.name} = ${s.module}:${s.attrs}`, gui: s.gui })),
  });
  await new Promise<void>((resolve, reject) => {
    const child = spawn(interpreter.executable, ['-c', MAKER], {
      env,
      stdio: ['pipe', 'pipe', 'pipe'],
      windowsHide: true,
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString('utf8')));
    child.stderr.on('data', (d: Buffer) => {
      if (err.length < 4096) err += d.toString('utf8');
    });
    child.on('error', (e) =>
      reject(new DistlibLauncherError(`cannot run ${interpreter.executable}: ${e.message}`)),
    );
    child.on('close', (code) => {
      if (code === 0 && out.trim() === 'ok') resolve();
      else {
        const last = err.trim().split('\n').slice(-1)[0] ?? '';
        reject(
          new DistlibLauncherError(
            `the target interpreter's pip (distlib) could not make the entry point launchers (${last || `exit ${code}`}); install pip into the target, or use --installer pip`,
          ),
        );
      }
    });
    child.stdin.on('error', () => {});
    child.stdin.end(request);
  });
  return (await readdir(dir)).sort();
}
