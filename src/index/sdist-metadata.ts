/**
 * PKG-INFO of a source distribution (source distribution format: `{name}-{version}/PKG-INFO` at
 * the archive's top directory; `.tar.gz` or `.zip`), and whether it can stand in for a build
 * (PEP 643: usable when Metadata-Version ≥ 2.2 and `Requires-Dist` is not listed in `Dynamic`).
 *
 * tar: POSIX ustar headers (512-byte blocks, octal sizes, `prefix` + `name`), pax extended headers
 * (typeflag `x` records `<len> path=<value>`; `g` global headers are skipped) and GNU long names
 * (typeflag `L`), read from a gunzip stream and stopped as soon as PKG-INFO has been read.
 * Not supported: GNU sparse files and base-256 size fields (neither occurs in sdists).
 *
 * Bounded whatever the archive claims: a pax or GNU long-name record over MAX_NAME_RECORD bytes
 * and a PKG-INFO over DEFAULT_MAX_METADATA_SIZE are refused by their header, before a byte of
 * them is kept; the scan stops after MAX_TAR_SCAN uncompressed bytes (a gzip bomb); zip sdists
 * go through the bounded ZIP reader (remote-zip.ts).
 */
import { createReadStream } from 'node:fs';
import { createGunzip } from 'node:zlib';
import type { CoreMetadata } from '../standards/metadata.js';
import { metadataIdentity, metadataVersionParts, readMetadataIdentity } from './metadata-identity.js';
import { DEFAULT_MAX_METADATA_SIZE, openRemoteZip } from './remote-zip.js';
import { withFileRangeSource } from './file-range-source.js';

export class SdistFormatError extends Error {
  constructor(
    /** Redacted URL or file name. */
    readonly source: string,
    message: string,
  ) {
    super(`${source}: ${message}`);
    this.name = 'SdistFormatError';
  }
}

/** The typed "metadata unavailable: needs a build" answer the resolver explains to users. */
export interface NeedsBuild {
  kind: 'needs-build';
  reason: string;
}

const TOP_LEVEL_PKG_INFO = /^[^/]+\/PKG-INFO$/;

function cleanPath(path: string): string {
  return path.replace(/^(\.\/)+/, '');
}

/** Reads the top-level PKG-INFO of a local sdist file. */
export async function readSdistPkgInfo(
  path: string,
  filename: string,
  source: string,
  /** Most uncompressed tar bytes scanned (default MAX_TAR_SCAN). */
  maxScan?: number,
): Promise<Uint8Array> {
  if (filename.endsWith('.zip')) return readZipPkgInfo(path, source);
  if (filename.endsWith('.tar.gz')) return readTarGzPkgInfo(path, source, maxScan);
  throw new SdistFormatError(
    source,
    `unsupported sdist format ${JSON.stringify(filename)} (only .tar.gz and .zip)`,
  );
}

async function readZipPkgInfo(path: string, source: string): Promise<Uint8Array> {
  return withFileRangeSource(path, async (local) => {
    const zip = await openRemoteZip(local, { source });
    const found = zip.entries.filter((e) => TOP_LEVEL_PKG_INFO.test(cleanPath(e.name)));
    if (found.length !== 1) {
      throw new SdistFormatError(source, `expected one top-level PKG-INFO, found ${found.length}`);
    }
    return zip.readMember(found[0]!, DEFAULT_MAX_METADATA_SIZE);
  });
}

const BLOCK = 512;
/** Largest pax extended header or GNU long name kept (real ones are a few hundred bytes). */
export const MAX_NAME_RECORD = 1024 * 1024;
/** Most uncompressed bytes scanned for PKG-INFO. */
export const MAX_TAR_SCAN = 4 * 1024 * 1024 * 1024;

function field(block: Uint8Array, offset: number, length: number): string {
  const slice = block.subarray(offset, offset + length);
  const nul = slice.indexOf(0);
  return Buffer.from(nul === -1 ? slice : slice.subarray(0, nul)).toString('utf8');
}

function octal(block: Uint8Array, offset: number, length: number, source: string): number {
  const text = field(block, offset, length).trim();
  if (!/^[0-7]*$/.test(text))
    throw new SdistFormatError(source, `bad tar numeric field ${JSON.stringify(text)}`);
  return text === '' ? 0 : parseInt(text, 8);
}

function checksumOk(block: Uint8Array, source: string): boolean {
  let sum = 0;
  for (let i = 0; i < BLOCK; i++) sum += i >= 148 && i < 156 ? 0x20 : block[i]!;
  return sum === octal(block, 148, 8, source);
}

function paxPath(data: Uint8Array): string | undefined {
  // Records are "<decimal byte length> <key>=<value>\n"; the length counts the whole record.
  const buf = Buffer.from(data.buffer, data.byteOffset, data.byteLength);
  let at = 0;
  let path: string | undefined;
  while (at < buf.length) {
    const space = buf.indexOf(0x20, at);
    if (space === -1) break;
    const length = Number(buf.subarray(at, space).toString('latin1'));
    if (!Number.isSafeInteger(length) || length <= space - at || at + length > buf.length) break;
    const record = buf
      .subarray(space + 1, at + length)
      .toString('utf8')
      .replace(/\n$/, '');
    const eq = record.indexOf('=');
    if (eq !== -1 && record.slice(0, eq) === 'path') path = record.slice(eq + 1);
    at += length;
  }
  return path;
}

/**
 * Walks tar headers from a gunzip stream; returns PKG-INFO's bytes as soon as it has them. Memory
 * stays bounded: member data is skipped, not kept, except PKG-INFO and pax/long-name records.
 */
async function readTarGzPkgInfo(
  path: string,
  source: string,
  maxScan: number = MAX_TAR_SCAN,
): Promise<Uint8Array> {
  const stream = createReadStream(path).pipe(createGunzip());
  let pending: Buffer = Buffer.alloc(0);
  let nextPath: string | undefined;
  // State: reading a header, or skipping/collecting `remaining` data bytes (+ padding).
  let mode: 'header' | 'data' = 'header';
  let remaining = 0;
  let padding = 0;
  let collect: { kind: 'pkg-info' | 'pax' | 'longname'; chunks: Buffer[] } | undefined;
  let scanned = 0;
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      scanned += chunk.length;
      if (scanned > maxScan) {
        throw new SdistFormatError(
          source,
          `no top-level PKG-INFO in the first ${maxScan} uncompressed bytes; stopped reading`,
        );
      }
      pending = pending.length === 0 ? chunk : Buffer.concat([pending, chunk]);
      for (;;) {
        if (mode === 'data') {
          const take = Math.min(remaining, pending.length);
          if (collect !== undefined && take > 0) collect.chunks.push(pending.subarray(0, take));
          pending = pending.subarray(take);
          remaining -= take;
          if (remaining > 0) break;
          const pad = Math.min(padding, pending.length);
          pending = pending.subarray(pad);
          padding -= pad;
          if (padding > 0) break;
          mode = 'header';
          if (collect !== undefined) {
            const data = Buffer.concat(collect.chunks);
            if (collect.kind === 'pkg-info') return new Uint8Array(data);
            nextPath = collect.kind === 'pax' ? (paxPath(data) ?? nextPath) : field(data, 0, data.length);
            collect = undefined;
          }
        }
        if (pending.length < BLOCK) break;
        const header = pending.subarray(0, BLOCK);
        pending = pending.subarray(BLOCK);
        if (header.every((b) => b === 0)) {
          throw new SdistFormatError(source, 'no top-level PKG-INFO in the archive');
        }
        if (!checksumOk(header, source)) throw new SdistFormatError(source, 'bad tar header checksum');
        const size = octal(header, 124, 12, source);
        const type = String.fromCharCode(header[156] ?? 0x30);
        const prefix = field(header, 345, 155);
        const name = field(header, 0, 100);
        const memberPath = cleanPath(nextPath ?? (prefix !== '' ? `${prefix}/${name}` : name));
        mode = 'data';
        remaining = size;
        padding = (BLOCK - (size % BLOCK)) % BLOCK;
        collect = undefined;
        if ((type === 'x' || type === 'L') && size > MAX_NAME_RECORD) {
          const what = type === 'x' ? 'pax extended header' : 'GNU long name';
          throw new SdistFormatError(
            source,
            `a ${what} of ${size} bytes (before ${JSON.stringify(memberPath)}), over the ${MAX_NAME_RECORD}-byte limit`,
          );
        }
        if (type === 'x') collect = { kind: 'pax', chunks: [] };
        else if (type === 'L') collect = { kind: 'longname', chunks: [] };
        else if (type !== 'g') {
          nextPath = undefined;
          if ((type === '0' || type === '\0') && TOP_LEVEL_PKG_INFO.test(memberPath)) {
            if (size > DEFAULT_MAX_METADATA_SIZE) {
              throw new SdistFormatError(
                source,
                `PKG-INFO is ${size} bytes, over the ${DEFAULT_MAX_METADATA_SIZE}-byte limit`,
              );
            }
            collect = { kind: 'pkg-info', chunks: [] };
            if (size === 0) return new Uint8Array(0);
          }
        }
      }
    }
  } catch (error) {
    if (error instanceof SdistFormatError) throw error;
    throw new SdistFormatError(source, `unreadable .tar.gz (${(error as Error).message})`);
  } finally {
    stream.destroy();
  }
  throw new SdistFormatError(source, 'the archive ends before a top-level PKG-INFO (truncated?)');
}

/**
 * PEP 643: PKG-INFO can replace a build when Metadata-Version ≥ 2.2 and Requires-Dist is static.
 * Takes the file's bytes or its parse (the fetcher passes the parse it already has).
 */
export function sdistMetadataUsability(pkgInfo: Uint8Array | CoreMetadata): { kind: 'usable' } | NeedsBuild {
  const identity = pkgInfo instanceof Uint8Array ? readMetadataIdentity(pkgInfo) : metadataIdentity(pkgInfo);
  const parts = metadataVersionParts(identity.metadataVersion);
  if (parts === undefined || parts[0] < 2 || (parts[0] === 2 && parts[1] < 2)) {
    return {
      kind: 'needs-build',
      reason: `PKG-INFO has Metadata-Version ${identity.metadataVersion ?? '(missing)'}; before 2.2 (PEP 643) its dependencies are not reliable without a build`,
    };
  }
  if (identity.dynamic.includes('requires-dist')) {
    return {
      kind: 'needs-build',
      reason: 'PKG-INFO marks Requires-Dist as Dynamic (PEP 643): dependencies are only known after a build',
    };
  }
  return { kind: 'usable' };
}
