/**
 * Deterministic builders of real distributions for tests and benches (no jest imports).
 *
 * - Wheels follow the binary distribution format (PEP 427 as amended: file name
 *   `{name}-{version}(-{build})?-{python}-{abi}-{platform}.whl` with the escaped name,
 *   `{name}-{version}.dist-info/` holding METADATA, WHEEL and RECORD, RECORD rows
 *   `path,sha256=<urlsafe-b64-nopad>,size` per PEP 376/427 with RECORD itself listed as `path,,`).
 * - Sdists follow the source distribution format (PEP 625 file name, `{name}-{version}/PKG-INFO`),
 *   as ustar/pax .tar.gz or .zip.
 * - METADATA / PKG-INFO text is in the core metadata format (RFC 822-style `Key: value` headers).
 */
import { createHash } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import { writeTar } from './tar-writer.js';
import { writeZip, type ZipEntryInput, type ZipLayoutEntry } from './zip-writer.js';

export interface PayloadFile {
  path: string;
  /** Exact contents (or text), or `size` deterministic pseudo-random bytes (e.g. a big .so). */
  bytes?: Uint8Array;
  text?: string;
  size?: number;
  /** UNIX st_mode in the zip's external attributes (default 0o100644; 0o100755 executable). */
  mode?: number;
  /** Leave the file out of RECORD (fault fixture). */
  unlisted?: boolean;
  /** Write this RECORD hash field instead of the right one (fault fixture). */
  recordHash?: string;
}

export interface WheelSpec {
  name: string;
  version: string;
  /** `{python}-{abi}-{platform}`, default `py3-none-any`. */
  tags?: string;
  requiresDist?: string[];
  requiresPython?: string;
  providesExtra?: string[];
  /** Extra METADATA header lines, e.g. `['Summary: x']`. */
  extraMetadata?: string[];
  /** Payload beyond the default `<pkg>/__init__.py`. */
  files?: PayloadFile[];
  /** Put the payload after the .dist-info entries, as auditwheel/delocate do with shared libs. */
  distInfoNotAtEnd?: boolean;
  /** Replace the METADATA text entirely (wrong names, oversize metadata...). */
  metadataBytes?: Uint8Array;
  /** Write a wrong CRC-32 for METADATA. */
  badCrc?: boolean;
  zip64?: boolean;
  /** Deflate entries (default true); payload given by `size` is always stored. */
  compress?: boolean;
  metadataVersion?: string;
  /** `entry_points.txt` text. */
  entryPoints?: string;
  /** More files inside the .dist-info directory (e.g. licenses). */
  distInfoFiles?: PayloadFile[];
  /** Override Root-Is-Purelib (default: true exactly for `any` platform tags). */
  rootIsPurelib?: boolean;
  /** Leave out the default `<pkg>/__init__.py` (namespace packages, data-only wheels). */
  noInit?: boolean;
  /** Raw RECORD lines added before RECORD's own row (rows naming no member: fault fixture). */
  extraRecordRows?: string[];
}

/** `{escaped name}-{version}.data/<scheme>/<sub>`: a path in the wheel's .data directory. */
export function dataPath(name: string, version: string, scheme: string, sub: string): string {
  return `${escapeName(name)}-${version}.data/${scheme}/${sub}`;
}

export interface BuiltDist {
  filename: string;
  bytes: Uint8Array;
  /** METADATA (wheel) or PKG-INFO (sdist) bytes: what a PEP 658 `.metadata` file serves. */
  metadata: Uint8Array;
  sha256: string;
}

export interface BuiltWheel extends BuiltDist {
  /** Where each member landed, for tests that reason about byte ranges. */
  layout: ZipLayoutEntry[];
  centralDirectoryOffset: number;
}

export function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** Binary distribution format, "Escaping and Unicode": runs of -_. become _, lower case. */
export function escapeName(name: string): string {
  return name.replace(/[-_.]+/g, '_').toLowerCase();
}

/** Deterministic pseudo-random bytes (xorshift32 seeded from the path): incompressible payload. */
export function pseudoRandomBytes(size: number, seedText: string): Uint8Array {
  let seed = 0x811c9dc5;
  for (const ch of seedText) seed = Math.imul(seed ^ ch.charCodeAt(0), 0x01000193) >>> 0;
  if (seed === 0) seed = 1;
  const out = new Uint8Array(size);
  const view = new DataView(out.buffer);
  let i = 0;
  for (; i + 4 <= size; i += 4) {
    seed ^= seed << 13;
    seed >>>= 0;
    seed ^= seed >>> 17;
    seed ^= seed << 5;
    seed >>>= 0;
    view.setUint32(i, seed, true);
  }
  for (; i < size; i++) out[i] = i & 0xff;
  return out;
}

/** Core metadata text (the `Key: value` header block, no body). */
export function coreMetadataText(fields: {
  metadataVersion: string;
  name: string;
  version: string;
  requiresDist?: string[];
  requiresPython?: string;
  providesExtra?: string[];
  dynamic?: string[];
  extra?: string[];
}): string {
  const lines = [
    `Metadata-Version: ${fields.metadataVersion}`,
    `Name: ${fields.name}`,
    `Version: ${fields.version}`,
  ];
  for (const d of fields.dynamic ?? []) lines.push(`Dynamic: ${d}`);
  if (fields.requiresPython !== undefined) lines.push(`Requires-Python: ${fields.requiresPython}`);
  for (const e of fields.providesExtra ?? []) lines.push(`Provides-Extra: ${e}`);
  for (const r of fields.requiresDist ?? []) lines.push(`Requires-Dist: ${r}`);
  lines.push(...(fields.extra ?? []));
  return lines.join('\n') + '\n\n';
}

function urlsafeB64NoPad(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString('base64url');
}

function recordRow(path: string, data: Uint8Array): string {
  const digest = createHash('sha256').update(data).digest();
  const quoted = /[",\n]/.test(path) ? `"${path.replace(/"/g, '""')}"` : path;
  return `${quoted},sha256=${urlsafeB64NoPad(digest)},${data.length}`;
}

export function buildWheel(spec: WheelSpec): BuiltWheel {
  const tags = spec.tags ?? 'py3-none-any';
  const escaped = escapeName(spec.name);
  const filename = `${escaped}-${spec.version}-${tags}.whl`;
  const distInfo = `${escaped}-${spec.version}.dist-info`;
  const compress = spec.compress !== false;
  const enc = new TextEncoder();

  const metadata =
    spec.metadataBytes ??
    enc.encode(
      coreMetadataText({
        metadataVersion: spec.metadataVersion ?? '2.1',
        name: spec.name,
        version: spec.version,
        requiresDist: spec.requiresDist,
        requiresPython: spec.requiresPython,
        providesExtra: spec.providesExtra,
        extra: spec.extraMetadata,
      }),
    );
  const [pyTag = 'py3', , platTag = 'any'] = tags.split('-');
  const wheelText =
    'Wheel-Version: 1.0\nGenerator: wheelhouse-test-dists\n' +
    `Root-Is-Purelib: ${(spec.rootIsPurelib ?? platTag === 'any') ? 'true' : 'false'}\n` +
    pyTag
      .split('.')
      .map((py) => `Tag: ${py}-${tags.split('-')[1] ?? 'none'}-${platTag}\n`)
      .join('');

  const payload: ZipEntryInput[] =
    spec.noInit === true
      ? []
      : [{ path: `${escaped}/__init__.py`, data: enc.encode(`__version__ = "${spec.version}"\n`), compress }];
  const special = new Map<string, PayloadFile>();
  const toEntry = (f: PayloadFile): ZipEntryInput => {
    special.set(f.path, f);
    const mode = f.mode !== undefined ? { mode: f.mode } : {};
    if (f.text !== undefined) return { path: f.path, data: enc.encode(f.text), compress, ...mode };
    if (f.bytes !== undefined) return { path: f.path, data: f.bytes, compress, ...mode };
    return { path: f.path, data: pseudoRandomBytes(f.size ?? 0, f.path), compress: false, ...mode };
  };
  for (const f of spec.files ?? []) payload.push(toEntry(f));
  const distInfoEntries: ZipEntryInput[] = [
    { path: `${distInfo}/METADATA`, data: metadata, compress, badCrc: spec.badCrc === true },
    { path: `${distInfo}/WHEEL`, data: enc.encode(wheelText), compress },
  ];
  if (spec.entryPoints !== undefined) {
    distInfoEntries.push({
      path: `${distInfo}/entry_points.txt`,
      data: enc.encode(spec.entryPoints),
      compress,
    });
  }
  for (const f of spec.distInfoFiles ?? [])
    distInfoEntries.push(toEntry({ ...f, path: `${distInfo}/${f.path}` }));
  const recordPath = `${distInfo}/RECORD`;
  const record =
    [...payload, ...distInfoEntries]
      .filter((e) => special.get(e.path)?.unlisted !== true)
      .map((e) => {
        const override = special.get(e.path)?.recordHash;
        if (override === undefined) return recordRow(e.path, e.data);
        const quoted = /[",\n]/.test(e.path) ? `"${e.path.replace(/"/g, '""')}"` : e.path;
        return `${quoted},${override},${e.data.length}`;
      })
      .concat(spec.extraRecordRows ?? [])
      .join('\n') + `\n${recordPath},,\n`;
  distInfoEntries.push({ path: recordPath, data: enc.encode(record), compress });

  const ordered =
    spec.distInfoNotAtEnd === true ? [...distInfoEntries, ...payload] : [...payload, ...distInfoEntries];
  const zip = writeZip(ordered, { zip64: spec.zip64 === true });
  return {
    filename,
    bytes: zip.bytes,
    metadata,
    sha256: sha256Hex(zip.bytes),
    layout: zip.entries,
    centralDirectoryOffset: zip.centralDirectoryOffset,
  };
}

export interface SdistSpec {
  name: string;
  version: string;
  format: 'tar.gz' | 'zip';
  pkgInfo: {
    metadataVersion: string;
    requiresDist?: string[];
    dynamic?: string[];
    requiresPython?: string;
  };
  /** Add a nested `<pkg>.egg-info/PKG-INFO` before the top-level one (readers must skip it). */
  eggInfo?: boolean;
  /** Add a member whose path is longer than 100 bytes (needs a pax header in tar). */
  longPath?: boolean;
}

export function buildSdist(spec: SdistSpec): BuiltDist {
  const escaped = escapeName(spec.name);
  const root = `${escaped}-${spec.version}`;
  const enc = new TextEncoder();
  const pkgInfo = enc.encode(
    coreMetadataText({
      metadataVersion: spec.pkgInfo.metadataVersion,
      name: spec.name,
      version: spec.version,
      requiresDist: spec.pkgInfo.requiresDist,
      requiresPython: spec.pkgInfo.requiresPython,
      dynamic: spec.pkgInfo.dynamic,
    }),
  );
  const members: { path: string; data: Uint8Array }[] = [
    {
      path: `${root}/pyproject.toml`,
      data: enc.encode(
        `[project]\nname = "${spec.name}"\nversion = "${spec.version}"\n\n[build-system]\nrequires = ["setuptools"]\nbuild-backend = "setuptools.build_meta"\n`,
      ),
    },
  ];
  if (spec.longPath === true) {
    members.push({
      path: `${root}/src/${'deeply_nested_directory/'.repeat(5)}module.py`,
      data: enc.encode('x = 1\n'),
    });
  }
  if (spec.eggInfo === true) {
    members.push({
      path: `${root}/src/${escaped}.egg-info/PKG-INFO`,
      data: enc.encode(coreMetadataText({ metadataVersion: '1.0', name: 'decoy', version: '0' })),
    });
  }
  members.push({ path: `${root}/PKG-INFO`, data: pkgInfo });
  members.push({ path: `${root}/src/${escaped}/__init__.py`, data: enc.encode('') });

  const filename = `${root}.${spec.format}`;
  const bytes =
    spec.format === 'zip'
      ? writeZip(members.map((m) => ({ ...m, compress: true }))).bytes
      : new Uint8Array(gzipSync(writeTar(members), { level: 6 }));
  return { filename, bytes, metadata: pkgInfo, sha256: sha256Hex(bytes) };
}
