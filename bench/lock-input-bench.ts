/**
 * Lock file input against resolving (issue 11, §3): a cold `wheelhouse fetch` of the real-ds
 * workload from its requirements, against a cold fetch of the same set from a uv.lock, both against
 * the local test index serving the mirror's real wheels (25 ms latency, 40 MB/s per connection, as
 * the standard bench). No cache (`--no-cache`), fresh directories per run, the two alternating.
 *
 * The uv.lock is written here from wheelhouse's own resolution of the requirements (uv is not on
 * the benchmark machine): one `[[package]]` per resolved project with its registry source, its
 * dependency edges (Requires-Dist entries that apply on the target and name resolved projects) and
 * every wheel the index serves for that version (URL, sha256, size), under a virtual root.
 *
 *   node --import ./bench/register-swc.mjs bench/lock-input-bench.ts [--reps N] [--workload real-ds]
 */
import { createHash } from 'node:crypto';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { loadavg } from 'node:os';
import { startIndexServer } from '../__tests__/helpers/index-server.js';
import { tomlString } from '../src/provider/pylock-writer.js';
import { targetEnvironment } from '../src/provider/target.js';
import { markerExtras } from '../src/standards/markers.js';
import { evaluateMarker } from '../src/standards/marker-evaluation.js';
import { normalizeName } from '../src/standards/names.js';
import { parseRequirement } from '../src/standards/requirement.js';
import { runMeasured } from './harness/measure.js';
import { loadRealWorkload } from './harness/real-workloads.js';
import { median } from './harness/stats.js';
import { cleanEnv } from './harness/tools.js';
import { wheelhouseCommand } from './harness/wheelhouse-build.js';

const argv = process.argv.slice(2);
const opt = (name: string, fallback: string): string => {
  const i = argv.indexOf(name);
  return i >= 0 && argv[i + 1] !== undefined ? (argv[i + 1] as string) : fallback;
};
const reps = Number(opt('--reps', '3'));
const workloadName = opt('--workload', 'real-ds');
const repo = process.cwd();
const scratch = join(repo, 'bench', '.cache', 'lock-input');
// The target is this machine (python3 on PATH, this runner), as in the standard bench.
const TARGET: string[] = [];

const workload = await loadRealWorkload(workloadName, join(repo, 'bench', '.cache'));
if ('skip' in workload) {
  console.log(workload.skip);
  process.exit(0);
}
const server = await startIndexServer({
  projects: workload.projects,
  modes: { latencyMs: 25, bandwidthBytesPerSec: 40e6 },
});
// The current sources (dist/ is rebuilt by the lead, and may predate lock inputs).
const cmd = await wheelhouseCommand(repo, 'js');
await rm(scratch, { recursive: true, force: true });
await mkdir(scratch, { recursive: true });
const env = cleanEnv({ HOME: join(scratch, 'home'), XDG_CACHE_HOME: join(scratch, 'xdg') });
const run = (args: string[], cwd: string) =>
  runMeasured({
    command: process.execPath,
    args: [...cmd.prefix, ...args],
    env,
    cwd,
    scratch: cwd,
    timeoutMs: 600_000,
  });

try {
  // The resolution the lock records.
  const prep = join(scratch, 'prep');
  await mkdir(prep, { recursive: true });
  await writeFile(join(prep, 'requirements.txt'), workload.requirements.join('\n') + '\n');
  const resolved = await run(
    ['resolve', '-r', 'requirements.txt', '-i', server.indexUrl, ...TARGET, '--report', 'report.json', '-q'],
    prep,
  );
  if (resolved.exitCode !== 0) throw new Error(`resolve failed: ${resolved.stderr.slice(-800)}`);
  const report = JSON.parse(await readFile(join(prep, 'report.json'), 'utf8')) as {
    install: {
      requested: boolean;
      requested_extras?: string[];
      metadata: { name: string; version: string; requires_dist?: string[] };
    }[];
  };
  const markers = targetEnvironment({
    pythonVersion: '3.11',
    os: 'linux',
    arch: 'x86_64',
    glibc: [2, 28],
  }).markers;
  const names = new Set(report.install.map((i) => normalizeName(i.metadata.name)));
  const lines = ['version = 1', 'revision = 3', 'requires-python = ">=3.10"', ''];
  const dep = (d: { name: string; extras: string[] }) =>
    `    { name = ${tomlString(d.name)}${d.extras.length > 0 ? `, extra = [${d.extras.map(tomlString).join(', ')}]` : ''} },`;
  const edges = (key: string, deps: { name: string; extras: string[] }[]) => [
    `${key} = [`,
    ...deps.map(dep),
    ']',
  ];
  const rootDeps = report.install
    .filter((i) => i.requested)
    .map((i) => ({ name: normalizeName(i.metadata.name), extras: i.requested_extras ?? [] }));
  lines.push(
    '[[package]]',
    'name = "bench-root"',
    'version = "0"',
    'source = { virtual = "." }',
    ...edges('dependencies', rootDeps),
    '',
  );
  for (const item of report.install) {
    const name = normalizeName(item.metadata.name);
    // uv.lock's shape: unconditional edges, and per-extra edges under optional-dependencies.
    const base: { name: string; extras: string[] }[] = [];
    const optional = new Map<string, { name: string; extras: string[] }[]>();
    for (const text of item.metadata.requires_dist ?? []) {
      const r = parseRequirement(text);
      if (!names.has(r.name) || r.name === name) continue;
      const d = { name: r.name, extras: r.extras };
      if (r.marker === undefined || evaluateMarker(r.marker, markers)) base.push(d);
      else {
        for (const e of markerExtras(r.marker)) {
          if (evaluateMarker(r.marker, markers, [e])) optional.set(e, [...(optional.get(e) ?? []), d]);
        }
      }
    }
    const served = workload.projects.find((p) => normalizeName(p.name) === name);
    const wheels = (served?.files ?? []).filter((f) => f.filename.includes(`-${item.metadata.version}-`));
    lines.push('[[package]]', `name = ${tomlString(name)}`, `version = ${tomlString(item.metadata.version)}`);
    lines.push(
      `source = { registry = ${tomlString(server.indexUrl)} }`,
      ...(base.length > 0 ? edges('dependencies', base) : []),
    );
    lines.push('wheels = [');
    for (const f of wheels) {
      const sha = createHash('sha256').update(f.bytes).digest('hex');
      lines.push(
        `    { url = ${tomlString(server.fileUrl(f.filename))}, hash = "sha256:${sha}", size = ${f.bytes.length} },`,
      );
    }
    lines.push(']', '');
    if (optional.size > 0) {
      lines.push(`[package.optional-dependencies]`);
      for (const [e, deps] of optional) lines.push(...edges(tomlString(e), deps));
      lines.push('');
    }
  }
  const lockText = lines.join('\n');

  const results: Record<
    string,
    { ms: number[]; pages: number; metadata: number; files: number; mb: number }
  > = {};
  for (let rep = 0; rep < reps; rep++) {
    const order = rep % 2 === 0 ? ['requirements', 'uv.lock'] : ['uv.lock', 'requirements'];
    for (const kind of order) {
      const dir = join(scratch, `${kind}-${rep}`);
      await mkdir(dir, { recursive: true });
      await writeFile(join(dir, 'requirements.txt'), workload.requirements.join('\n') + '\n');
      await writeFile(join(dir, 'uv.lock'), lockText);
      server.reset();
      const input =
        kind === 'uv.lock' ? ['-r', 'uv.lock'] : ['-r', 'requirements.txt', '-i', server.indexUrl];
      const m = await run(['fetch', ...input, ...TARGET, '--dest', 'wh', '--no-cache', '-q'], dir);
      if (m.exitCode !== 0) throw new Error(`${kind} fetch failed: ${m.stderr.slice(-800)}`);
      const c = server.counters;
      const r = (results[kind] ??= { ms: [], pages: 0, metadata: 0, files: 0, mb: 0 });
      r.ms.push(Math.round(m.wallMs));
      r.pages = c.byKind.page.requests;
      r.metadata = c.byKind.metadata.requests + c.byKind.range.requests;
      r.files = c.byKind['file-full'].requests;
      r.mb = Math.round(c.bytes / 1e5) / 10;
      console.log(
        `${kind} rep ${rep}: ${Math.round(m.wallMs)} ms, ${r.pages} pages, ${r.metadata} metadata/range, ${r.files} files, ${r.mb} MB (load ${loadavg()[0]?.toFixed(1)})`,
      );
      await rm(dir, { recursive: true, force: true });
    }
  }
  console.log(
    `\nwheelhouse ${cmd.mode}; ${workloadName}, ${report.install.length} packages; median of ${reps}`,
  );
  console.log('| input | cold fetch (median) | runs | pages | metadata + range requests | files | MB |');
  console.log('| --- | --- | --- | --- | --- | --- | --- |');
  for (const [kind, r] of Object.entries(results)) {
    console.log(
      `| ${kind} | ${(median(r.ms) / 1000).toFixed(2)} s | ${r.ms.map((x) => (x / 1000).toFixed(2)).join(' / ')} | ${r.pages} | ${r.metadata} | ${r.files} | ${r.mb} |`,
    );
  }
} finally {
  await server.close();
  await rm(scratch, { recursive: true, force: true });
}
