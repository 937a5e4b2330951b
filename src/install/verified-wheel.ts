/**
 * Opening a wheel to install (issue 9 §3 "every wheel is installed only after its sha256 matched"):
 * the wheel is opened once and hashed through that descriptor, which is then the one extracted from
 * (review 1 of session 12: hashed by path, then opened again by path, a file replaced in between
 * was installed unverified). fstat before and after the hash: the bytes hashed are the
 * descriptor's only when nothing wrote to it meanwhile. A file the caller hashed itself in this
 * process (`trusted`: its identity then) is not hashed again while the descriptor is exactly that
 * file.
 */
import { constants } from 'node:fs';
import { open as openFile, type FileHandle } from 'node:fs/promises';
import { sameIdentity, type FileIdentity } from '../cache/file-stamps.js';
import { identityOfFd } from './wheel-file-check.js';
import { wheelArchiveOf, type WheelArchive } from './wheel-archive.js';
import { asWheelError, WheelInstallError } from './wheel-install-error.js';

export interface WheelToOpen {
  wheelPath: string;
  filename: string;
  /** The sha256 the resolution pinned (hex, either case). */
  sha256: string;
}

/** sha256 (hex) of the file open as `fd`, read from offset 0. */
export type HashThrough = (path: string, fd: number) => Promise<string>;

/** Hashes the wheel through `fd`; answers the identity hashed (see the module comment). */
async function checkHash(wheel: WheelToOpen, fd: number, hash: HashThrough): Promise<FileIdentity> {
  const before = await identityOfFd(fd);
  const actual = await hash(wheel.wheelPath, fd);
  const after = await identityOfFd(fd);
  if (before === undefined || after === undefined || !sameIdentity(before, after)) {
    throw new WheelInstallError(wheel.filename, 'the file changed while it was hashed; not installed');
  }
  if (actual !== wheel.sha256.toLowerCase()) {
    throw new WheelInstallError(
      wheel.filename,
      `sha256 ${actual} differs from the resolution's ${wheel.sha256}; not installed`,
    );
  }
  return after;
}

/**
 * Opens the wheel and reads its directory through a descriptor that is exactly the file whose
 * bytes were hashed (`trusted`: its identity then), hashing it now when it is not.
 */
export async function openVerifiedWheel(
  wheel: WheelToOpen,
  trusted: FileIdentity | undefined,
  hash: HashThrough,
): Promise<{ archive: WheelArchive; trusted: FileIdentity }> {
  let handle: FileHandle;
  try {
    // O_NONBLOCK: a FIFO put at the wheel's path after it was verified blocks open(2) forever.
    handle = await openFile(wheel.wheelPath, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (error) {
    throw asWheelError(wheel.filename, error);
  }
  let identity: FileIdentity;
  try {
    const now = await identityOfFd(handle.fd);
    if (now === undefined) throw new WheelInstallError(wheel.filename, 'not a regular file; not installed');
    identity =
      trusted !== undefined && sameIdentity(now, trusted) ? now : await checkHash(wheel, handle.fd, hash);
  } catch (error) {
    await handle.close();
    throw error;
  }
  try {
    return { archive: await wheelArchiveOf(handle, wheel.wheelPath, wheel.filename), trusted: identity };
  } catch (error) {
    throw asWheelError(wheel.filename, error);
  }
}
