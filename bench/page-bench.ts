/**
 * PyPI-scale page handling (issue 14, §2 "Page handling"): a generated pydantic-core-shaped PEP 691
 * JSON page (`--versions` versions × `--wheels` wheels each plus one sdist; default 200 × 49 + 200
 * = 10,000 links, ~4 MB like the real page), parsed by the same path a fetched page takes
 * (`parsePage`) and turned into ordered version candidates (`versionCandidates`) for a cp311
 * manylinux x86_64 target. Prints the median and minimum of `--reps` timed rounds after warm-up.
 * No network, no files: the page is built in memory from a fixed seed.
 *
 * `--bytes`: the page starts as the bytes a response delivers and is decoded as a fetched page is
 * (src/index/page-body.ts), decoding included in the times. `--pypi-order`: each entry's keys in
 * PyPI's order (alphabetical: core-metadata and data-dist-info-metadata before filename) instead of
 * the file name first.
 *
 *   node --import ./bench/register-swc.mjs bench/page-bench.ts [--versions 200] [--wheels 49] [--reps 30] [--bytes] [--pypi-order]
 */
import { versionCandidates } from '../src/provider/candidates.js';
import { targetEnvironment } from '../src/provider/target.js';
import { parsePage } from '../src/index/project-page-fetch.js';
import { JSON_PAGE_TYPE } from '../src/index/json-page.js';
import { normalizeName } from '../src/standards/names.js';
import { RecordingLogger } from '../src/util/logger.js';
import { decodePageBody } from '../src/index/page-body.js';

const argv = process.argv.slice(2);
const opt = (name: string, fallback: number): number => {
  const i = argv.indexOf(name);
  return i >= 0 && argv[i + 1] !== undefined ? Number(argv[i + 1]) : fallback;
};
const VERSIONS = opt('--versions', 200);
const WHEELS = opt('--wheels', 49);
const REPS = opt('--reps', 30);
/** `--html`: the same files as a PEP 503 HTML page (anchors with data-* attributes). */
const HTML = argv.includes('--html');
const BYTES = argv.includes('--bytes');
const PYPI_ORDER = argv.includes('--pypi-order');

/** Deterministic hex (xorshift32) so every run sees the same page. */
let seed = 0x2545f491;
function hex(n: number): string {
  let s = '';
  while (s.length < n) {
    seed ^= seed << 13;
    seed ^= seed >>> 17;
    seed ^= seed << 5;
    s += (seed >>> 0).toString(16).padStart(8, '0');
  }
  return s.slice(0, n);
}

const PYTHONS = ['cp38', 'cp39', 'cp310', 'cp311', 'cp312', 'cp313', 'pp39', 'pp310'];
const PLATFORMS = [
  'manylinux_2_17_x86_64.manylinux2014_x86_64',
  'manylinux_2_17_aarch64.manylinux2014_aarch64',
  'musllinux_1_1_x86_64',
  'musllinux_1_1_aarch64',
  'macosx_10_12_x86_64',
  'macosx_11_0_arm64',
  'win_amd64',
  'win32',
  'manylinux_2_17_i686.manylinux2014_i686',
  'manylinux_2_17_s390x.manylinux2014_s390x',
  'manylinux_2_17_ppc64le.manylinux2014_ppc64le',
];

function pageJson(): string {
  const files: unknown[] = [];
  for (let v = 0; v < VERSIONS; v++) {
    const version = `2.${Math.floor(v / 10)}.${v % 10}${v % 17 === 16 ? 'b1' : ''}`;
    const requiresPython = v < VERSIONS / 2 ? '>=3.7' : '>=3.8';
    const entry = (filename: string) => {
      const sha = hex(64);
      const fields: Record<string, unknown> = {
        filename,
        url: `https://files.pythonhosted.org/packages/${sha.slice(0, 2)}/${sha.slice(2, 4)}/${sha.slice(4)}/${filename}`,
        hashes: { sha256: sha },
        'requires-python': requiresPython,
        'core-metadata': { sha256: hex(64) },
        'data-dist-info-metadata': { sha256: hex(64) },
        size: 1_000_000 + v,
        'upload-time': '2024-01-01T00:00:00.000000Z',
        yanked: v % 53 === 52,
      };
      if (!PYPI_ORDER) return fields;
      return Object.fromEntries(Object.entries(fields).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
    };
    for (let w = 0; w < WHEELS; w++) {
      const py = PYTHONS[w % PYTHONS.length] as string;
      const plat = PLATFORMS[Math.floor(w / PYTHONS.length) % PLATFORMS.length] as string;
      const abi = py.startsWith('pp') ? `${py}_pypy_73` : py;
      files.push(entry(`pydantic_core-${version}-${py}-${abi}-${plat}.whl`));
    }
    files.push(entry(`pydantic_core-${version}.tar.gz`));
  }
  return JSON.stringify({
    meta: { 'api-version': '1.1' },
    name: 'pydantic-core',
    files,
    versions: [],
  });
}

function pageHtml(json: string): string {
  const doc = JSON.parse(json) as { files: Record<string, unknown>[] };
  const esc = (t: string) =>
    t.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('"', '&quot;');
  const anchors = doc.files.map((f) => {
    const sha = (f.hashes as { sha256: string }).sha256;
    const core = (f['core-metadata'] as { sha256: string }).sha256;
    const yanked = f.yanked === true ? ' data-yanked=""' : '';
    return `    <a href="${esc(f.url as string)}#sha256=${sha}" data-requires-python="${esc(f['requires-python'] as string)}" data-core-metadata="sha256=${core}" data-dist-info-metadata="sha256=${core}"${yanked}>${esc(f.filename as string)}</a><br />`;
  });
  return `<!DOCTYPE html>\n<html>\n  <head>\n    <meta name="pypi:repository-version" content="1.1">\n    <title>Links for pydantic-core</title>\n  </head>\n  <body>\n    <h1>Links for pydantic-core</h1>\n${anchors.join('\n')}\n  </body>\n</html>\n`;
}

const jsonBody = pageJson();
const body = HTML ? pageHtml(jsonBody) : jsonBody;
const bodyBytes = new TextEncoder().encode(body);
const project = normalizeName('pydantic-core');
const logger = new RecordingLogger();
const target = targetEnvironment({ pythonVersion: '3.11', os: 'linux', arch: 'x86_64' });
const rules = {
  tagPriority: target.tagPriority,
  pythonVersion: target.pythonVersion,
  tagSummary: target.summary,
  mayUseWheel: () => true,
  mayUseSdist: () => true,
  preferBinary: false,
};
const pageUrl = 'https://pypi.org/simple/pydantic-core/';

let compact = false;
function once(): { parseMs: number; candidatesMs: number; versions: number; links: number } {
  const t0 = performance.now();
  const type = HTML ? 'text/html' : JSON_PAGE_TYPE;
  let page;
  if (BYTES) {
    const { text, controlFree, seen } = decodePageBody(bodyBytes);
    page = parsePage(text, type, pageUrl, project, logger, controlFree, seen);
  } else page = parsePage(body, type, pageUrl, project, logger);
  const t1 = performance.now();
  compact = page.links !== undefined;
  const candidates = versionCandidates(page, rules, { logger });
  const t2 = performance.now();
  return {
    parseMs: t1 - t0,
    candidatesMs: t2 - t1,
    versions: candidates.length,
    links: (page.links ?? page.files).length,
  };
}

/** JSON.parse alone: the floor every PEP 691 client pays for this page. */
function jsonOnce(): number {
  const t0 = performance.now();
  JSON.parse(jsonBody);
  return performance.now() - t0;
}

for (let i = 0; i < 5; i++) once(); // warm-up (JIT)
const cpu0 = process.cpuUsage();
const rounds = Array.from({ length: REPS }, once);
const cpu = process.cpuUsage(cpu0);
for (let i = 0; i < 3; i++) jsonOnce();
const json = Array.from({ length: REPS }, jsonOnce);
const med = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;
const total = rounds.map((r) => r.parseMs + r.candidatesMs);
const first = rounds[0] as ReturnType<typeof once>;
const f = (x: number) => x.toFixed(1);
console.log(
  `page: ${first.links} links, ${(body.length / 1e6).toFixed(1)} MB, ${first.versions} versions; ` +
    `${REPS} rounds on node ${process.version}; ${HTML ? 'HTML' : 'JSON'}, ${compact ? 'compact links (scanner)' : 'general parser'}` +
    (BYTES ? '; from bytes (UTF-8 decoding included)' : '') +
    (PYPI_ORDER ? "; PyPI's key order" : ''),
);
console.log(
  `parse+candidates: median ${f(med(total))} ms, min ${f(Math.min(...total))} ms, ` +
    `process CPU ${f((cpu.user + cpu.system) / 1000 / REPS)} ms/round ` +
    `(parse median ${f(med(rounds.map((r) => r.parseMs)))} / min ${f(Math.min(...rounds.map((r) => r.parseMs)))} ms, ` +
    `candidates median ${f(med(rounds.map((r) => r.candidatesMs)))} / min ${f(Math.min(...rounds.map((r) => r.candidatesMs)))} ms); ` +
    `JSON.parse alone: median ${f(med(json))} ms, min ${f(Math.min(...json))} ms`,
);
