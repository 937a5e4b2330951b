/** Command-line options of `npm run bench -- …` (see HELP). */

export const SCENARIOS = ['cold-resolve', 'cold-fetch', 'warm', 'one-pin-changed'] as const;
export type Scenario = (typeof SCENARIOS)[number];

export interface ServerSettings {
  latencyMs: number;
  /** Per-connection body bandwidth in bytes per second (0 = unlimited). */
  bandwidthBytesPerSec: number;
  noPep658: boolean;
  noJson: boolean;
  noSuffixRanges: boolean;
  /** Project-page ETags that are no body digest (issue 10 §1: restored pages then fetched whole). */
  opaquePageEtags?: boolean;
  /** `Cache-Control: max-age=N` on project pages (PyPI sends 600); none when undefined. */
  pageMaxAge?: number;
}

export interface BenchArgs {
  workloads: string[];
  scenarios: Scenario[];
  server: ServerSettings;
  reps: number;
  /** Tool ids to run (all when empty). */
  tools: string[];
  wheelhouse?: 'dist' | 'js' | 'loader';
  timeoutSec: number;
  /** Regenerate docs/benchmarks.{md,svg,json} from stored results only. */
  reportOnly: boolean;
  /** Run the standard sweep (the default when no workload is given). */
  sweep: boolean;
  writeDocs: boolean;
  /** PyPI-shaped workloads with short histories (and one repetition unless --reps is given). */
  quick: boolean;
  help: boolean;
}

export const HELP = `Usage: npm run bench -- [options]

Without --workload, runs the standard sweep (every workload and scenario of docs/benchmarks.md)
and rewrites docs/benchmarks.md, docs/benchmarks.svg and docs/benchmarks.json.

  --workload NAME        gen-web | gen-backtrack | real-web | real-ds | real-ml | pypi-fastapi |
                         pypi-prefect | pypi-dspy | pypi-docling (repeatable, or a,b)
  --quick                PyPI-shaped workloads with short histories (3–8 releases per project) and
                         one repetition unless --reps is given
  --scenario NAME        cold-resolve | cold-fetch | warm | one-pin-changed (repeatable; default all)
  --latency-ms N         delay before every response (default 25)
  --bandwidth-mbps N     per-connection body bandwidth in megabytes (10^6 bytes) per second
                         (default 40; 0 = unlimited)
  --no-pep658            serve no .metadata files (PEP 658/714)
  --no-json              serve only PEP 503 HTML pages (no PEP 691 JSON, so no file sizes)
  --no-suffix-ranges     answer 501 to suffix ranges (bytes=-N), like the main public CDN
  --opaque-page-etags    project-page ETags that are not body digests (warm runs then refetch pages)
  --page-max-age N       send Cache-Control: max-age=N with project pages
  --reps N               repetitions per tool, alternating tools (default 3)
  --tools a,b            only these tool ids (wheelhouse, pip-23.2.1, pip-26.2.1, …+fast-deps)
  --wheelhouse MODE      dist | js | loader (default: dist when current, else js)
  --timeout-s N          kill a run after N seconds (default 300)
  --write-docs           also rewrite docs/benchmarks.* after a --workload run
  --report               only rewrite docs/benchmarks.* from bench/.cache/results/
  -h, --help             this text

  npm run bench -- whole-job [--quick | --workload NAME --reps N …]
                         the action's whole job (restore, resolve, verify, install) against the
                         setup-python cache: pip way, cold and warm (bench/whole-job-bench.ts;
                         --quick = real-web, one repetition)
`;

export class BenchUsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BenchUsageError';
  }
}

function numberArg(name: string, value: string | undefined): number {
  const n = Number(value);
  if (value === undefined || value === '' || !Number.isFinite(n) || n < 0) {
    throw new BenchUsageError(`${name} needs a non-negative number, got ${JSON.stringify(value ?? '')}`);
  }
  return n;
}

export function parseBenchArgs(argv: string[]): BenchArgs {
  const a: BenchArgs = {
    workloads: [],
    scenarios: [],
    server: {
      latencyMs: 25,
      bandwidthBytesPerSec: 40e6,
      noPep658: false,
      noJson: false,
      noSuffixRanges: false,
    },
    reps: 3,
    tools: [],
    timeoutSec: 300,
    reportOnly: false,
    sweep: false,
    writeDocs: false,
    quick: false,
    help: false,
  };
  let repsGiven = false;
  for (let i = 0; i < argv.length; i++) {
    const raw = argv[i] as string;
    const eq = raw.indexOf('=');
    const flag = raw.startsWith('--') && eq > 0 ? raw.slice(0, eq) : raw;
    const inline = raw.startsWith('--') && eq > 0 ? raw.slice(eq + 1) : undefined;
    const value = (): string => {
      if (inline !== undefined) return inline;
      const v = argv[++i];
      if (v === undefined) throw new BenchUsageError(`${flag} needs a value`);
      return v;
    };
    switch (flag) {
      case '--workload':
        a.workloads.push(...value().split(',').filter(Boolean));
        break;
      case '--scenario':
        for (const s of value().split(',').filter(Boolean)) {
          if (!(SCENARIOS as readonly string[]).includes(s)) {
            throw new BenchUsageError(
              `unknown scenario ${JSON.stringify(s)}; one of ${SCENARIOS.join(', ')}`,
            );
          }
          a.scenarios.push(s as Scenario);
        }
        break;
      case '--latency-ms':
        a.server.latencyMs = numberArg(flag, value());
        break;
      case '--bandwidth-mbps':
        a.server.bandwidthBytesPerSec = Math.round(numberArg(flag, value()) * 1e6);
        break;
      case '--no-pep658':
        a.server.noPep658 = true;
        break;
      case '--no-json':
        a.server.noJson = true;
        break;
      case '--no-suffix-ranges':
        a.server.noSuffixRanges = true;
        break;
      case '--opaque-page-etags':
        a.server.opaquePageEtags = true;
        break;
      case '--page-max-age':
        a.server.pageMaxAge = numberArg(flag, value());
        break;
      case '--reps':
        a.reps = Math.max(1, Math.floor(numberArg(flag, value())));
        repsGiven = true;
        break;
      case '--quick':
        a.quick = true;
        break;
      case '--tools':
        a.tools.push(...value().split(',').filter(Boolean));
        break;
      case '--wheelhouse': {
        const v = value();
        if (v !== 'dist' && v !== 'js' && v !== 'loader') {
          throw new BenchUsageError(`--wheelhouse is dist, js or loader, got ${JSON.stringify(v)}`);
        }
        a.wheelhouse = v;
        break;
      }
      case '--timeout-s':
        a.timeoutSec = numberArg(flag, value());
        break;
      case '--report':
        a.reportOnly = true;
        break;
      case '--write-docs':
        a.writeDocs = true;
        break;
      case '-h':
      case '--help':
        a.help = true;
        break;
      default:
        throw new BenchUsageError(`unknown option ${JSON.stringify(raw)} (see --help)`);
    }
  }
  if (a.quick && !repsGiven) a.reps = 1;
  a.sweep = a.workloads.length === 0 && !a.reportOnly;
  if (a.sweep) a.writeDocs = true;
  return a;
}

/** A short name for the server settings, used in result file names and tables. */
export function variantName(s: ServerSettings): string {
  const parts = [s.noPep658 ? 'no-pep658' : 'pep658'];
  if (s.noJson) parts.push('no-json');
  if (s.noSuffixRanges) parts.push('no-suffix');
  if (s.opaquePageEtags === true) parts.push('opaque-etags');
  if (s.pageMaxAge !== undefined) parts.push(`max-age-${s.pageMaxAge}`);
  parts.push(
    `${s.latencyMs}ms`,
    s.bandwidthBytesPerSec > 0 ? `${s.bandwidthBytesPerSec / 1e6}MBps` : 'unlimited',
  );
  return parts.join('-');
}
