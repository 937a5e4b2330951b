/**
 * The CLI's wiring of two pip settings (review 15a F6 part 3, F15): `wheelhouse install` reads
 * the target interpreter's site pip.conf (`<sys.prefix>/pip.conf`, here a virtual environment
 * that is not activated), and `--no-cache-dir` reaches the build frontend's pip (prepare's
 * noCacheDir → PIP_NO_CACHE_DIR, whose effect on the real pip __tests__/flow/build-context-env.test.ts
 * checks).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { parseArgs } from '../../src/cli/args.js';
import { prepareOptions } from '../../src/cli/prepare-options.js';
import { silentLogger } from '../../src/util/logger.js';
import { runCliCaptured } from '../helpers/cli-capture.js';
import { makeVenv, venvPython } from '../helpers/python-venv.js';

let work: string;
let venv: string | undefined;
beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'wh-cli-site-'));
  venv = makeVenv(join(work, 'venv'), { withoutPip: true });
}, 120_000);
afterAll(() => rmSync(work, { recursive: true, force: true }));

// pip's configuration files outside `work` (the machine's /etc/pip.conf) read as absent.
const outside = (p: string): Promise<never> =>
  Promise.reject(Object.assign(new Error(`not read: ${p}`), { code: 'ENOENT' }));
const pipConfigFs = {
  readFile: (p: string, enc: 'utf8') => (p.startsWith(work) ? readFile(p, enc) : outside(p)),
  stat: (p: string) => (p.startsWith(work) ? stat(p) : outside(p)),
};

describe('the CLI and pip settings', () => {
  it("install reads the target interpreter's site pip.conf (a venv that is not activated)", async () => {
    if (venv === undefined) throw new Error('python3 -m venv is needed');
    // A setting install refuses: the error names the file it came from, so it was read.
    writeFileSync(join(venv, 'pip.conf'), '[install]\ntarget = /elsewhere\n');
    writeFileSync(join(work, 'req.txt'), 'demo\n');
    const run = await runCliCaptured(
      ['install', '--python', venvPython(venv), '--no-index', '-f', work, '-r', 'req.txt'],
      { env: { HOME: join(work, 'home'), PIP_CONFIG_FILE: join(work, 'none.conf') }, cwd: work, pipConfigFs },
    );
    expect(run.stderr).toContain(`${join(venv, 'pip.conf')} [install] target: pip setting not supported`);
    expect(run.code).toBe(2);
  }, 120_000);

  it('--no-cache-dir is handed to the build frontend (PrepareOptions.noCacheDir)', async () => {
    const parse = (argv: string[]) => {
      const request = parseArgs(argv);
      if (request.kind !== 'run') throw new Error('not a run');
      return request.args;
    };
    const io = { env: {}, cwd: work } as never;
    const config = { files: [] };
    expect(
      (
        await prepareOptions(
          parse(['fetch', '--no-cache-dir', '--dest', 'wh', '-r', 'req.txt']),
          io,
          silentLogger,
          config,
        )
      ).noCacheDir,
    ).toBe(true);
    expect(
      (await prepareOptions(parse(['fetch', '--dest', 'wh', '-r', 'req.txt']), io, silentLogger, config))
        .noCacheDir,
    ).toBeUndefined();
  });
});
