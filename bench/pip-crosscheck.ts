/**
 * Cross-check of wheelhouse's resolutions against the machine's pip on generated problems
 * (issue 4, §6):
 *
 *   node --import ./bench/register-swc.mjs bench/pip-crosscheck.ts [--problems N] [--seed S]
 *     [--python python3] [--workers 2] [--shrink K] [--no-docs]
 *
 * Each problem (bench/pip-crosscheck-universe.ts) is served as real wheels by the test index server
 * and resolved by wheelhouse (resolveCommand, for the target probed from `python3`) and by
 * `python3 -m pip install --dry-run --ignore-installed --report` against the same index, with pip's
 * configuration kept out. A brute-force oracle over pip's own `packaging` judges both answers
 * (bench/pip-crosscheck-judge.ts). The first K real disagreements are shrunk to a minimal problem
 * and printed. Results: bench/results/pip-crosscheck.json; a summary is appended to
 * docs/pip-agreement.md.
 */
import { appendFile, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve as resolvePath } from 'node:path';
import { createHttpClient } from '../src/index/http.js';
import { silentLogger } from '../src/util/logger.js';
import { startIndexServer, type IndexServer } from '../__tests__/helpers/index-server.js';
import {
  describeSet,
  judge,
  runOracle,
  type Category,
  type Judgement,
  type OracleResult,
} from './pip-crosscheck-judge.js';
import { pipVersion, runPip, type PipRun } from './pip-crosscheck-pip.js';
import { shrinkProblem, type Check } from './pip-crosscheck-shrink.js';
import {
  constraintsText,
  generateProblem,
  requirementsText,
  servedProjects,
  type Problem,
} from './pip-crosscheck-universe.js';
import { machineTarget, runWheelhouse, type WheelhouseRun } from './pip-crosscheck-wheelhouse.js';
import type { TargetOptions } from '../src/provider/target.js';
import type { HttpClient } from '../src/index/http-client.js';

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i !== -1 && process.argv[i + 1] !== undefined ? (process.argv[i + 1] as string) : fallback;
}

const problemsWanted = Number(arg('problems', '200'));
const seed = Number(arg('seed', '1'));
const pythonArg = arg('python', 'python3');
/** Absolute when given as a path: pip runs with the problem's directory as its working directory. */
const python = pythonArg.includes('/') ? resolvePath(pythonArg) : pythonArg;
const workers = Number(arg('workers', '2'));
const shrinkLimit = Number(arg('shrink', '3'));
const writeDocs = !process.argv.includes('--no-docs');

/** A wheelhouse run longer than this is reported as an error (and the run goes on). */
const TIMEOUT_MS = Number(arg('timeout', '60000'));
const NOTABLE = new Set<Category>(['disagree', 'order-dependent', 'error']);
const onlyIds = arg('ids', '')
  .split(',')
  .filter((x) => x !== '')
  .map(Number);
const outFile = arg('out', 'bench/results/pip-crosscheck.json');

interface Row {
  problem: Problem;
  wheelhouse: WheelhouseRun;
  pip: PipRun;
  oracle?: OracleResult;
  judgement?: Judgement;
  minimal?: Problem;
}

interface Worker {
  server: IndexServer;
  http: HttpClient;
  dir: string;
}

/** Resolves one problem with both tools on one worker's server. */
async function runBoth(w: Worker, problem: Problem, target: TargetOptions): Promise<Row> {
  w.server.setProjects(servedProjects(problem));
  const reqPath = join(w.dir, 'req.txt');
  await writeFile(reqPath, requirementsText(problem));
  await writeFile(join(w.dir, 'constraints.txt'), constraintsText(problem));
  const started = performance.now();
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<WheelhouseRun>((resolve) => {
    timer = setTimeout(
      () => resolve({ kind: 'error', message: `timed out after ${TIMEOUT_MS} ms`, ms: TIMEOUT_MS }),
      TIMEOUT_MS,
    );
  });
  const wheelhouse = await Promise.race([
    runWheelhouse({ requirementsFile: reqPath, indexUrl: w.server.indexUrl, target, http: w.http }),
    timedOut,
  ]);
  clearTimeout(timer);
  if (wheelhouse.kind === 'error') {
    const ms = Math.round(performance.now() - started);
    process.stderr.write(
      `  problem ${problem.id}: wheelhouse error after ${ms} ms: ${wheelhouse.message ?? ''}\n`,
    );
  }
  const pip = await runPip(python, w.dir, ['--index-url', w.server.indexUrl], reqPath);
  return { problem, wheelhouse, pip };
}

async function judged(rows: Row[]): Promise<void> {
  const results = await runOracle(python, rows);
  rows.forEach((row, i) => {
    row.oracle = results[i] as OracleResult;
    row.judgement = judge(row.wheelhouse, row.pip, row.oracle);
  });
}

export function problemText(p: Problem): string {
  const lines = [
    `problem ${p.id} (seed ${p.seed})`,
    `  req.txt: ${requirementsText(p).trim().split('\n').join(' | ')}`,
  ];
  if (p.constraints.length > 0) lines.push(`  constraints.txt: ${p.constraints.join(' | ')}`);
  for (const project of p.projects) {
    for (const v of project.versions) {
      const bits = [`  ${project.name} ${v.version}`];
      if (v.requires.length > 0) bits.push(`requires [${v.requires.join(', ')}]`);
      if (v.providesExtra.length > 0) bits.push(`provides-extra ${v.providesExtra.join(',')}`);
      if (v.requiresPython !== undefined)
        bits.push(`requires-python ${v.requiresPython}${v.requiresPythonOnIndex ? '' : ' (metadata only)'}`);
      if (v.yanked) bits.push('YANKED');
      if (!(v.wheels.length === 1 && v.wheels[0] === 'py3-none-any'))
        bits.push(`wheels ${v.wheels.join(' ')}`);
      lines.push(bits.join('  '));
    }
  }
  return lines.join('\n');
}

async function main(): Promise<void> {
  const target = await machineTarget(python);
  const pip = await pipVersion(python);
  console.log(`target: ${JSON.stringify(target)}; reference: ${pip} (${python})`);
  const pool: Worker[] = [];
  for (let i = 0; i < workers; i++) {
    pool.push({
      server: await startIndexServer(),
      http: createHttpClient({ logger: silentLogger, retries: 0, env: {} }),
      dir: await mkdtemp(join(tmpdir(), 'wh-pip-crosscheck-')),
    });
  }
  const started = performance.now();
  const rows: Row[] = [];
  let next = 0;
  const ids = onlyIds.length > 0 ? onlyIds : Array.from({ length: problemsWanted }, (_, i) => i);
  await Promise.all(
    pool.map(async (w) => {
      while (next < ids.length) {
        const at = next++;
        const i = ids[at] as number;
        const problem = generateProblem(i, seed * 100_003 + i);
        rows[at] = await runBoth(w, problem, target);
        if ((at + 1) % 10 === 0) process.stderr.write(`  ${at + 1}/${ids.length} problems\n`);
      }
    }),
  );
  await judged(rows);
  const counts: Record<Category, number> = {
    same: 0,
    'both-unsat': 0,
    'different-valid': 0,
    'order-dependent': 0,
    disagree: 0,
    error: 0,
  };
  for (const r of rows) counts[r.judgement?.category ?? 'error']++;

  // Shrink and print the first disagreements.
  const w0 = pool[0] as Worker;
  let shrunk = 0;
  for (const row of rows) {
    const j = row.judgement as Judgement;
    if (!NOTABLE.has(j.category)) continue;
    if (shrunk < shrinkLimit) {
      shrunk++;
      const signature = `${row.wheelhouse.kind}/${row.pip.kind}/${j.category}/${j.wrong.join(',')}`;
      const check: Check = async (candidate) => {
        const r = await runBoth(w0, candidate, target);
        await judged([r]);
        const jj = r.judgement as Judgement;
        return `${r.wheelhouse.kind}/${r.pip.kind}/${jj.category}/${jj.wrong.join(',')}` === signature;
      };
      row.minimal = await shrinkProblem(row.problem, check, 60);
    }
  }
  const elapsed = (performance.now() - started) / 1000;

  const unique = rows.filter((r) => r.oracle?.solutionCount === 1);
  const uniqueAgree = unique.filter((r) => r.judgement?.category === 'same').length;
  const pipMs = rows.reduce((s, r) => s + r.pip.ms, 0);
  const whMs = rows.reduce((s, r) => s + r.wheelhouse.ms, 0);
  const table = [
    `| problems | same set | both unsatisfiable | both valid, different choice | order-dependent (pip policy edge) | real disagreement | error |`,
    `|---:|---:|---:|---:|---:|---:|---:|`,
    `| ${rows.length} | ${counts.same} | ${counts['both-unsat']} | ${counts['different-valid']} | ${counts['order-dependent']} | ${counts.disagree} | ${counts.error} |`,
  ];
  console.log('');
  console.log(table.join('\n'));
  console.log(
    `\nunique-solution problems: ${unique.length}, identical answers on them: ${uniqueAgree}; ` +
      `time: wheelhouse ${(whMs / 1000).toFixed(1)} s, pip ${(pipMs / 1000).toFixed(1)} s, wall ${elapsed.toFixed(1)} s`,
  );
  const disagreements = rows.filter(
    (r) => r.judgement?.category === 'disagree' || r.judgement?.category === 'error',
  );
  for (const r of disagreements) {
    console.log(`\n--- ${r.judgement?.category}: ${r.judgement?.cause}`);
    console.log(`wheelhouse: ${r.wheelhouse.kind} ${describeSet(r.wheelhouse.packages)}`);
    if (r.wheelhouse.kind !== 'resolved') console.log(indent(r.wheelhouse.message ?? ''));
    console.log(`pip:        ${r.pip.kind} ${describeSet(r.pip.packages)}`);
    if (r.pip.kind !== 'resolved') console.log(indent(r.pip.message ?? ''));
    console.log(
      `oracle: ${r.oracle?.solutionCount} solutions: ${r.oracle?.solutions.slice(0, 3).map(describeSet).join(' ; ')}`,
    );
    console.log(
      problemText(r.minimal ?? r.problem).replace(/^problem/, r.minimal ? 'minimal problem' : 'problem'),
    );
  }

  await mkdir('bench/results', { recursive: true });
  await writeFile(
    outFile,
    JSON.stringify(
      {
        seed,
        problems: rows.length,
        pip,
        target,
        counts,
        unique: unique.length,
        uniqueAgree,
        elapsedSeconds: elapsed,
        rows,
      },
      null,
      1,
    ),
  );
  if (writeDocs) {
    const date = new Date().toISOString().slice(0, 10);
    const causes = disagreements.map(
      (r) => `- problem ${r.problem.id}: ${r.judgement?.category} — ${r.judgement?.cause}`,
    );
    await appendFile(
      'docs/pip-agreement.md',
      [
        '',
        `### Generated problems — ${date}, seed ${seed}, ${pip}, target ${target.pythonVersion} ${target.os} ${target.arch}`,
        '',
        ...table,
        '',
        `Unique-solution problems: ${unique.length}, identical answers on them: ${uniqueAgree}. Wall time ${elapsed.toFixed(0)} s.`,
        ...(causes.length > 0 ? ['', ...causes] : []),
        '',
      ].join('\n'),
    );
  }
  for (const w of pool) {
    await w.http.close();
    await w.server.close();
    await rm(w.dir, { recursive: true, force: true });
  }
}

function indent(text: string): string {
  return text
    .split('\n')
    .map((l) => `    ${l}`)
    .join('\n');
}

await main();
