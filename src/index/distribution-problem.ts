/**
 * Which errors are problems of one distribution file on an index, not of wheelhouse or the network:
 * a broken archive (truncated, CRC mismatch, unsupported compression, not a ZIP), METADATA naming
 * another project or version, two METADATA files, a `.metadata` whose sha256 differs from what the
 * index declares, an sdist whose PKG-INFO cannot be read, a member or metadata file over its size
 * limit (a `.metadata` body, a range answer, a central directory, a tar header — also when the HTTP
 * client stopped the body: NetworkError with the body-limit code). pip treats such a file as a bad link and moves on to the next candidate; so does the
 * resolver (src/provider/project-universe.ts). Each error's message already names the redacted URL
 * (or file name) and the reason. Not here: a whole download whose bytes differ from the declared
 * sha256 or size — pip stops with a hash error there, and so does wheelhouse (exit 2) — nor a
 * host that is too slow or past its deadline (NetworkError ETOOSLOW/EDEADLINE): that is the
 * host's problem, not the file's, and every other file of that host would fare the same.
 */
import { MetadataHashMismatchError } from './metadata-fetch.js';
import { MetadataMismatchError } from './metadata-identity.js';
import { WheelMetadataError } from './remote-zip.js';
import { SdistFormatError } from './sdist-metadata.js';
import { NetworkError } from './http-errors.js';
import { LIMIT_CODES, TransferLimitError } from './transfer-limits.js';
import { ZipFormatError } from './zip-directory.js';

export function isDistributionProblem(error: unknown): error is Error {
  return (
    error instanceof ZipFormatError ||
    error instanceof WheelMetadataError ||
    error instanceof MetadataMismatchError ||
    error instanceof MetadataHashMismatchError ||
    error instanceof SdistFormatError ||
    ((error instanceof TransferLimitError || error instanceof NetworkError) &&
      error.code === LIMIT_CODES.tooLarge)
  );
}
