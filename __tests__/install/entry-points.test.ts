/**
 * entry-points.ts `scriptSpec` against distlib's own ENTRY_RE (pip 23.2's vendored copy, in a temp
 * venv), and linear time on a long name that does not match (review 1 of session 12).
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { makeVenv, venvRun } from '../helpers/python-venv.js';
import { timerTurn } from '../helpers/timer-turn.js';
import { scriptSpec } from '../../src/install/entry-points.js';

const work = mkdtempSync(join(tmpdir(), 'wh-entry-points-'));
let venv: string | undefined;
beforeAll(() => {
  venv = makeVenv(join(work, 'venv'));
}, 120_000);
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** [name, value] pairs whose name has runs that start, stop and restart. */
const CASES: Array<[string, string]> = [
  ['tool', 'pkg.cli:main'],
  ['x/tool', 'pkg:main'],
  ['a b', 'pkg:main'],
  ['tool-2.0+x', 'pkg.mod:main [extra]'],
  ['ab/', '!'],
  ['a/b/c', 'm:f'],
  ['.-+', 'm:f'],
  ['t', 'm'],
  ['t', 'm:f:g'],
  ['t', 'm.n:f.g [a, b=c]'],
  ['t', ' = m:f'],
  ['/', 'm:f'],
  ['naïve', 'mod:fn'],
];

describe('scriptSpec', () => {
  it("reads names and callables as distlib's ENTRY_RE does", () => {
    if (venv === undefined) {
      console.warn('skipped: no python3 with the venv module on this machine');
      return;
    }
    const texts = CASES.map(([name, value]) => `${name} = ${value}`);
    const code = [
      'import json, sys',
      'from pip._vendor.distlib.util import ENTRY_RE',
      `texts = json.loads(${JSON.stringify(JSON.stringify(texts))})`,
      'out = []',
      'for t in texts:',
      '    m = ENTRY_RE.search(t)',
      "    out.append(None if m is None else [m.group('name'), m.group('callable')])",
      'print(json.dumps(out))',
    ].join('\n');
    const distlib = JSON.parse(venvRun(venv, code)) as Array<[string, string] | null>;
    const ours = CASES.map(([name, value], i) => {
      try {
        const spec = scriptSpec({ group: 'console_scripts', name, value }, false);
        return [spec.name, `${spec.module}:${spec.attrs}`];
      } catch {
        // refused: distlib found no match, or its callable lacks exactly one ':' (pip refuses it)
        const m = distlib[i];
        return m === null || m === undefined || m[1].split(':').length !== 2 ? m : 'refused';
      }
    });
    expect(ours).toEqual(distlib);
    expect(distlib.filter((m) => m !== null).length).toBeGreaterThan(6);
  }, 60_000);

  // A name of 100,000 word characters then one the class does not take: a match tried from every
  // position of the run took ~9 s for 40,000 (so about a minute here, far beyond this test's
  // timeout); one try from the run's start takes milliseconds.
  it('is linear in the length of a name that does not match', async () => {
    for (const name of [`${'a'.repeat(100_000)}/`, `${'a.'.repeat(50_000)}/`]) {
      expect(() => scriptSpec({ group: 'console_scripts', name, value: '!' }, false)).toThrow(
        /invalid script entry point/,
      );
      await timerTurn();
    }
  }, 5_000);
});
