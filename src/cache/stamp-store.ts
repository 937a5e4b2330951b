/**
 * The stamp store (the CLI's `<cache dir>/stamps/`): reading its files as the untrusted input they
 * are, and keeping it bounded ("Bounded" principle) by removing the files of directories that are
 * gone.
 *
 * Its files, one set per directory (wheelhouse or local find-links directory), named by
 * `h = sha256(absolute directory)[:32]` in lowercase hex:
 *   - `<h>.json`            verified-file stamps (file-stamps.ts): `{version: 1, dir, files}`;
 *   - `<h>.received.json`   received pages / METADATA (received-records.ts):
 *                           `{version: 1, dir, pages, metadata}`;
 *   - `<h>.resolution.json` the reusable resolution (flow/resolution-reuse.ts):
 *                           `{version: 1, dir, inputs, pages, resolution}` or `{version: 0, dir}`
 *                           (files written before the `dir` field lack it);
 *   - `.<one of the above>.<12 hex>.tmp` a write in progress (util/atomic-file.ts), and
 *     `.<one of the above>.prune-<12 hex>` a removal in progress (below).
 *
 * Pruning rule (`pruneStampStore`, run by the fetch flow after it wrote its stamps). Each run looks
 * at no more than `examine` (default 32) files picked at random among those named as above (the
 * listing itself stops after 10 000 names), reads each through `readStoreFile` (no symlink
 * followed, regular files only, the reader's size limit) and no more than 64 MiB in all. It removes
 * a file only when
 *   1. its name is one of the patterns above, it is a regular file (not a symlink, directory, …),
 *      and its content parses as the format its name says (the shape checked as its reader does);
 *   2. and either its `dir` is an absolute path whose sha256 is the file's name and `lstat(dir)`
 *      answers ENOENT (the directory is gone), or it was last written more than `maxAgeDays`
 *      (default 30) days ago (every run that uses a directory rewrites its stamps, so an old file
 *      belongs to a directory no run has used for a month; a file without `dir` — an older
 *      resolution record — goes only by this age rule). Losing a file is harmless: stamps and
 *      records only ever save work, never decide a result.
 * A leftover `.tmp` / `.prune-` file (a run killed while writing or removing) is removed when it is
 * a regular file not modified for a day; its content is not read. Anything else — other names,
 * symlinks, directories, files that do not parse as ours (a malformed `<h>.json` included), files
 * larger than the reader's limit — is left alone.
 *
 * Concurrent runs: a file is first renamed to a private `.prune-` name (atomic), then checked again
 * there: if it is no longer the inode that was examined (another run replaced it meanwhile) or its
 * directory exists again, it is put back with link(2), which never overwrites a newer file, and only
 * then is the private name removed. A file another run writes after the rename is a new file under
 * the real name and is not touched. A file that vanished under us is fine.
 */
import { createHash } from 'node:crypto';
import { isAbsolute, join, resolve } from 'node:path';
import { pruneSample, readFileNoFollow, type PruneOptions, type PruneResult } from '../util/prune-files.js';

const STORE_FILE = /^([0-9a-f]{32})(\.received|\.resolution)?\.json$/;
const LEFTOVER =
  /^\.([0-9a-f]{32})(\.received|\.resolution)?\.json\.(?:[0-9a-f]{12}\.tmp|prune-[0-9a-f]{12})$/;
const HEX64 = /^[0-9a-f]{64}$/;

/** The readers' limits: a store file larger than this is not read (stamps 16 MiB, records 32 MiB). */
export const STAMPS_FILE_LIMIT = 16 * 1024 * 1024;
export const RECORD_FILE_LIMIT = 32 * 1024 * 1024;

/** The name-hash of a directory in the store: sha256 of its absolute path, 32 hex digits. */
export function storeHashOf(dir: string): string {
  return createHash('sha256').update(resolve(dir)).digest('hex').slice(0, 32);
}

/**
 * The text of the store file `path`, or undefined when it is missing, not a regular file (a
 * symlink is not followed), larger than `limit` bytes or unreadable (util/prune-files.ts).
 */
export function readStoreFile(path: string, limit: number): Promise<string | undefined> {
  return readFileNoFollow(path, limit);
}

type Kind = 'stamps' | 'received' | 'resolution';

function kindOf(suffix: string | undefined): Kind {
  return suffix === '.received' ? 'received' : suffix === '.resolution' ? 'resolution' : 'stamps';
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * The directory a parsed store file names, `null` when it is one of our formats but names none
 * (an older resolution record), undefined when it is not one of our formats.
 */
function dirOf(kind: Kind, data: unknown): string | null | undefined {
  if (!isObject(data)) return undefined;
  const dir = data.dir;
  if (dir !== undefined && typeof dir !== 'string') return undefined;
  let ours: boolean;
  if (kind === 'stamps') ours = data.version === 1 && isObject(data.files);
  else if (kind === 'received') ours = data.version === 1 && isObject(data.pages) && isObject(data.metadata);
  else
    ours =
      data.version === 0 ||
      (data.version === 1 &&
        typeof data.inputs === 'string' &&
        HEX64.test(data.inputs) &&
        isObject(data.pages) &&
        isObject(data.resolution));
  if (!ours) return undefined;
  if (dir === undefined) return kind === 'resolution' ? null : undefined;
  return dir;
}

/** Removes stamp-store files of directories that are gone or unused (see the header for the rule). */
export function pruneStampStore(store: string, options: PruneOptions = {}): Promise<PruneResult> {
  let budget = 64 * 1024 * 1024;
  return pruneSample(
    store,
    {
      isEntry: (name) => STORE_FILE.test(name),
      isLeftover: (name) => LEFTOVER.test(name),
      async ownerOf(name, info) {
        const match = STORE_FILE.exec(name) as RegExpExecArray;
        const kind = kindOf(match[2]);
        const limit = kind === 'stamps' ? STAMPS_FILE_LIMIT : RECORD_FILE_LIMIT;
        if (info.size > BigInt(Math.min(limit, budget))) return undefined;
        budget -= Number(info.size);
        const text = await readStoreFile(join(store, name), limit);
        if (text === undefined) return undefined;
        let data: unknown;
        try {
          data = JSON.parse(text);
        } catch {
          return undefined;
        }
        const dir = dirOf(kind, data);
        if (dir === undefined) return undefined;
        // Only a `dir` that names this very file counts as its owner (else the age rule alone).
        return dir !== null && isAbsolute(dir) && resolve(dir) === dir && storeHashOf(dir) === match[1]
          ? dir
          : null;
      },
    },
    options,
  );
}
