/** A served index plus real HTTP client for provider tests. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHttpClient } from '../../src/index/http.js';
import type { HttpClient } from '../../src/index/http-client.js';
import { silentLogger } from '../../src/util/logger.js';
import { buildSdist, buildWheel } from '../helpers/dists.js';
import {
  startIndexServer,
  type IndexServer,
  type ServedFile,
  type ServedProject,
} from '../helpers/index-server.js';

export interface DistSpec {
  name: string;
  version: string;
  requires?: string[];
  requiresPython?: string;
  /** Wheel tag triples; default one py3-none-any wheel; [] for none. */
  wheels?: string[];
  sdist?: boolean;
  /** PKG-INFO Dynamic fields of the sdist (e.g. ['requires-dist'] makes it need a build). */
  sdistDynamic?: string[];
  yanked?: boolean;
  providesExtra?: string[];
  /** The wheel METADATA's Metadata-Version (default 2.1). */
  metadataVersion?: string;
}

export function projectsOf(specs: DistSpec[]): ServedProject[] {
  const byName = new Map<string, ServedFile[]>();
  for (const s of specs) {
    const files = byName.get(s.name) ?? [];
    const common = {
      ...(s.requiresPython !== undefined ? { requiresPython: s.requiresPython } : {}),
      ...(s.yanked === true ? { yanked: true } : {}),
    };
    for (const tags of s.wheels ?? ['py3-none-any']) {
      const w = buildWheel({
        name: s.name,
        version: s.version,
        tags,
        requiresDist: s.requires ?? [],
        ...(s.requiresPython !== undefined ? { requiresPython: s.requiresPython } : {}),
        providesExtra: s.providesExtra ?? [],
        ...(s.metadataVersion !== undefined ? { metadataVersion: s.metadataVersion } : {}),
      });
      files.push({ filename: w.filename, bytes: w.bytes, metadata: w.metadata, ...common });
    }
    if (s.sdist === true) {
      const d = buildSdist({
        name: s.name,
        version: s.version,
        format: 'tar.gz',
        pkgInfo: {
          metadataVersion: '2.2',
          requiresDist: s.requires ?? [],
          ...(s.sdistDynamic !== undefined ? { dynamic: s.sdistDynamic } : {}),
          ...(s.requiresPython !== undefined ? { requiresPython: s.requiresPython } : {}),
        },
      });
      files.push({ filename: d.filename, bytes: d.bytes, ...common });
    }
    byName.set(s.name, files);
  }
  return [...byName.entries()].map(([name, files]) => ({ name, files }));
}

export interface Harness {
  server: IndexServer;
  http: HttpClient;
  dir: string;
  /** Writes a requirements file into the temporary directory and returns its path. */
  file(name: string, text: string): string;
  close(): Promise<void>;
}

export async function startHarness(specs: DistSpec[]): Promise<Harness> {
  const server = await startIndexServer({ projects: projectsOf(specs) });
  const http = createHttpClient({ logger: silentLogger, retries: 0 });
  const dir = mkdtempSync(join(tmpdir(), 'wheelhouse-provider-'));
  return {
    server,
    http,
    dir,
    file(name, text) {
      const path = join(dir, name);
      writeFileSync(path, text);
      return path;
    },
    async close() {
      await http.close();
      await server.close();
    },
  };
}
