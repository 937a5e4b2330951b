/**
 * Small Resolution values for cache and download tests (no jest imports).
 */
import { createHash } from 'node:crypto';
import type { Resolution, ResolvedFile, ResolvedPackage } from '../../src/provider/resolution.js';
import { normalizeName } from '../../src/standards/names.js';

export function sha256Of(bytes: Uint8Array | string): string {
  return createHash('sha256').update(bytes).digest('hex');
}

export interface FileSpec {
  name: string;
  version: string;
  bytes: Uint8Array;
  /** Base URL the file is served under (default a placeholder host). */
  baseUrl?: string;
  /** Override the declared sha256 (e.g. to simulate a wrong hash). */
  sha256?: string;
  /** Declare no size. */
  noSize?: boolean;
}

export function wheelFilename(name: string, version: string): string {
  return `${name.replace(/-/g, '_')}-${version}-py3-none-any.whl`;
}

export function resolvedFile(spec: FileSpec): ResolvedFile {
  const filename = wheelFilename(spec.name, spec.version);
  const base = spec.baseUrl ?? 'https://files.example.invalid/files';
  const file: ResolvedFile = {
    filename,
    url: `${base}/${filename}`,
    redactedUrl: `${base.replace(/\/\/[^@/]*@/, '//')}/${filename}`,
    sha256: spec.sha256 ?? sha256Of(spec.bytes),
    kind: 'wheel',
  };
  if (!spec.noSize) file.size = spec.bytes.length;
  return file;
}

export function resolvedPackage(spec: FileSpec): ResolvedPackage {
  return {
    name: normalizeName(spec.name),
    version: spec.version,
    file: resolvedFile(spec),
    requested: true,
    extras: [],
    requiresDist: [],
    metadataPath: 'pep658',
    isDirect: false,
  };
}

export function resolutionOf(specs: FileSpec[]): Resolution {
  const packages = specs.map(resolvedPackage);
  packages.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  return { packages };
}
