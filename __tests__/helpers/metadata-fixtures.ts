/**
 * Glue between built dists, the test index server and DistFile (no jest imports; benches reuse it):
 * serve a set of wheels/sdists and describe each as the index would (sha256, size, PEP 658 hash).
 */
import { createHash } from 'node:crypto';
import type { DistFile } from '../../src/index/dist-file.js';
import { normalizeName } from '../../src/standards/names.js';
import type { BuiltDist } from './dists.js';
import type { IndexServer } from './index-server.js';

export interface Served {
  project: string;
  dist: BuiltDist;
  /** Serve `<file>.metadata` (PEP 658). */
  pep658?: boolean;
}

export function servedProjects(items: Served[]) {
  const byProject = new Map<
    string,
    { name: string; files: { filename: string; bytes: Uint8Array; metadata?: Uint8Array }[] }
  >();
  for (const item of items) {
    const p = byProject.get(item.project) ?? { name: item.project, files: [] };
    p.files.push({
      filename: item.dist.filename,
      bytes: item.dist.bytes,
      ...(item.pep658 === true ? { metadata: item.dist.metadata } : {}),
    });
    byProject.set(item.project, p);
  }
  return [...byProject.values()];
}

export interface DistFileOptions {
  /** Leave out `size` (as an index without PEP 700 size would). */
  noSize?: boolean;
  /** Leave out the file's sha256. */
  noHash?: boolean;
  /** Declare PEP 658 metadata with this sha256 (default: the real one when `pep658`). */
  metadataSha256?: string;
  /** Use this URL (e.g. with credentials) instead of the server's plain one. */
  url?: string;
}

export function distFileFor(server: IndexServer, item: Served, options: DistFileOptions = {}): DistFile {
  const url = options.url ?? server.fileUrl(item.dist.filename);
  const redacted = new URL(url);
  if (redacted.username || redacted.password) {
    redacted.username = '***';
    redacted.password = '';
  }
  const metadataSha = createHash('sha256').update(item.dist.metadata).digest('hex');
  return {
    project: normalizeName(item.project),
    filename: item.dist.filename,
    url,
    redactedUrl: redacted.toString(),
    hashes: options.noHash === true ? {} : { sha256: item.dist.sha256 },
    yanked: false,
    ...(options.noSize === true ? {} : { size: item.dist.bytes.length }),
    coreMetadata:
      item.pep658 === true || options.metadataSha256 !== undefined
        ? { sha256: options.metadataSha256 ?? metadataSha }
        : false,
    source: server.indexUrl,
  };
}
