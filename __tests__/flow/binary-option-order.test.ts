/**
 * `--only-binary` / `--no-binary` applied one after another in pip's order, never as two lists
 * (review 15a F2, F12). pip 23.2 runs the FormatControl callback of each value in turn: on the
 * command line in argv order (optparse), in its configuration for every item of the merged
 * `[global]` section, then `[install]`, then the PIP_* variables (ConfigOptionParser.
 * _get_ordered_configuration_items / _update_defaults). Checked with pip 23.2.1 by the reviewer
 * (/work/notes/s15/review-15a.md F2, F12) and asked of the real pip below.
 */
import { describe, expect, it } from '@jest/globals';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from '../../src/cli/args.js';
import { effectiveFinder } from '../../src/flow/finder-options.js';
import { readPipConfig } from '../../src/flow/pip-config.js';
import { mayUseSdist, mayUseWheel } from '../../src/standards/requirements-file-binary.js';
import type { NormalizedName } from '../../src/standards/names.js';
import { defaultOptions } from '../../src/standards/requirements-file-options.js';

const FOO = 'foo' as NormalizedName;
const BAR = 'bar' as NormalizedName;

/** pip's own format control for `argv` of `pip install` under `env`: [only_binary, no_binary]. */
function pipFormatControl(argv: string[], env: Record<string, string>): [string[], string[]] {
  const out = execFileSync(
    'python3',
    [
      '-c',
      'import json, sys\nfrom pip._internal.commands import create_command\nc = create_command("install"); o, _ = c.parse_args(sys.argv[1:])\nprint(json.dumps([sorted(o.format_control.only_binary), sorted(o.format_control.no_binary)]))',
      ...argv,
    ],
    { env: { PATH: process.env['PATH'] ?? '', ...env }, encoding: 'utf8' },
  );
  return JSON.parse(out) as [string[], string[]];
}

describe('command line: argv order (F12)', () => {
  it('--no-binary :all: --only-binary foo keeps foo wheel-only, as pip', () => {
    const argv = ['--no-binary', ':all:', '--only-binary', 'foo'];
    expect(pipFormatControl(argv, { PIP_CONFIG_FILE: '/dev/null' })).toEqual([['foo'], [':all:']]);
    const request = parseArgs(['resolve', ...argv, '-r', 'r.txt']);
    if (request.kind !== 'run') throw new Error('not a run');
    const f = effectiveFinder(defaultOptions(), request.args);
    expect([mayUseWheel(f, FOO), mayUseSdist(f, FOO)]).toEqual([true, false]);
    expect([mayUseWheel(f, BAR), mayUseSdist(f, BAR)]).toEqual([false, true]);
  });
});

describe('configuration: [global], [install], PIP_* each applied in turn (F2)', () => {
  const scenarios: [string, string, Record<string, string>][] = [
    [
      '[global] only-binary=foo + [install] only-binary=bar',
      '[global]\nonly-binary = foo\n[install]\nonly-binary = bar\n',
      {},
    ],
    [
      '[global] no-binary=:all: + PIP_ONLY_BINARY=foo',
      '[global]\nno-binary = :all:\n',
      { PIP_ONLY_BINARY: 'foo' },
    ],
  ];
  it.each(scenarios)('%s: the same formats as pip', async (_name, conf, vars) => {
    const dir = mkdtempSync(join(tmpdir(), 'fix15a-f2-'));
    try {
      const file = join(dir, 'pip.conf');
      writeFileSync(file, conf);
      const env = { PIP_CONFIG_FILE: file, ...vars };
      const [pipOnly, pipNo] = pipFormatControl([], { ...env, HOME: dir });
      const config = await readPipConfig({
        env,
        platform: 'linux',
        readFile: async (p) => (p === file ? conf : undefined),
        isDirectory: async () => false,
      });
      const f = effectiveFinder(defaultOptions(), {}, config);
      for (const name of [FOO, BAR]) {
        const expected = pipOnly.includes(name)
          ? [true, false]
          : pipNo.includes(name) || pipNo.includes(':all:')
            ? [false, true]
            : [true, true];
        expect([name, mayUseWheel(f, name), mayUseSdist(f, name)]).toEqual([name, ...expected]);
      }
      // foo is wheel-only in both scenarios (the defect: buildable from its sdist).
      expect(mayUseSdist(f, FOO)).toBe(false);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
