/**
 * Whether a wheel file's bytes are the ones the resolution pinned (issue 9 §3): its whole-file
 * sha256, and — for a file the caller hashed itself in this process — whether the open descriptor
 * is still exactly that file, unchanged since, so that its hash need not be computed again.
 */
import { createHash } from 'node:crypto';
import { createReadStream, fstat } from 'node:fs';
import {
  identityOfStats,
  sameIdentity,
  sameInodeContent,
  type FileIdentity,
  type Stamp,
} from '../cache/file-stamps.js';

/**
 * What the caller knows of a wheel file whose bytes it hashed itself in this process: the sha256
 * and the file's identity then (cache/file-stamps.ts `Stamp`). The installer trusts that hash only
 * while `fstat` of the descriptor it reads from gives exactly that identity (any write,
 * replacement, new link, chmod or utimes changes ctime).
 */
export type VerifiedFile = Stamp;

/** The identity of the open `fd` (fstat, nanoseconds), or undefined when it cannot be read. */
export function identityOfFd(fd: number): Promise<FileIdentity | undefined> {
  return new Promise((resolve) =>
    fstat(fd, { bigint: true }, (error, st) => resolve(error === null ? identityOfStats(st) : undefined)),
  );
}

/**
 * Whether the open `fd` is the inode `verified` describes with its content untouched: same device,
 * inode, size and mtime. Its ctime may have moved — a link or unlink of any of its names does that
 * (the fetch removes its download directory, whose wheels the wheelhouse links, while the installer
 * reads them; a rename over the wheelhouse name; a cache linking the same inode): review 14e F1. A
 * write moves the mtime, so bytes written in place and put back are still told apart without a
 * second hash, which could not tell what was read before it (review 14d F1). A writer that also
 * sets the mtime back (utimes) is not told apart — it could as well write into the environment.
 */
export async function contentUnchanged(fd: number, verified: FileIdentity): Promise<boolean> {
  const now = await identityOfFd(fd);
  return now !== undefined && sameInodeContent(now, verified);
}

/** Whether the open `fd` is the file `verified` describes, unchanged since (fstat, nanoseconds). */
export async function sameFile(fd: number, verified: VerifiedFile): Promise<boolean> {
  const now = await identityOfFd(fd);
  return now !== undefined && sameIdentity(now, verified);
}

/**
 * sha256 of a whole wheel, read in 1 MiB chunks (fewer callbacks than util's 64 KiB reader) —
 * through `fd` from offset 0 when given (left open: the descriptor the caller extracts from).
 */
export async function wheelSha256(path: string, fd?: number): Promise<{ sha256: string }> {
  const hash = createHash('sha256');
  const stream =
    fd === undefined
      ? createReadStream(path, { highWaterMark: 1024 * 1024 })
      : createReadStream(path, { fd, start: 0, autoClose: false, highWaterMark: 1024 * 1024 });
  for await (const chunk of stream as AsyncIterable<Buffer>) hash.update(chunk);
  return { sha256: hash.digest('hex') };
}
