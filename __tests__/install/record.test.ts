/**
 * RECORD's CSV reader (src/install/record.ts): the fast path (a line without a quote split on
 * commas at once) reads exactly what the character-by-character reader reads, for any text; and
 * both read what Python's csv.reader reads from rows Python's csv.writer wrote (pip's RECORD
 * writer), with `\r\n` and `\n` line ends, quoted paths, blank lines — compared with the machine's
 * python3.
 */
import { describe, expect, it } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import fc from 'fast-check';
import { parseCsv, parseCsvByCharacter } from '../../src/install/record.js';
import { pipEnv } from './install-harness.js';

function outcome(read: (text: string) => string[][], text: string): string[][] | string {
  try {
    return read(text);
  } catch (error) {
    return (error as Error).message;
  }
}

const READER = [
  'import csv, io, json, sys',
  'cases = json.load(sys.stdin)',
  'out = []',
  'for rows, terminator in cases:',
  '    buf = io.StringIO()',
  '    csv.writer(buf, lineterminator=terminator).writerows(rows)',
  '    text = buf.getvalue()',
  "    out.append([text, list(csv.reader(io.StringIO(text, newline='')))])",
  'json.dump(out, sys.stdout)',
].join('\n');

describe('RECORD CSV reader', () => {
  it('reads any text the same with and without the fast path', () => {
    const text = fc
      .array(fc.constantFrom('a', 'b/c.py', ',', '"', '""', '\n', '\r', '\r\n', ' ', 'é', 'sha256=x'), {
        maxLength: 60,
      })
      .map((parts) => parts.join(''));
    fc.assert(
      fc.property(text, (t) => {
        expect(outcome(parseCsv, t)).toEqual(outcome(parseCsvByCharacter, t));
      }),
      { seed: 9, numRuns: 3000 },
    );
  });

  it("reads what Python's csv.writer wrote as Python's csv.reader does", () => {
    const field = fc
      .array(fc.constantFrom('a', 'pkg/', 'x.py', ',', '"', ' ', 'é', '\n', '=', '-'), { maxLength: 8 })
      .map((p) => p.join(''));
    const cases = fc.sample(
      fc.tuple(
        fc.array(fc.tuple(field, field, field), { minLength: 1, maxLength: 6 }),
        fc.constantFrom('\r\n', '\n'),
      ),
      { seed: 4, numRuns: 300 },
    );
    // A RECORD of realistic size, mostly plain rows, goes through the fast path.
    const big = Array.from({ length: 20_000 }, (_, i) => [
      `pkg/sub${i % 97}/mod_${i}.py`,
      `sha256=${'A'.repeat(43)}`,
      String(i * 7),
    ]);
    big[5] = ['pkg/with,comma.py', 'sha256=B', '1'];
    big[9] = ['pkg/"quoted".py', '', ''];
    cases.push([big as [string, string, string][], '\r\n']);
    const run = spawnSync('python3', ['-c', READER], {
      input: JSON.stringify(cases),
      encoding: 'utf8',
      env: pipEnv(),
      maxBuffer: 64 * 1024 * 1024,
    });
    if (run.error !== undefined && (run.error as NodeJS.ErrnoException).code === 'ENOENT') {
      console.warn('skipped: no python3 on this machine');
      return;
    }
    expect(run.status).toBe(0);
    const answers = JSON.parse(run.stdout) as [string, string[][]][];
    expect(answers).toHaveLength(cases.length);
    for (const [text, rows] of answers) {
      // Python's reader yields [] for a blank line; RECORD readers skip those, as pip does.
      const expected = rows.filter((r) => r.length > 0);
      expect(parseCsv(text)).toEqual(expected);
      expect(parseCsvByCharacter(text)).toEqual(expected);
    }
  });
});
