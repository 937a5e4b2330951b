/**
 * Writes docs/benchmarks.md (method, machine, settings, table of medians and ratios, targets),
 * docs/benchmarks.svg (report-svg.ts) and docs/benchmarks.json (the summaries) from the stored case
 * results. Text between `<!-- notes:start -->` and `<!-- notes:end -->` in the existing
 * docs/benchmarks.md is kept: that is where the hand-written analysis lives.
 */
import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { machineInfo } from './machine.js';
import { caseLabel, renderSvg } from './report-svg.js';
import { summarize, type CaseResult, type ToolSummary } from './results.js';
import { SWEEP } from './sweep.js';
import type { ServerSettings } from './args.js';

const NOTES_START = '<!-- notes:start -->';
const NOTES_END = '<!-- notes:end -->';

function mb(bytes: number): string {
  return (bytes / 1e6).toFixed(bytes < 10e6 ? 2 : 1);
}

function s(ms: number): string {
  return (ms / 1000).toFixed(2);
}

function kinds(r: ToolSummary['median']): string {
  const k = r.byKind;
  const n = (name: string) => k[name]?.requests ?? 0;
  return `${n('page')} / ${n('metadata')} / ${n('range') + n('head')} / ${n('file-full')}`;
}

/** Cases in sweep order first, then any others. */
function ordered(cases: CaseResult[]): CaseResult[] {
  const rank = (c: CaseResult) => {
    const i = SWEEP.findIndex(
      (w) =>
        w.workload === c.workload && w.scenario === c.scenario && (w.noPep658 === true) === c.server.noPep658,
    );
    return i < 0 ? SWEEP.length : i;
  };
  return [...cases].sort((a, b) => rank(a) - rank(b) || (a.variant < b.variant ? -1 : 1));
}

function table(cases: CaseResult[]): string[] {
  const lines = [
    '| case | tool | median s (min–max) | wheelhouse ÷ tool | CPU s | requests: pages / metadata / ranges+HEAD / whole files | MB served | peak concurrent requests | peak RSS MB | packages |',
    '|---|---|---|---|---|---|---|---|---|---|',
  ];
  for (const c of cases) {
    const sums = c.tools.map(summarize).filter((x): x is ToolSummary => x !== undefined);
    const wh = sums.find((x) => x.id === 'wheelhouse');
    for (const t of sums) {
      const ratio =
        wh && t.id !== 'wheelhouse' && t.wall.median > 0 ? (wh.wall.median / t.wall.median).toFixed(3) : '';
      const agree =
        t.median.agrees === false
          ? ` ≠ expected (${(t.median.diff ?? []).slice(0, 3).join('; ')})`
          : t.median.agrees
            ? ' ✓'
            : '';
      const fail = t.ok ? '' : ` **${t.failures} failed**`;
      lines.push(
        `| ${caseLabel(c)} | ${t.id} | ${s(t.wall.median)} (${s(t.wall.min)}–${s(t.wall.max)})${fail} | ${ratio} | ` +
          `${t.cpuSec !== undefined ? t.cpuSec.toFixed(2) : '?'} | ` +
          `${kinds(t.median)} | ${mb(t.median.bytes)} | ${t.median.peakInFlight} | ` +
          `${t.rssMb !== undefined ? t.rssMb.toFixed(0) : '?'} | ${t.median.packages ?? ''}${agree} |`,
      );
    }
  }
  return lines;
}

interface Verdict {
  target: string;
  result: string;
}

function find(
  cases: CaseResult[],
  workload: string,
  scenario: string,
  noPep658 = false,
): CaseResult | undefined {
  return cases.find(
    (c) => c.workload === workload && c.scenario === scenario && c.server.noPep658 === noPep658,
  );
}

function ratioVerdict(c: CaseResult | undefined, bound: number, peerPrefix: string): string {
  if (!c) return 'not measured (case missing from the results)';
  const sums = c.tools.map(summarize).filter((x): x is ToolSummary => x !== undefined);
  const wh = sums.find((x) => x.id === 'wheelhouse');
  const peers = sums.filter((x) => x.id.startsWith(peerPrefix));
  if (!wh || peers.length === 0) return 'not measured (wheelhouse or the pip peer missing)';
  return peers
    .map((p) => {
      const r = wh.wall.median / p.wall.median;
      return `vs ${p.id}: ${r.toFixed(3)} — ${r <= bound ? 'met' : '**not met**'}`;
    })
    .join('; ');
}

function verdicts(cases: CaseResult[], currentPip: string | undefined): Verdict[] {
  const pipPrefix = currentPip ?? 'pip-';
  const out: Verdict[] = [
    {
      target:
        'Cold resolution of real-ds (~130 packages) ≤ 1/8 of pip --dry-run --report (current pip), PEP 658 index',
      result: ratioVerdict(find(cases, 'real-ds', 'cold-resolve'), 1 / 8, pipPrefix),
    },
    {
      target: 'The same without PEP 658 files',
      result: ratioVerdict(find(cases, 'real-ds', 'cold-resolve', true), 1 / 8, pipPrefix),
    },
    {
      target: 'Cold fetch of real-ds (~130 packages, ~350 MB) ≤ 1/4 of pip download',
      result: ratioVerdict(find(cases, 'real-ds', 'cold-fetch'), 1 / 4, pipPrefix),
    },
  ];
  for (const w of ['gen-web', 'real-ds', 'real-ml']) {
    const c = find(cases, w, 'warm');
    const wh = c?.tools.find((t) => t.id === 'wheelhouse');
    const sum = wh ? summarize(wh) : undefined;
    if (!sum) continue;
    const k = sum.median.byKind;
    const n = (x: string) => k[x]?.requests ?? 0;
    const wheelAndMeta = n('metadata') + n('range') + n('head') + n('file-full');
    out.push({
      target: `Warm run of ${w}: zero wheel and zero metadata requests`,
      result: `${wheelAndMeta} wheel/metadata requests (${n('page')} page requests) — ${wheelAndMeta === 0 ? 'met' : '**not met**'}`,
    });
  }
  const ml = find(cases, 'real-ml', 'cold-fetch');
  const mlWh = ml?.tools.find((t) => t.id === 'wheelhouse');
  const mlSum = mlWh ? summarize(mlWh) : undefined;
  out.push({
    target: 'Peak RSS < 200 MB while fetching ~1 GB of wheels (real-ml cold fetch)',
    result:
      mlSum?.rssMb !== undefined
        ? `${mlSum.rssMb.toFixed(0)} MB peak over ${mlSum.wall.n} runs, ${mb(mlSum.median.bytes)} MB fetched — ${mlSum.rssMb < 200 ? 'met' : '**not met**'}`
        : 'not measured',
  });
  return out;
}

/** `3`, or `3–5` when cases were run with different repetition counts. */
function repetitions(cases: CaseResult[]): string {
  const counts = cases.flatMap((c) => c.tools.map((t) => t.runs.length));
  const lo = Math.min(...counts);
  const hi = Math.max(...counts);
  return lo === hi ? `${hi}` : `${lo}–${hi}`;
}

function loadLine(cases: CaseResult[]): string[] {
  const loads = cases.flatMap((c) => c.loadAverage ?? []);
  if (loads.length === 0) return [];
  return [
    `- 1-minute load average during the cases: ${Math.min(...loads).toFixed(1)}–${Math.max(...loads).toFixed(1)} ` +
      `on ${cpus().length} CPUs (other engineers' jobs share the machine, so absolute times are noisy; ratios come from alternating runs).`,
  ];
}

/** Same latency, bandwidth and page/range switches (PEP 658 on or off both belong to a sweep). */
function sameSettings(a: ServerSettings, b: ServerSettings): boolean {
  return (
    a.latencyMs === b.latencyMs &&
    a.bandwidthBytesPerSec === b.bandwidthBytesPerSec &&
    a.noJson === b.noJson &&
    a.noSuffixRanges === b.noSuffixRanges
  );
}

export async function writeDocs(
  repo: string,
  all: CaseResult[],
  skips: string[],
  settings: ServerSettings,
): Promise<string[]> {
  const cases = ordered(all.filter((c) => sameSettings(c.server, settings)));
  const mdPath = join(repo, 'docs', 'benchmarks.md');
  const svgPath = join(repo, 'docs', 'benchmarks.svg');
  const jsonPath = join(repo, 'docs', 'benchmarks.json');
  let notes = `${NOTES_START}\n${NOTES_END}`;
  if (existsSync(mdPath)) {
    const old = await readFile(mdPath, 'utf8');
    const a = old.indexOf(NOTES_START);
    const b = old.indexOf(NOTES_END);
    if (a >= 0 && b > a) notes = old.slice(a, b + NOTES_END.length);
  }
  const m = machineInfo();
  const versions = [...new Set(cases.flatMap((c) => c.tools.map((t) => `${t.id}: ${t.version}`)))].sort();
  const pipIds = [...new Set(cases.flatMap((c) => c.tools.map((t) => t.id)))].filter(
    (id) => id.startsWith('pip-') && !id.includes('+'),
  );
  const currentPip = pipIds.sort((a, b) => b.localeCompare(a, 'en', { numeric: true }))[0];
  const first = cases[0];
  const dates = cases.map((c) => c.date).sort();
  const md = [
    '# Benchmarks',
    '',
    'Generated by `npm run bench` (bench/harness/); the numbers below are real measurements from the',
    'machine described here. Reproduce everything with one command on a fresh clone:',
    '',
    '```sh',
    'npm ci && npm run bench            # the full sweep (about 10–15 minutes), rewrites this file',
    'npm run bench -- --workload real-ds --scenario cold-resolve --no-pep658 --reps 5   # one case',
    '```',
    '',
    'Real-wheel workloads need a local mirror of real PyPI wheels (`/opt/pypi/files`, `/opt/pypi-more/files`,',
    '`/opt/wheels`, or `WHEELHOUSE_BENCH_MIRROR=dir1:dir2`); without one they are skipped with a message.',
    '',
    '![wheelhouse vs pip, median wall time](benchmarks.svg)',
    '',
    '## Targets',
    '',
    '| target | result |',
    '|---|---|',
    ...verdicts(cases, currentPip).map((v) => `| ${v.target} | ${v.result} |`),
    '',
    notes,
    '',
    '## Results',
    '',
    'Median of the repetitions, with min–max; CPU s is the median user + system CPU time of the client. Requests and bytes are counted by the index server for the',
    'timed run only (the median run); "ranges+HEAD" are HTTP range requests and HEAD requests on wheel files;',
    '"whole files" are full wheel downloads. Peak RSS is the maximum over the repetitions. "packages" is the',
    'size of the resolution (resolve: from the JSON report; fetch: wheels in the destination); ✓ means it',
    'equals the expected resolution (generated: by construction; real: pip 23.2.1 against the mirror).',
    '',
    ...table(cases),
    '',
    '## Method',
    '',
    '- **Index**: the test index server of `__tests__/helpers/index-server.ts` on 127.0.0.1, in the harness',
    '  process, serving PEP 691 JSON (with file sizes) and PEP 503 HTML, PEP 658/714 `.metadata` files (unless',
    '  "no PEP 658"), and files with HTTP range support. Every response waits the configured latency first',
    '  (a stand-in for one round trip); every body is throttled per response to the configured bandwidth.',
    '- **Clients** run as child processes, one at a time, each in fresh directories (`HOME`, `XDG_CACHE_HOME`,',
    '  cache and destination). pip runs with every `PIP_*` variable removed and `PIP_CONFIG_FILE=/dev/null`, so',
    "  the machine's mirror configuration does not leak in, with `--index-url http://127.0.0.1:PORT/simple/`,",
    '  a fresh `--cache-dir` per cold run, `--disable-pip-version-check --progress-bar off -q`.',
    '- **Alternation**: in each repetition every tool runs once; the starting tool rotates per repetition.',
    "- **Wall time** is spawn to exit of the client process. **Peak RSS** is GNU time's `%M` (max resident set",
    '  size of the client process, KiB) when `/usr/bin/time` exists, else /proc/PID/status `VmHWM` polling.',
    '- **Scenarios**: `cold-resolve` = `wheelhouse resolve --report` vs `pip install --dry-run --ignore-installed',
    '  --report` (pip with `--use-feature=fast-deps` too on indexes without PEP 658); `cold-fetch` = `wheelhouse',
    '  fetch --dest D --cache-dir C` vs `pip download -d D`; `warm` = the same fetch again into a fresh',
    '  destination with the cache of an untimed first fetch (pip: its HTTP cache); `one-pin-changed` = after an',
    '  untimed fetch of the base requirements, a fetch with one pin changed.',
    '- **Workloads**: `gen-web` (60 generated packages, seeded), `gen-backtrack` (generated traps that force',
    '  every resolver to walk down 8 versions of 8 packages), `real-web`, `real-ds`, `real-ml` (real wheels from',
    '  the local mirror: the closure pip finds for the requirements, each project with its other mirror wheels',
    '  up to 20 MB; `.metadata` files extracted from the wheels).',
    '',
    '## Machine and settings',
    '',
    `- ${m.cpus} CPUs (${m.cpuModel}), ${m.memoryGb} GB memory, ${m.os}; the CPUs are shared with other work.`,
    `- Node ${m.node}, ${m.python}; ${versions.join('; ')}.`,
    first
      ? `- Latency ${first.server.latencyMs} ms per response, ${first.server.bandwidthBytesPerSec / 1e6} MB/s per connection; ` +
        `${first.server.noJson ? 'HTML pages only' : 'JSON pages'}; ${first.server.noSuffixRanges ? 'suffix ranges refused' : 'suffix ranges served'}; ` +
        `${repetitions(cases)} repetitions.`
      : '- No results yet.',
    ...(dates.length > 0 ? [`- Measured ${dates[0]} – ${dates[dates.length - 1]}.`] : []),
    ...loadLine(cases),
    ...cases
      .filter((c) => c.changedPin !== undefined)
      .map((c) => `- ${c.workload} one-pin-changed: ${c.changedPin}.`),
    ...cases
      .filter((c, i, arr) => arr.findIndex((x) => x.workload === c.workload) === i)
      .map(
        (c) =>
          `- ${c.workload}: ${c.workloadDescription}; serves ${c.served.projects} projects, ${c.served.files} files, ${mb(c.served.bytes)} MB` +
          `${c.expectedPackages !== undefined ? `; resolution of ${c.expectedPackages} packages` : ''}.`,
      ),
    ...skips.map((x) => `- ${x}`),
    '',
  ].join('\n');
  const summaries = cases.map((c) => ({
    workload: c.workload,
    scenario: c.scenario,
    variant: c.variant,
    tools: c.tools.map(summarize).filter((x) => x !== undefined),
  }));
  await writeFile(mdPath, md);
  await writeFile(svgPath, renderSvg(cases));
  await writeFile(jsonPath, JSON.stringify({ machine: m, cases: summaries }, null, 2) + '\n');
  return [mdPath, svgPath, jsonPath];
}
