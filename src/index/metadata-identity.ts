/**
 * The few core metadata fields the index layer itself needs (core metadata specification, "Core
 * metadata files" / PEP 566 header format): Metadata-Version, Name, Version and Dynamic (PEP 643),
 * read from the RFC 822-style header block with continuation lines; the body after the first blank
 * line is ignored. Full parsing (Requires-Dist etc.) is src/standards' job.
 * TODO: switch to `parseMetadata` from src/standards/metadata.ts once it is committed.
 *
 * Also the identity check: metadata must name the project (PEP 503 normalized) and the version
 * (PEP 440 equality) that the file name says.
 */
import { normalizeName } from '../standards/names.js';
import { Version } from '../standards/version.js';

export interface MetadataIdentity {
  metadataVersion?: string;
  name?: string;
  version?: string;
  /** PEP 643 `Dynamic` fields, lower case. */
  dynamic: string[];
}

export class MetadataMismatchError extends Error {
  constructor(
    /** Redacted URL of the file. */
    readonly url: string,
    readonly field: 'Name' | 'Version',
    readonly expected: string,
    readonly found: string | undefined,
  ) {
    super(
      `${url}: metadata ${field} is ${found === undefined ? 'missing' : JSON.stringify(found)}, but the file name says ${JSON.stringify(expected)}`,
    );
    this.name = 'MetadataMismatchError';
  }
}

const decoder = new TextDecoder('utf-8', { fatal: false });

export function readMetadataIdentity(bytes: Uint8Array): MetadataIdentity {
  const text = decoder.decode(bytes).replace(/\r\n?/g, '\n');
  const result: MetadataIdentity = { dynamic: [] };
  let key: string | undefined;
  let value = '';
  const flush = () => {
    if (key === undefined) return;
    const v = value.trim();
    if (key === 'metadata-version') result.metadataVersion ??= v;
    else if (key === 'name') result.name ??= v;
    else if (key === 'version') result.version ??= v;
    else if (key === 'dynamic') result.dynamic.push(v.toLowerCase());
    key = undefined;
  };
  for (const line of text.split('\n')) {
    if (line === '') break; // end of the header block
    if (/^[ \t]/.test(line)) {
      if (key !== undefined) value += ' ' + line.trim();
      continue;
    }
    flush();
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    key = line.slice(0, colon).trim().toLowerCase();
    value = line.slice(colon + 1);
  }
  flush();
  return result;
}

/** Throws MetadataMismatchError unless the metadata names `name` and `version`. */
export function checkMetadataIdentity(
  bytes: Uint8Array,
  name: string,
  version: string,
  url: string,
): MetadataIdentity {
  const identity = readMetadataIdentity(bytes);
  if (identity.name === undefined || normalizeName(identity.name) !== normalizeName(name)) {
    throw new MetadataMismatchError(url, 'Name', name, identity.name);
  }
  if (identity.version === undefined || !sameVersion(identity.version, version)) {
    throw new MetadataMismatchError(url, 'Version', version, identity.version);
  }
  return identity;
}

function sameVersion(a: string, b: string): boolean {
  const va = Version.tryParse(a);
  const vb = Version.tryParse(b);
  if (va !== null && vb !== null) return va.equals(vb);
  return a.trim().toLowerCase() === b.trim().toLowerCase();
}

/** Metadata-Version as [major, minor], or undefined when unparseable. */
export function metadataVersionParts(value: string | undefined): [number, number] | undefined {
  const m = /^\s*(\d+)\.(\d+)\s*$/.exec(value ?? '');
  return m === null ? undefined : [Number(m[1]), Number(m[2])];
}
