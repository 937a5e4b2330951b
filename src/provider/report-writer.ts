/**
 * A JSON report in pip's installation-report format, version "1" (pip's "Installation Report"
 * reference page): `install[]` entries with `download_info` (PEP 610 direct-URL data: `url` and
 * `archive_info.hashes`), `is_direct`, `is_yanked`, `requested`, `requested_extras` (only when the
 * user asked for extras, as pip does) and `metadata` (the JSON form of core metadata from PEP 566:
 * lower-case keys with `_`, multiple-use fields as lists), and `environment` (the marker
 * environment). wheelhouse adds a `wheelhouse` object per entry (file name, kind, size, the path its
 * METADATA took; for a wheel built from an sdist its sha256 and `built_from`, while `download_info`
 * names the sdist) and at the top level (generator and target).
 *
 * Only public URLs are written (src/index/redact.ts `publicUrl`: no userinfo, no query, the run's
 * secrets masked), so the file stays usable with credentials from netrc or the environment. Deterministic: entries sorted by name, fixed key order, no
 * timestamps, two-space indentation and a final newline.
 */
import { publicUrl } from '../index/redact.js';
import { pipQuotedUrl } from './pip-quoted-url.js';
import type { Resolution, ResolvedPackage } from './resolution.js';

export interface ReportWriterOptions {
  /** The target's marker environment (PEP 508 variable → value). */
  environment: Record<string, string>;
  generatedBy?: string;
  /** One-line description of the target. */
  target?: string;
}

function sortedKeys(record: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const key of Object.keys(record).sort()) out[key] = record[key] as string;
  return out;
}

function installEntry(pkg: ResolvedPackage): Record<string, unknown> {
  // A wheel built from an sdist: the sdist is where the distribution came from (pip reports the
  // sdist's URL and hash when it builds one too).
  const source = pkg.builtFrom ?? pkg.file;
  const sha = source.sha256.toLowerCase();
  const metadata: Record<string, unknown> = { metadata_version: '2.1', name: pkg.name, version: pkg.version };
  if (pkg.requiresDist.length > 0) metadata.requires_dist = [...pkg.requiresDist];
  if (pkg.requiresPython !== undefined && pkg.requiresPython !== '')
    metadata.requires_python = pkg.requiresPython;
  if (pkg.providesExtra !== undefined && pkg.providesExtra.length > 0) {
    metadata.provides_extra = [...pkg.providesExtra];
  }
  const entry: Record<string, unknown> = {
    download_info: {
      // A collected link as pip quotes it (`+` → `%2B`); a URL the user gave as written.
      url: pkg.isDirect
        ? publicUrl(source.redactedUrl)
        : publicUrl(pipQuotedUrl(publicUrl(source.redactedUrl))),
      archive_info: { hash: `sha256=${sha}`, hashes: { sha256: sha } },
    },
    is_direct: pkg.isDirect,
    is_yanked: pkg.yanked !== undefined,
    requested: pkg.requested,
  };
  if (pkg.requested && pkg.extras.length > 0) entry.requested_extras = [...pkg.extras].sort();
  entry.metadata = metadata;
  const wheelhouse: Record<string, unknown> = { filename: pkg.file.filename, kind: pkg.file.kind };
  if (pkg.file.size !== undefined) wheelhouse.size = pkg.file.size;
  if (pkg.builtFrom !== undefined) {
    wheelhouse.sha256 = pkg.file.sha256.toLowerCase();
    wheelhouse.built_from = pkg.builtFrom.filename;
  }
  wheelhouse.metadata_path = pkg.metadataPath;
  if (pkg.extras.length > 0) wheelhouse.extras = [...pkg.extras].sort();
  entry.wheelhouse = wheelhouse;
  return entry;
}

export function writeReport(resolution: Resolution, options: ReportWriterOptions): string {
  const packages = [...resolution.packages].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const wheelhouse: Record<string, unknown> = { generated_by: options.generatedBy ?? 'wheelhouse' };
  if (options.target !== undefined) wheelhouse.target = options.target;
  const report = {
    version: '1',
    install: packages.map(installEntry),
    environment: sortedKeys(options.environment),
    wheelhouse,
  };
  return JSON.stringify(report, null, 2) + '\n';
}
