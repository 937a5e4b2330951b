/**
 * The few core metadata fields the index layer itself needs — Metadata-Version, Name, Version and
 * Dynamic (PEP 643) — taken from a `CoreMetadata` parsed once by `parseMetadata`
 * (src/standards/metadata.ts): the fetcher parses each file once and hands the parse on.
 *
 * Also the identity check: metadata must name the project (PEP 503 normalized) and the version
 * (PEP 440 equality) that the file name says.
 */
import { parseMetadata, type CoreMetadata } from '../standards/metadata.js';
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

/** Header fields of parsed metadata (problems are the resolver's business, not ours). */
export function metadataIdentity(metadata: CoreMetadata): MetadataIdentity {
  const identity: MetadataIdentity = { dynamic: metadata.dynamic };
  if (metadata.metadataVersion !== '') identity.metadataVersion = metadata.metadataVersion;
  if (metadata.name !== '') identity.name = metadata.name;
  if (metadata.version !== '') identity.version = metadata.version;
  return identity;
}

/** Header fields of a metadata file, parsed here (for callers holding only the bytes). */
export function readMetadataIdentity(bytes: Uint8Array): MetadataIdentity {
  return metadataIdentity(parseMetadata(bytes).metadata);
}

/** Throws MetadataMismatchError unless the metadata names `name` and `version`. */
export function checkMetadataIdentity(
  metadata: CoreMetadata,
  name: string,
  version: string,
  url: string,
): MetadataIdentity {
  const identity = metadataIdentity(metadata);
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
