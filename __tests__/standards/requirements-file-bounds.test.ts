/**
 * Requirement files cost time and memory linear in what they hold, with bounds per file, per
 * line and per include tree (docs/reliability.md, "Memory and time are bounded"); each file is
 * parsed once per mode however often it is included.
 */
import { describe, expect, it } from '@jest/globals';
import {
  collectRequirementsFile,
  parseRequirementsFile,
  type ParseRequirementsFileOptions,
} from '../../src/standards/requirements-file.js';
import { MAX_PROBLEMS, MAX_QUOTED_CHARS } from '../../src/standards/requirements-file-problem-log.js';

/** An in-memory file system that records every read. */
function memoryIo(files: Record<string, string>) {
  const reads: string[] = [];
  return {
    reads,
    readFile: async (path: string): Promise<string> => {
      reads.push(path);
      const content = files[path];
      if (content === undefined) throw new Error(`ENOENT: no such file or directory, open '${path}'`);
      return content;
    },
  };
}

async function problems(files: Record<string, string>, options: ParseRequirementsFileOptions = {}) {
  const io = memoryIo(files);
  const { result, problems } = await collectRequirementsFile('r.txt', io, options);
  return { result, io, shown: problems.map((p) => `${p.file}:${p.line}: ${p.message}`) };
}

describe('requirement file bounds', () => {
  it('parses a 100,000-line file (one project per line) completely', async () => {
    const text = Array.from({ length: 100_000 }, (_, i) => `pkg${i}==1.${i % 7}`).join('\n');
    const result = await parseRequirementsFile('big.txt', memoryIo({ 'big.txt': text }));
    expect(result.requirements).toHaveLength(100_000);
    expect(result.requirements[99_999]!.source).toEqual({ file: 'big.txt', line: 100_000, column: 1 });
  });

  it('keeps positions exact across continuations and comments (compact position runs)', async () => {
    const text = 'a==1 \\\n  --hash=sha256:zz\n# c\nb==2 # note\n   c  \\\n\n';
    const { io, ...rest } = await problems({ 'r.txt': text });
    void io;
    expect(rest.shown).toEqual(['r.txt:2: sha256 digest is not hexadecimal']);
    const { problems: found } = await collectRequirementsFile('r.txt', memoryIo({ 'r.txt': text }));
    // `--hash=` starts at column 3 of line 2; the value at column 10.
    expect(found.map((p) => [p.line, p.column])).toEqual([[2, 10]]);
    const { result } = await problems({ 'r.txt': 'x==1\n\n  y==2 \\\n   ; python_version>"3"\n' });
    expect(result.requirements.map((r) => r.source)).toEqual([
      { file: 'r.txt', line: 1, column: 1 },
      { file: 'r.txt', line: 3, column: 3 },
    ]);
  });

  it('refuses a file over the size limit, naming it (and the including line)', async () => {
    const { shown } = await problems(
      { 'r.txt': 'a\n-r big.txt\n', 'big.txt': 'b\n'.repeat(600) },
      { limits: { fileChars: 1000 } },
    );
    expect(shown).toEqual(['r.txt:2: requirements file "big.txt" has 1200 characters, over the 1000 limit']);
  });

  it('refuses a line over the line limit with file:line, and goes on with the next lines', async () => {
    const { shown, result } = await problems(
      { 'r.txt': `a\n${'x'.repeat(5000)}\nb\n` },
      { limits: { lineChars: 4096 } },
    );
    expect(shown).toEqual(['r.txt:2: line of 5000 characters, over the 4096 limit']);
    expect(result.requirements.map((r) => r.requirement.name)).toEqual(['a', 'b']);
  });

  it('refuses a line whose ${VAR}s would expand past the line limit before expanding it', async () => {
    // 2,000 × ${BIG} of 1,000 characters: 2,000,000 once expanded, from a 14 KB line.
    const line = 'pkg==1.0 ; python_version == "' + '${BIG}'.repeat(2000) + '"';
    const { shown, result } = await problems(
      { 'r.txt': `a\n${line}\nb\n` },
      { env: { BIG: 'x'.repeat(1000) }, limits: { lineChars: 100_000 } },
    );
    expect(shown).toEqual([
      'r.txt:2: line of more than 100000 characters once its ${VAR}s are expanded, over the limit',
    ]);
    expect(result.requirements.map((r) => r.requirement.name)).toEqual(['a', 'b']);
    // At the default limits: ~600 KB of ${BIG} with a 64 KiB value would be 6.5 GB of text.
    const huge = await problems(
      { 'r.txt': '${BIG}'.repeat(100_000) + '\n' },
      { env: { BIG: 'y'.repeat(64 * 1024) } },
    );
    expect(huge.shown).toEqual([
      'r.txt:1: line of more than 1048576 characters once its ${VAR}s are expanded, over the limit',
    ]);
  });

  it('counts what ${VAR}s add against the total limit, across lines and files', async () => {
    // 7 characters per line, 64 KiB each once expanded: 100 lines would be 6.5 MB of text.
    const BIG = 'x'.repeat(64 * 1024);
    const { shown, result } = await problems(
      { 'r.txt': 'a\n-r sub.txt\nb\n', 'sub.txt': '${BIG}\n'.repeat(100) },
      { env: { BIG }, limits: { totalChars: 1024 * 1024 } },
    );
    // The files hold 715 characters, each line adds 65,530: the 16th line passes 1 MiB.
    expect(shown).toEqual([
      'sub.txt:16: not read: the requirements files read so far hold more than 1048576 characters once their ${VAR}s are expanded',
    ]);
    expect(result.requirements).toHaveLength(1 + 15 + 1);
    const kept = result.requirements.reduce((n, r) => n + r.requirement.name.length, 0);
    expect(kept).toBeLessThanOrEqual(1024 * 1024);
  });

  it('stops expanding ${VAR}s whose values keep naming each other once the work bound is spent', async () => {
    // Each of the 1,000 `${A}`s of the line replaces every `${A}` again (pip would, 1,000 times).
    const { shown, result } = await problems(
      { 'r.txt': 'a\n' + 'pkg==1 ; extra == "' + '${A}'.repeat(1000) + '"\nb\n' },
      { env: { A: '${A}' }, limits: { expansionWork: 1_000_000 } },
    );
    expect(shown).toEqual([
      'r.txt:2: not read: expanding the ${VAR}s of the requirements files costs more than 1000000 characters of work (values that name each other, or many variables in long lines)',
    ]);
    expect(result.requirements.map((r) => r.requirement.name)).toEqual(['a']);
  });

  it('refuses a megabyte line naming a hundred set variables within the default bound (review 4 s12)', async () => {
    const env: Record<string, string> = {};
    const names = Array.from({ length: 120 }, (_, i) => `RUNNER_VAR_${i}`);
    for (const n of names) env[n] = 'value';
    const vars = names.map((n) => `\${${n}}`).join('');
    const line = `pkg==1.0 --hash=sha256:${'a'.repeat(1_000_000 - vars.length - 30)}${vars}`;
    const { shown, result } = await problems({ 'r.txt': `a\n${line}\nb\n` }, { env });
    expect(shown).toHaveLength(1);
    expect(shown[0]).toMatch(
      /^r\.txt:2: not read: expanding the \$\{VAR\}s .* costs more than \d+ characters of work/,
    );
    expect(result.requirements.map((r) => r.requirement.name)).toEqual(['a']);
  }, 60_000);

  it('parses a file included twice once', async () => {
    const { result, io, shown } = await problems({
      'r.txt': '-r common.txt\na\n-r common.txt\n-r sub.txt\n',
      'sub.txt': '-r common.txt\nb\n',
      'common.txt': 'c\nd\n',
    });
    expect(shown).toEqual([]);
    expect(result.requirements.map((r) => r.requirement.name)).toEqual(['c', 'd', 'a', 'b']);
    expect(io.reads.filter((r) => r === 'common.txt')).toHaveLength(1);
  });

  it('a file included as requirements and as constraints counts in both roles', async () => {
    const { result } = await problems({ 'r.txt': '-r c.txt\n-c c.txt\n', 'c.txt': 'x==1\n' });
    expect(result.requirements.map((r) => r.requirement.name)).toEqual(['x']);
    expect(result.constraints.map((r) => r.requirement.name)).toEqual(['x']);
  });

  it('a fan-out of includes (each file including every later one) ends, each file read once', async () => {
    const n = 40;
    const files: Record<string, string> = {};
    for (let i = 0; i < n; i++) {
      const name = i === 0 ? 'r.txt' : `f${i}.txt`;
      files[name] = [`p${i}`, ...Array.from({ length: n - i - 1 }, (_, k) => `-r f${i + k + 1}.txt`)].join(
        '\n',
      );
    }
    const { result, io, shown } = await problems(files);
    expect(shown).toEqual([]);
    expect(result.requirements).toHaveLength(n);
    expect(io.reads).toHaveLength(n);
  });

  it('stops an include tree at the file limit with a problem at the including line', async () => {
    const files: Record<string, string> = { 'r.txt': '-r f1.txt\n' };
    for (let i = 1; i < 20; i++) files[`f${i}.txt`] = `p${i}\n-r f${i + 1}.txt\n`;
    const { shown, io } = await problems(files, { limits: { files: 5 } });
    expect(shown).toEqual(['f4.txt:2: not read: the include tree reads more than 5 requirements files']);
    expect(io.reads).toHaveLength(5);
  });

  it('stops at the total size of all files', async () => {
    const files: Record<string, string> = { 'r.txt': '-r a.txt\n-r b.txt\n-r c.txt\n' };
    for (const f of ['a', 'b', 'c']) files[`${f}.txt`] = `${f}\n`.repeat(200);
    const { shown } = await problems(files, { limits: { totalChars: 1000 } });
    expect(shown).toEqual([
      'r.txt:3: not read: the requirements files read so far hold more than 1000 characters',
    ]);
  });

  it('applies an --only-binary of 100,000 names in linear time (review 15c F7: each name scanned the list)', async () => {
    const n = 100_000;
    const text = `--only-binary ${Array.from({ length: n }, (_, i) => `p${i}`).join(',')}\n`;
    // Parsing the line is well under a second; the quadratic de-duplication took ~15 s.
    const start = process.hrtime.bigint();
    const { result, shown } = await problems({ 'r.txt': text });
    expect(Number(process.hrtime.bigint() - start) / 1e6).toBeLessThan(5_000);
    expect(shown).toEqual([]);
    expect(result.options.onlyBinary.names.size).toBe(n);
  }, 180_000);

  it('reads 150,000 --use-feature lines in linear time (review 15c F7: each line scanned the earlier ones)', async () => {
    const n = 150_000;
    const text = Array.from({ length: n }, (_, i) => `--use-feature=f${i % (n - 1)}`).join('\n');
    // Parsing the lines takes 1–4 s; the quadratic de-duplication took ~40 s.
    const start = process.hrtime.bigint();
    const { result, shown } = await problems({ 'r.txt': text });
    expect(Number(process.hrtime.bigint() - start) / 1e6).toBeLessThan(15_000);
    expect(shown).toEqual([]);
    expect([...result.options.useFeatures].slice(-2)).toEqual([`f${n - 3}`, `f${n - 2}`]);
    expect(result.options.useFeatures.size).toBe(n - 1);
  }, 180_000);

  it('keeps the first problems of a wrong file and counts the rest (review 15c F15: every one was kept)', async () => {
    // `-r data.csv`: a problem on every line. pip stops at the first; we show MAX_PROBLEMS.
    const lines = Array.from({ length: 50_000 }, (_, i) => `!${i}`);
    const { shown, result } = await problems({ 'r.txt': `ok\n${lines.join('\n')}\nlast\n` });
    expect(shown).toHaveLength(MAX_PROBLEMS + 1);
    expect(shown[0]).toMatch(/^r\.txt:2: /);
    expect(shown[MAX_PROBLEMS - 1]).toMatch(new RegExp(`^r\\.txt:${MAX_PROBLEMS + 1}: `));
    expect(shown[MAX_PROBLEMS]).toBe(
      `r.txt:0: ${50_000 - MAX_PROBLEMS} more problems not shown (the first ${MAX_PROBLEMS} are)`,
    );
    // The lines that parse are still read (the run fails on the problems all the same).
    expect(result.requirements.map((r) => r.requirement.name)).toEqual(['ok', 'last']);
  });

  it('quotes at most MAX_QUOTED_CHARS of an invalid line, its password hidden first', async () => {
    const line = `pkg @ https://user:secret@h/${'x'.repeat(1_000_000)} !`;
    const io = { readFile: async () => `${line}\n` };
    const { problems: found } = await collectRequirementsFile('r.txt', io);
    expect(found).toHaveLength(1);
    expect(found[0]!.text.length).toBeLessThanOrEqual(MAX_QUOTED_CHARS + 1);
    expect(found[0]!.text).not.toContain('secret');
  });
});
