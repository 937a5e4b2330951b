/**
 * Why pip chose differently: for every "both valid, different choice" problem of a cross-check run
 * (`bench/pip-crosscheck.ts --out FILE`), pip resolves the problem again with its resolver trace
 * (`PIP_RESOLVER_DEBUG=1`, pip's own debugging reporter) and the trace is summarised as the sequence
 * of pins, rejected candidates and backjumps. A project pinned again at another version with no
 * backjump in between is a pin resolvelib replaced in place — the class docs/pip-agreement.md
 * describes under "pip after a pin is replaced" (pins made meanwhile stay, and so do the candidate
 * lists the replaced version's requirements narrowed).
 *
 *   node --import ./bench/register-swc.mjs bench/pip-crosscheck-trace.ts FILE [--python bench/.venv/bin/python]
 *
 * pip's configuration is kept out as in the cross-check (PIP_CONFIG_FILE=/dev/null, no other PIP_*).
 */
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve as resolvePath } from 'node:path';
import { startIndexServer } from '../__tests__/helpers/index-server.js';
import type { Judgement } from './pip-crosscheck-judge.js';
import type { PipRun } from './pip-crosscheck-pip.js';
import { describeSet } from './pip-crosscheck-judge.js';
import {
  constraintsText,
  requirementsText,
  servedProjects,
  type Problem,
} from './pip-crosscheck-universe.js';
import type { WheelhouseRun } from './pip-crosscheck-wheelhouse.js';

interface Row {
  problem: Problem;
  wheelhouse: WheelhouseRun;
  pip: PipRun;
  judgement?: Judgement;
}

/** One line of pip's debugging reporter, reduced to what the summary needs. */
type Step = { kind: 'pin'; name: string; version: string } | { kind: 'reject' } | { kind: 'backjump' };

/** Pins name the wheel file: `.../files/<name>-<version>-<tags>.whl`. */
export function parseTrace(output: string): Step[] {
  const steps: Step[] = [];
  for (const line of output.split('\n')) {
    const pin = /Reporter\.pinning\(.*?\/files\/([^/-]+)-([^/-]+)-[^/]*\.whl/.exec(line);
    if (pin) steps.push({ kind: 'pin', name: (pin[1] as string).toLowerCase(), version: pin[2] as string });
    else if (line.includes('Reporter.rejecting_candidate')) steps.push({ kind: 'reject' });
    else if (line.includes('Reporter.resolving_conflicts')) steps.push({ kind: 'backjump' });
  }
  return steps;
}

/** Projects pinned again at another version with no backjump since their previous pin. */
export function replacedInPlace(steps: Step[]): string[] {
  const last = new Map<string, string>();
  const replaced = new Set<string>();
  for (const s of steps) {
    if (s.kind === 'backjump') last.clear();
    if (s.kind !== 'pin') continue;
    const before = last.get(s.name);
    if (before !== undefined && before !== s.version) replaced.add(`${s.name} ${before} → ${s.version}`);
    last.set(s.name, s.version);
  }
  return [...replaced];
}

function show(steps: Step[]): string {
  return steps.map((s) => (s.kind === 'pin' ? `pin ${s.name} ${s.version}` : s.kind)).join(' · ');
}

async function main(): Promise<void> {
  const file = process.argv[2];
  if (file === undefined || file.startsWith('--')) throw new Error('usage: pip-crosscheck-trace.ts FILE');
  const i = process.argv.indexOf('--python');
  const python = resolvePath(i !== -1 ? (process.argv[i + 1] as string) : 'bench/.venv/bin/python');
  const data = JSON.parse(await readFile(file, 'utf8')) as { rows: Row[] };
  const rows = data.rows.filter((r) => r.judgement?.category === 'different-valid');
  const server = await startIndexServer();
  const dir = await mkdtemp(join(tmpdir(), 'wh-pip-trace-'));
  const env = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    PIP_CONFIG_FILE: '/dev/null',
    PIP_RESOLVER_DEBUG: '1',
  };
  try {
    for (const r of rows) {
      server.setProjects(servedProjects(r.problem));
      const req = join(dir, 'req.txt');
      await writeFile(req, requirementsText(r.problem));
      await writeFile(join(dir, 'constraints.txt'), constraintsText(r.problem));
      const args = ['-m', 'pip', 'install', '--dry-run', '--ignore-installed', '--no-cache-dir'];
      args.push('--disable-pip-version-check', '--index-url', server.indexUrl, '-r', req);
      const output = await new Promise<string>((done) =>
        execFile(python, args, { cwd: dir, env, timeout: 120_000, maxBuffer: 64 << 20 }, (_e, out, err) =>
          done(String(out) + String(err)),
        ),
      );
      const steps = parseTrace(output);
      const replaced = replacedInPlace(steps);
      console.log(`problem ${r.problem.id} (seed ${r.problem.seed})`);
      console.log(`  wheelhouse: ${describeSet(r.wheelhouse.packages)}`);
      console.log(`  pip:        ${describeSet(r.pip.packages)}`);
      console.log(`  pip trace:  ${show(steps)}`);
      console.log(`  replaced in place: ${replaced.length > 0 ? replaced.join(', ') : 'none'}`);
    }
    console.log(`${rows.length} "both valid, different choice" problems traced`);
  } finally {
    await server.close();
    await rm(dir, { recursive: true, force: true });
  }
}

await main();
