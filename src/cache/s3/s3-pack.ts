/**
 * An entry's small files in one object (issue 12 §1: "the metadata/page cache as small objects or
 * one compressed blob"). real-ds's entry holds 278 METADATA files and index pages (1.5 MB together):
 * as objects they cost 278 signed GETs, responses and file creations per restore, a measurable part
 * of a warm runner's time (docs/benchmarks.md, S3 section). Packed, they are one GET.
 *
 * A pack serves one saved path (never the wheelhouse): its members' bytes concatenated in the
 * entry's order and gzip-compressed (RFC 1952), stored as a content-addressed blob
 * (`blobs/sha256/<aa>/<digest of the compressed bytes>`). The entry describes it twice:
 *
 *   paths[i][".pack"] = { sha256, size }      so a prune of any version marks the object, and
 *                                             older restores skip it silently (a hidden name)
 *   packs[k] = { path: i, sha256, size, encoding: "gzip", files: [[name, sha256, size], …] }
 *
 * Members are listed only in `packs`, so an older wheelhouse restores the entry without them (a
 * colder cache, no warnings). Untrusted like every entry: the pack must have its listed sha256 and
 * size, it inflates to exactly the members' total (inflating stops past it), and each member's
 * bytes must have its own sha256 before they are written.
 */
import { createHash } from 'node:crypto';
import { gunzip, gzip } from 'node:zlib';
import { SHA256_HEX, unsafeRelativeName } from './s3-entry.js';

/** The name under which a path's pack appears in the entry's `paths[i]`. */
export const PACK_NAME = '.pack';
/** Files up to this size (and not wheels) go into their path's pack. */
export const PACK_MEMBER_MAX = 256 * 1024;
/** Uncompressed bytes of one pack; the files beyond it are stored as objects of their own. */
export const PACK_MAX_BYTES = 32 * 1024 * 1024;
/** Compressed bytes accepted for one pack (gzip adds a few bytes to incompressible data). */
const PACK_MAX_COMPRESSED = PACK_MAX_BYTES + 1024 * 1024;
const MAX_MEMBERS = 100_000;

export interface PackRef {
  /** Index of the saved path the members belong to (never 0, the wheelhouse). */
  path: number;
  sha256: string;
  size: number;
  encoding: 'gzip';
  files: [name: string, sha256: string, size: number][];
}

export interface PackMember {
  name: string;
  sha256: string;
  data: Buffer;
}

/** Whether a file of a non-wheelhouse path goes into its pack. */
export function packable(name: string, size: number): boolean {
  return size <= PACK_MEMBER_MAX && !name.endsWith('.whl');
}

/** The compressed pack of `members` (at most PACK_MAX_BYTES together) and its reference. */
export async function buildPack(
  path: number,
  members: PackMember[],
): Promise<{ body: Buffer; ref: PackRef }> {
  const body = await new Promise<Buffer>((resolve, reject) =>
    gzip(Buffer.concat(members.map((m) => m.data)), { level: 6 }, (error, out) =>
      error ? reject(error) : resolve(out),
    ),
  );
  return {
    body,
    ref: {
      path,
      sha256: createHash('sha256').update(body).digest('hex'),
      size: body.length,
      encoding: 'gzip',
      files: members.map((m) => [m.name, m.sha256, m.data.length]),
    },
  };
}

/** Why `data` cannot be a pack of an entry with `pathCount` paths (undefined: it can). */
export function packRefProblem(data: unknown, pathCount: number): string | undefined {
  const r = data as Partial<PackRef> | null;
  if (r === null || typeof r !== 'object') return 'not an object';
  if (!Number.isSafeInteger(r.path) || (r.path as number) < 1 || (r.path as number) >= pathCount)
    return `bad path ${JSON.stringify(r.path)}`;
  if (typeof r.sha256 !== 'string' || !SHA256_HEX.test(r.sha256)) return 'bad sha256';
  if (!Number.isSafeInteger(r.size) || (r.size as number) < 0 || (r.size as number) > PACK_MAX_COMPRESSED)
    return `bad size ${JSON.stringify(r.size)}`;
  if (r.encoding !== 'gzip') return `unknown encoding ${JSON.stringify(r.encoding)}`;
  if (!Array.isArray(r.files) || r.files.length > MAX_MEMBERS) return 'bad file list';
  let total = 0;
  for (const f of r.files as unknown[]) {
    if (!Array.isArray(f) || f.length !== 3) return 'bad file list';
    const [name, sha, size] = f as unknown[];
    if (typeof name !== 'string' || unsafeRelativeName(name) !== undefined)
      return `bad member name ${JSON.stringify(name)}`;
    if (typeof sha !== 'string' || !SHA256_HEX.test(sha)) return `bad sha256 for ${name}`;
    if (!Number.isSafeInteger(size) || (size as number) < 0) return `bad size for ${name}`;
    total += size as number;
  }
  if (total > PACK_MAX_BYTES) return `members of ${total} bytes, over the ${PACK_MAX_BYTES} byte limit`;
  return undefined;
}

/**
 * The members of a pack whose compressed `body` has already been checked against `ref.sha256` and
 * `ref.size`: inflated (stopping past the members' total), cut at the listed sizes, each checked
 * against its sha256. Throws on the first discrepancy, naming it.
 */
export async function unpack(body: Buffer, ref: PackRef): Promise<PackMember[]> {
  const total = ref.files.reduce((n, [, , size]) => n + size, 0);
  const data = await new Promise<Buffer>((resolve, reject) =>
    gunzip(body, { maxOutputLength: Math.max(1, total + 1) }, (error, out) =>
      error ? reject(error) : resolve(out),
    ),
  ).catch((error: unknown) => {
    throw new Error(`pack does not inflate to its ${total} bytes: ${(error as Error).message}`);
  });
  if (data.length !== total) throw new Error(`pack inflates to ${data.length} bytes, not ${total}`);
  const out: PackMember[] = [];
  let at = 0;
  for (const [name, sha256, size] of ref.files) {
    const slice = data.subarray(at, at + size);
    at += size;
    const actual = createHash('sha256').update(slice).digest('hex');
    if (actual !== sha256) throw new Error(`pack member ${name} has sha256 ${actual}, not ${sha256}`);
    out.push({ name, sha256, data: slice });
  }
  return out;
}
