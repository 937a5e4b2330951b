/**
 * installer.ts opens a wheel without waiting: a FIFO put at a wheel's path after the fetch verified
 * the file (a hostile or confused process) is refused with the wheel's name, and the install ends
 * — a plain open(2) of a FIFO without a writer never returns. A temp venv, the real installer;
 * `settles` (helpers/fifo.ts) bounds the wait and releases a reader stuck in open(2).
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildWheel } from '../helpers/dists.js';
import { plantFifo, settles } from '../helpers/fifo.js';
import { makeVenv, venvPython } from '../helpers/python-venv.js';
import { openInstaller } from '../../src/install/installer.js';
import { probeInterpreter } from '../../src/install/interpreter.js';
import { WheelInstallError } from '../../src/install/wheel-plan.js';
import { silentLogger } from '../../src/util/logger.js';

const work = mkdtempSync(join(tmpdir(), 'wh-inst-fifo-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const wheel = buildWheel({ name: 'piped', version: '1.0', files: [{ path: 'piped/x.py', text: 'X = 1\n' }] });

let venv: string | undefined;
beforeAll(() => {
  venv = makeVenv(join(work, 'venv'), { withoutPip: true });
}, 120_000);

describe('a FIFO at a wheel path', () => {
  it.each([false, true])(
    'is refused without blocking (vouched for: %s)',
    async (vouched) => {
      if (venv === undefined || process.platform === 'win32') return;
      const interpreter = await probeInterpreter(venvPython(venv));
      if (!interpreter.isVirtualEnv) throw new Error('refusing to install outside a test venv');
      const path = plantFifo(join(work, `${vouched ? 'v' : 'h'}-${wheel.filename}`));
      const installer = await openInstaller({ interpreter, logger: silentLogger, workers: 0 });
      const added = installer.add({
        wheelPath: path,
        filename: wheel.filename,
        sha256: wheel.sha256,
        name: 'piped',
        version: '1.0',
        requested: true,
        // A stamp that cannot be the FIFO's: the installer must still look at what it opened.
        ...(vouched
          ? {
              verified: {
                sha256: wheel.sha256,
                size: String(wheel.bytes.length),
                dev: '0',
                ino: '0',
                mtimeNs: '0',
                ctimeNs: '0',
              },
            }
          : {}),
      });
      const outcome = await settles(
        added.then(
          () => 'installed' as const,
          (error: unknown) => error,
        ),
      );
      expect(outcome).toBeInstanceOf(WheelInstallError);
      expect(String((outcome as Error).message)).toContain(wheel.filename);
      expect(String((outcome as Error).message)).toContain('not a regular file');
      await settles(installer.finish().catch(() => undefined));
      expect(existsSync(join(interpreter.paths.purelib, 'piped'))).toBe(false);
      expect(readdirSync(interpreter.paths.purelib).filter((n) => n.startsWith('piped'))).toEqual([]);
    },
    120_000,
  );
});
