/**
 * Cross-check of wheelhouse against the machine's pip on real requirement sets, resolved from the
 * machine's local mirror of real PyPI files (issue 4, "done when": on real requirement sets
 * wheelhouse's resolution equals pip's where the solution is unique):
 *
 *   node --import ./bench/register-swc.mjs bench/pip-crosscheck-real.ts [--python python3] [--no-docs]
 *     [--index-url file:///opt/pypi/simple] [--extra-index-url file:///opt/pypi-more/simple]
 *     [--find-links /opt/wheels]
 *
 * Both resolvers get the same indexes and find-links (pip on the command line with its own
 * configuration kept out; wheelhouse with `--index-strategy unsafe-best-match`, which is pip's
 * behaviour of merging all indexes). When the answers differ, pip is asked to resolve wheelhouse's
 * pins (`name==version` for every package): if pip returns exactly that set, wheelhouse's answer is
 * a solution pip accepts ("both valid, different choice"); otherwise it is a real disagreement.
 * Sets whose top-level projects are not in the mirror are skipped.
 */
import { existsSync } from 'node:fs';
import { appendFile, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve as resolvePath } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createHttpClient } from '../src/index/http.js';
import { silentLogger } from '../src/util/logger.js';
import { describeSet } from './pip-crosscheck-judge.js';
import { normalize, pipVersion, runPip, type PipRun } from './pip-crosscheck-pip.js';
import { machineTarget, runWheelhouse, type WheelhouseRun } from './pip-crosscheck-wheelhouse.js';

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i !== -1 && process.argv[i + 1] !== undefined ? (process.argv[i + 1] as string) : fallback;
}

const pythonArg = arg('python', 'python3');
/** Absolute when given as a path: pip runs in a temporary working directory. */
const python = pythonArg.includes('/') ? resolvePath(pythonArg) : pythonArg;
const indexUrl = arg('index-url', 'file:///opt/pypi/simple');
const extraIndexUrl = arg('extra-index-url', 'file:///opt/pypi-more/simple');
const findLinks = arg('find-links', '/opt/wheels');
const writeDocs = !process.argv.includes('--no-docs');

/** Requirement sets of real projects (one requirements file each). */
const SETS: { name: string; lines: string[] }[] = [
  { name: 'requests', lines: ['requests'] },
  { name: 'flask', lines: ['flask'] },
  { name: 'fastapi stack', lines: ['fastapi', 'uvicorn', 'pydantic', 'httpx'] },
  { name: 'django', lines: ['django'] },
  { name: 'pandas', lines: ['pandas'] },
  { name: 'pandas numpy<2', lines: ['pandas', 'numpy<2'] },
  { name: 'scikit-learn', lines: ['scikit-learn'] },
  { name: 'scipy numpy<2', lines: ['scipy', 'numpy<2'] },
  { name: 'matplotlib seaborn', lines: ['matplotlib', 'seaborn'] },
  { name: 'celery', lines: ['celery'] },
  { name: 'dev tools', lines: ['black', 'pytest', 'mypy'] },
  { name: 'sqlalchemy aiohttp', lines: ['sqlalchemy', 'aiohttp'] },
  { name: 'boto3', lines: ['boto3'] },
  { name: 'openai anthropic', lines: ['openai', 'anthropic'] },
  { name: 'jupyter', lines: ['jupyter'] },
  { name: 'langchain', lines: ['langchain'] },
  { name: 'dask xarray sympy', lines: ['dask', 'xarray', 'sympy'] },
  { name: 'streamlit', lines: ['streamlit'] },
  { name: 'transformers', lines: ['transformers'] },
  { name: 'jax', lines: ['jax'] },
  { name: 'torch', lines: ['torch'] },
];

type Verdict = 'same' | 'different-valid' | 'disagree' | 'both-unsat' | 'error';

interface RealRow {
  name: string;
  lines: string[];
  verdict: Verdict;
  wheelhouse: WheelhouseRun;
  pip: PipRun;
  /** pip on wheelhouse's pins, when the answers differ. */
  pipOnPins?: PipRun;
  differences?: string[];
}

function inMirror(requirement: string): boolean {
  const name = normalize(/^[A-Za-z0-9._-]+/.exec(requirement)?.[0] ?? '');
  return [indexUrl, extraIndexUrl].some((u) => existsSync(join(fileURLToPath(u), name)));
}

function differences(a: Record<string, string>, b: Record<string, string>): string[] {
  const names = [...new Set([...Object.keys(a), ...Object.keys(b)])].sort();
  return names
    .filter((n) => a[n] !== b[n])
    .map((n) => `${n}: wheelhouse ${a[n] ?? '-'} vs pip ${b[n] ?? '-'}`);
}

async function main(): Promise<void> {
  const target = await machineTarget(python);
  const pip = await pipVersion(python);
  console.log(
    `target: ${JSON.stringify(target)}; reference: ${pip}; indexes ${indexUrl} ${extraIndexUrl}; find-links ${findLinks}`,
  );
  const dir = await mkdtemp(join(tmpdir(), 'wh-pip-real-'));
  const http = createHttpClient({ logger: silentLogger, env: {} });
  const pipIndex = ['--index-url', indexUrl, '--extra-index-url', extraIndexUrl, '--find-links', findLinks];
  const rows: RealRow[] = [];
  for (const set of SETS) {
    if (!set.lines.every(inMirror)) {
      console.log(`skip ${set.name}: not in the mirror`);
      continue;
    }
    const req = join(dir, 'req.txt');
    await writeFile(req, set.lines.join('\n') + '\n');
    const wheelhouse = await runWheelhouse({
      requirementsFile: req,
      indexUrl,
      extraIndexUrls: [extraIndexUrl],
      findLinks: [findLinks],
      indexStrategy: 'unsafe-best-match',
      target,
      http,
    });
    const pipRun = await runPip(python, dir, pipIndex, req);
    const row: RealRow = { name: set.name, lines: set.lines, verdict: 'error', wheelhouse, pip: pipRun };
    if (wheelhouse.kind === 'error' || pipRun.kind === 'error') row.verdict = 'error';
    else if (wheelhouse.kind === 'unsatisfiable' && pipRun.kind === 'unsatisfiable')
      row.verdict = 'both-unsat';
    else if (wheelhouse.kind === 'resolved' && pipRun.kind === 'resolved') {
      const diff = differences(wheelhouse.packages ?? {}, pipRun.packages ?? {});
      if (diff.length === 0) row.verdict = 'same';
      else {
        row.differences = diff;
        const pins = join(dir, 'pins.txt');
        const pinned = wheelhouse.packages ?? {};
        await writeFile(
          pins,
          Object.keys(pinned)
            .map((n) => `${n}==${pinned[n]}\n`)
            .join(''),
        );
        row.pipOnPins = await runPip(python, dir, pipIndex, pins);
        const accepted =
          row.pipOnPins.kind === 'resolved' && differences(pinned, row.pipOnPins.packages ?? {}).length === 0;
        row.verdict = accepted ? 'different-valid' : 'disagree';
      }
    } else row.verdict = 'disagree';
    rows.push(row);
    const count = Object.keys(wheelhouse.packages ?? pipRun.packages ?? {}).length;
    console.log(
      `${row.verdict.padEnd(16)} ${set.name} (${count} packages; wheelhouse ${wheelhouse.ms} ms, ${wheelhouse.solver?.policyRounds ?? '?'} policy rounds, pip ${pipRun.ms} ms)`,
    );
    for (const d of row.differences ?? []) console.log(`    ${d}`);
    if (row.verdict === 'disagree' || row.verdict === 'error') {
      console.log(
        `    wheelhouse: ${wheelhouse.kind} ${describeSet(wheelhouse.packages)} ${wheelhouse.message ?? ''}`,
      );
      console.log(`    pip: ${pipRun.kind} ${pipRun.message ?? ''}`);
      if (row.pipOnPins?.message !== undefined)
        console.log(`    pip on wheelhouse's pins: ${row.pipOnPins.message}`);
    }
  }
  await http.close();
  await rm(dir, { recursive: true, force: true });

  const count = (v: Verdict) => rows.filter((r) => r.verdict === v).length;
  const table = [
    '| set | packages | verdict | wheelhouse ms | pip ms |',
    '|---|---:|---|---:|---:|',
    ...rows.map(
      (r) =>
        `| ${r.lines.join(' ')} | ${Object.keys(r.pip.packages ?? r.wheelhouse.packages ?? {}).length} | ${r.verdict}${
          r.differences ? ` (${r.differences.join('; ')})` : ''
        } | ${r.wheelhouse.ms} | ${r.pip.ms} |`,
    ),
  ];
  const summary = `${rows.length} sets: ${count('same')} identical, ${count('both-unsat')} both unsatisfiable, ${count(
    'different-valid',
  )} different but valid for pip, ${count('disagree')} real disagreements, ${count('error')} errors.`;
  console.log(`\n${summary}`);
  await mkdir('bench/results', { recursive: true });
  await writeFile(
    arg('out', 'bench/results/pip-crosscheck-real.json'),
    JSON.stringify({ pip, target, indexUrl, extraIndexUrl, findLinks, rows }, null, 1),
  );
  if (writeDocs) {
    const date = new Date().toISOString().slice(0, 10);
    await appendFile(
      'docs/pip-agreement.md',
      [
        '',
        `### Real requirement sets — ${date}, ${pip}, target ${target.pythonVersion} ${target.os} ${target.arch}, mirror ${indexUrl} + ${extraIndexUrl} + find-links ${findLinks}`,
        '',
        summary,
        '',
        ...table,
        '',
      ].join('\n'),
    );
  }
}

await main();
