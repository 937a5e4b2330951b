/**
 * The page path of a PyPI-shaped cold resolve alone (issue 14 §2 client CPU): every project page of
 * a workload decoded, parsed and turned into version candidates ONCE, in a fresh process, as the
 * CLI does (so the figure includes the JIT's warm-up, unlike bench/page-bench.ts's warm rounds).
 * Prints the CPU of that pass (all threads: compiler and GC helpers included).
 *
 *   node --import ./bench/register-swc.mjs bench/pypi-serve.ts --workload pypi-prefect --dir DIR &
 *   node --import ./bench/register-swc.mjs bench/pypi-pages-bench.ts --dump DIR --url INDEX_URL   # once
 *   node --interrupt-budget=1000000 --import ./bench/register-swc.mjs bench/pypi-pages-bench.ts --dir DIR [--reps 1] [--keep]
 *
 * `--dump` fetches the PEP 691 page of every project of DIR/expected.txt (written by pypi-serve.ts)
 * into DIR/pages/. `--interrupt-budget=1000000` is what the CLI sets (src/util/jit-tiering.ts).
 * `--keep` holds every page's candidates to the end, as a resolution does (they then survive the
 * collections that follow, which is part of what a resolution pays for them).
 * Deterministic comparisons: run it under `valgrind --tool=callgrind` (instructions; ~3 min).
 */
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { versionCandidates } from '../src/provider/candidates.js';
import { targetEnvironment } from '../src/provider/target.js';
import { parsePage } from '../src/index/project-page-fetch.js';
import { JSON_PAGE_TYPE } from '../src/index/json-page.js';
import { normalizeName } from '../src/standards/names.js';
import { RecordingLogger } from '../src/util/logger.js';
import { decodePageBody } from '../src/index/page-body.js';

const argv = process.argv.slice(2);
const opt = (name: string): string | undefined => {
  const i = argv.indexOf(name);
  return i >= 0 ? argv[i + 1] : undefined;
};

const dumpDir = opt('--dump');
if (dumpDir !== undefined) {
  const url = opt('--url');
  if (url === undefined) throw new Error('--dump needs --url INDEX_URL');
  const names = (await readFile(join(dumpDir, 'expected.txt'), 'utf8'))
    .split('\n')
    .filter((l) => l.includes('=='))
    .map((l) => normalizeName(l.split('==')[0] as string));
  await mkdir(join(dumpDir, 'pages'), { recursive: true });
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < names.length) {
      const name = names[next++] as string;
      const res = await fetch(`${url}${name}/`, { headers: { accept: JSON_PAGE_TYPE } });
      if (!res.ok) throw new Error(`${name}: HTTP ${res.status}`);
      await writeFile(join(dumpDir, 'pages', `${name}.json`), Buffer.from(await res.arrayBuffer()));
    }
  };
  await Promise.all(Array.from({ length: 16 }, worker));
  console.log(`${names.length} pages in ${join(dumpDir, 'pages')}`);
} else {
  const dir = join(opt('--dir') ?? join('bench', '.cache', 'serve'), 'pages');
  const reps = Number(opt('--reps') ?? '1');
  const names = (await readdir(dir)).filter((n) => n.endsWith('.json')).sort();
  const bodies = await Promise.all(names.map(async (n) => new Uint8Array(await readFile(join(dir, n)))));
  const target = targetEnvironment({ pythonVersion: '3.11.7', os: 'linux', arch: 'x86_64' });
  const rules = {
    tagPriority: target.tagPriority,
    pythonVersion: target.pythonVersion,
    tagSummary: target.summary,
    mayUseWheel: () => true,
    mayUseSdist: () => true,
    preferBinary: false,
  };
  const logger = new RecordingLogger();
  let versions = 0;
  let links = 0;
  const kept: unknown[] = [];
  const keep = argv.includes('--keep');
  const cpu0 = process.cpuUsage();
  for (let r = 0; r < reps; r++) {
    for (let i = 0; i < names.length; i++) {
      const project = normalizeName((names[i] as string).slice(0, -'.json'.length));
      const { text, controlFree, seen } = decodePageBody(bodies[i] as Uint8Array);
      const page = parsePage(
        text,
        JSON_PAGE_TYPE,
        `http://x/simple/${project}/`,
        project,
        logger,
        controlFree,
        seen,
      );
      const candidates = versionCandidates(page, rules, { logger });
      versions += candidates.length;
      if (keep) kept.push(candidates);
      links += page.links?.length ?? 0;
    }
  }
  const cpu = process.cpuUsage(cpu0);
  console.log(
    `${names.length} pages × ${reps}: ${links} links, ${versions} versions; ` +
      `CPU ${((cpu.user + cpu.system) / 1000).toFixed(0)} ms (node ${process.version})` +
      (keep ? `, ${kept.length} pages' candidates kept` : ''),
  );
}
