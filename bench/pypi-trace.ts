/**
 * Which METADATA files a client asks for on a PyPI-shaped workload (harness/pypi-shaped.ts), by what
 * the workload knows of each release: the locked one, a newer one of each kind (pre-release, yanked,
 * needs Python 3.13, unsatisfiable dependency) or an older one (how many releases below the locked
 * one), and for projects outside the expected set. One cold `resolve` per client, alternating, at
 * 25 ms; prints one table per client and the requests one made that the other did not.
 *
 *   node --import ./bench/register-swc.mjs bench/pypi-trace.ts --workload pypi-fastapi [--quick]
 *     [--tools wheelhouse,pip-26.2.1] [--latency-ms 25] [--show 40]
 */
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { startIndexServer } from '../__tests__/helpers/index-server.js';
import { parseWheelFilename } from '../src/standards/filenames.js';
import { Version } from '../src/standards/version.js';
import { runMeasured } from './harness/measure.js';
import { loadPypiShaped } from './harness/pypi-shaped.js';
import { fileUrlBaseFor } from './harness/workload.js';
import { cleanEnv, discoverPips, stepArgs, wheelhouseTool, type Tool } from './harness/tools.js';
import { wheelhouseCommand } from './harness/wheelhouse-build.js';

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(name);
  return i >= 0 ? (process.argv[i + 1] ?? fallback) : fallback;
}

const repo = resolve('.');
const workload = await loadPypiShaped(arg('--workload', 'pypi-fastapi'), repo, {
  quick: process.argv.includes('--quick'),
});
if ('skip' in workload) {
  console.log(workload.skip);
  process.exit(0);
}
const expected = workload.expected ?? new Map<string, string>();
// Per file: project, version, and the class of its release.
const classOf = new Map<string, string>();
for (const p of workload.projects) {
  const locked = expected.get(p.name);
  const versions = [...new Set(p.files.map((f) => parseWheelFilename(f.filename).version))]
    .map((v) => Version.parse(v))
    .sort((a, b) => b.compare(a));
  const lockedAt =
    locked === undefined ? -1 : versions.findIndex((v) => v.compare(Version.parse(locked)) === 0);
  for (const f of p.files) {
    const v = Version.parse(parseWheelFilename(f.filename).version);
    const at = versions.findIndex((x) => x.compare(v) === 0);
    let c: string;
    if (locked === undefined) c = 'not expected';
    else if (at === lockedAt) c = 'locked';
    else if (at < lockedAt) {
      c = v.isPrerelease
        ? 'newer: pre-release'
        : f.yanked !== undefined
          ? 'newer: yanked'
          : f.requiresPython === '>=3.13'
            ? 'newer: python'
            : 'newer: unsatisfiable';
    } else c = `older: ${Math.min(at - lockedAt, 5)}${at - lockedAt >= 5 ? '+' : ''} below`;
    classOf.set(f.filename, c);
  }
}

const latencyMs = Number(arg('--latency-ms', '25'));
const server = await startIndexServer({
  projects: workload.projects,
  cachePages: true,
  modes: { latencyMs },
});
server.setModes({ fileUrlBase: fileUrlBaseFor(workload, server.port) });
const wh = await wheelhouseCommand(repo, 'js');
const { tools: pips } = discoverPips(repo, (l) => console.error(l));
const all: Tool[] = [wheelhouseTool(wh, '0.1.0'), ...pips];
const wanted = arg('--tools', 'wheelhouse,pip-26.2.1').split(',');
const tools = all.filter((t) => wanted.includes(t.id));
const scratch = join(repo, 'bench', '.cache', 'trace');
const fetched = new Map<string, Set<string>>();
try {
  for (const tool of tools) {
    const dir = join(scratch, tool.id);
    await rm(dir, { recursive: true, force: true });
    await mkdir(join(dir, 'home'), { recursive: true });
    await writeFile(join(dir, 'requirements.txt'), workload.requirements.join('\n') + '\n');
    server.reset();
    const m = await runMeasured({
      command: tool.command,
      args: stepArgs(tool, {
        kind: 'resolve',
        requirementsFile: join(dir, 'requirements.txt'),
        indexUrl: server.indexUrl,
        out: join(dir, 'report.json'),
        cacheDir: join(dir, 'cache'),
      }),
      env: cleanEnv({ HOME: join(dir, 'home'), XDG_CACHE_HOME: join(dir, 'xdg') }),
      cwd: dir,
      scratch: dir,
      timeoutMs: 600000,
    });
    const files = new Set(
      server.counters.log
        .filter((e) => e.kind === 'metadata')
        .map((e) => decodeURIComponent(e.path.split('/').pop() ?? '').replace(/\.metadata$/, '')),
    );
    fetched.set(tool.id, files);
    const byClass = new Map<string, number>();
    for (const f of files) byClass.set(classOf.get(f) ?? '?', (byClass.get(classOf.get(f) ?? '?') ?? 0) + 1);
    console.log(
      `${tool.id}: exit ${m.exitCode}, ${(m.wallMs / 1000).toFixed(2)} s, cpu ${m.cpuSec?.toFixed(2)} s, ` +
        `rss ${Math.round((m.maxRssKb ?? 0) / 1024)} MB, ${server.counters.requests} requests, ${files.size} metadata`,
    );
    for (const [c, n] of [...byClass].sort()) console.log(`  ${c.padEnd(24)} ${n}`);
    if (m.exitCode !== 0) console.log(m.stderr.slice(-1500));
  }
} finally {
  await server.close();
  await rm(scratch, { recursive: true, force: true });
}
const [a, b] = tools;
if (a !== undefined && b !== undefined) {
  const show = Number(arg('--show', '30'));
  const fa = fetched.get(a.id) ?? new Set<string>();
  const fb = fetched.get(b.id) ?? new Set<string>();
  const only = [...fa].filter((f) => !fb.has(f));
  console.log(`only ${a.id} (${only.length}):`);
  for (const f of only.slice(0, show)) console.log(`  ${f}  [${classOf.get(f)}]`);
  const onlyB = [...fb].filter((f) => !fa.has(f));
  console.log(`only ${b.id} (${onlyB.length}):`);
  for (const f of onlyB.slice(0, show)) console.log(`  ${f}  [${classOf.get(f)}]`);
}
