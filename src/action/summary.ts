/**
 * The job summary (GITHUB_STEP_SUMMARY, GitHub-flavoured Markdown): one line on the cache and the
 * transfer, a table of every resolved package (version, size, whether it came from the cache or
 * was downloaded, and which path its METADATA took), and per-phase timings. Built as text by
 * `summaryMarkdown` (pure, tested) and written by `writeSummary`.
 */
import * as core from '@actions/core';
import { formatBytes } from '../download/progress.js';
import type { FailureLocation, FlowFailure } from '../flow/failure.js';
import type { FetchResult, PackageSource } from '../flow/fetch.js';
import { redactText } from '../index/redact.js';
import type { PhaseTiming } from '../flow/phase-timer.js';

const SOURCE_TEXT: Record<PackageSource, string> = {
  cache: 'from cache',
  downloaded: 'downloaded',
  reused: 'reused (fetched earlier: resolution or tool cache)',
  present: 'already present',
  built: 'built from its sdist',
};

const METADATA_TEXT: Record<string, string> = {
  pep658: 'PEP 658 .metadata',
  'lazy-wheel': 'range requests',
  download: 'whole wheel',
  sdist: 'sdist PKG-INFO',
  prepared: 'prepared by pip (sdist build backend)',
  cache: 'cache',
  lock: 'lock file',
};

/** Markdown table cell: pipes and line breaks would break the row. */
function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/[\r\n]+/g, ' ');
}

function seconds(ms: number): string {
  return ms < 1000 ? `${ms} ms` : `${(ms / 1000).toFixed(2)} s`;
}

export function timingsTable(timings: PhaseTiming[]): string {
  const rows = timings.map((t) => `| ${t.phase} | ${seconds(t.ms)} |`);
  const total = timings.reduce((s, t) => s + t.ms, 0);
  return ['| Phase | Time |', '| --- | ---: |', ...rows, `| **total** | **${seconds(total)}** |`].join('\n');
}

/** `installLine`: what `install: true` did, shown under the head line. */
export function summaryMarkdown(
  result: FetchResult,
  extraTimings: PhaseTiming[] = [],
  installLine?: string,
): string {
  const cache = result.cacheHit
    ? `cache hit \`${result.key.key}\``
    : result.matchedKey !== undefined
      ? `restored \`${result.matchedKey}\` by prefix; new key \`${result.key.key}\``
      : `cache miss; new key \`${result.key.key}\``;
  const fromCache = result.packages.filter((p) => p.source === 'cache').length;
  const head =
    `### wheelhouse: ${result.packages.length} packages for ${cell(result.prepared.describe)}\n\n` +
    `${cache} · ${result.downloaded} downloaded (${formatBytes(result.downloadedBytes)}) · ${fromCache} from cache` +
    (result.removed.some((r) => r.reason === 'hash-mismatch')
      ? ` · ${result.removed.filter((r) => r.reason === 'hash-mismatch').length} cached file(s) had wrong bytes and were replaced`
      : '') +
    (installLine !== undefined ? `\n\n${cell(installLine)}` : '');
  const rows = result.packages.map(
    (p) =>
      `| ${cell(p.name)} | ${cell(p.version)} | ${p.size === undefined ? '' : formatBytes(p.size)} | ${SOURCE_TEXT[p.source]} | ${METADATA_TEXT[p.metadataPath] ?? p.metadataPath} |`,
  );
  const table = [
    '| Package | Version | Size | Source | Metadata |',
    '| --- | --- | ---: | --- | --- |',
    ...rows,
  ].join('\n');
  return `${head}\n\n${table}\n\n${timingsTable([...result.timings, ...extraTimings])}\n`;
}

const FAILURE_TEXT: Record<FlowFailure['kind'] | 'install', string> = {
  unsatisfiable: 'no set of versions satisfies the requirements',
  input: 'a problem with the inputs or requirement files',
  network: 'an index or find-links location could not be read',
  download: 'a distribution could not be downloaded or verified',
  build: 'an sdist could not be built',
  install: 'installing the wheelhouse into the Python environment failed',
  internal: 'internal error (a wheelhouse bug: please report it with this log)',
};

/** The job summary of a failed run: what failed (the kind and the message) and where (file:line). */
export function failureSummaryMarkdown(
  kind: FlowFailure['kind'] | 'install',
  message: string,
  locations: FailureLocation[] = [],
): string {
  const longest = Math.max(2, ...[...message.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = '`'.repeat(longest + 1);
  const where = locations.map(
    (l) => `- \`${l.file}:${l.line}${l.column !== undefined ? `:${l.column}` : ''}\` ${cell(l.message)}`,
  );
  return [
    `### wheelhouse failed: ${FAILURE_TEXT[kind]}`,
    '',
    `${fence}text\n${message}\n${fence}`,
    ...(where.length > 0 ? ['', '**Where**', '', ...where] : []),
    '',
  ].join('\n');
}

export async function writeSummary(markdown: string): Promise<void> {
  await core.summary.addRaw(redactText(markdown), true).write();
}
