/**
 * What a failed fetch, resolve or install tells the user, for both shells: an exit code (1 = no
 * resolution exists, 2 = bad input, an unreachable index / failed download, or a failed install),
 * one redacted message, and the requirement-file locations involved (the action turns them into
 * annotations at file:line).
 */
import { SdistBuildError } from '../build/build-error.js';
import { DownloadFailures, DownloadError } from '../download/download-error.js';
import { InstallTargetError } from '../install/install-target.js';
import { RepairError } from '../install/repair.js';
import { WheelInstallError } from '../install/wheel-install-error.js';
import { InterpreterProbeError } from '../install/interpreter.js';
import { isDistributionProblem } from '../index/distribution-problem.js';
import { DownloadHashMismatchError } from '../index/file-download.js';
import { LocalArchiveError } from '../index/file-range-source.js';
import { HttpError, NetworkError } from '../index/http-errors.js';
import { ProjectPageError } from '../index/project-page-error.js';
import { FileUrlError } from '../index/file-url-path.js';
import { redactText } from '../index/redact.js';
import { DependencyUrlError } from '../provider/dependency-url.js';
import { FileHashError } from '../provider/file-hashes.js';
import { HashPinMismatchError } from '../provider/hash-pins.js';
import { LocalProjectError } from '../provider/project-inputs.js';
import { RequireHashesError } from '../provider/require-hashes.js';
import { RequirementInputError } from '../provider/requirement-inputs.js';
import { ProjectLookupLimitError } from '../index/index-client.js';
import { TomlFileError } from '../provider/toml-file.js';
import { LockFileError } from '../standards/lock-files.js';
import { PyprojectError } from '../standards/pyproject.js';
import { InputDecodeError } from '../util/bom-decode.js';
import { InputTooLargeError } from '../util/bounded-read.js';
import { ResolutionTooComplexError } from '../resolver/errors.js';
import { RequirementsFileError } from '../standards/requirements-file-problem.js';
import { escapeLogText } from '../util/log-text.js';
import { InstallInterpreterError } from './install-interpreter.js';
import { PipInstallError } from './pip-install.js';
import { RangedMetadataMismatchError } from './ranged-metadata-check.js';
import { FlowInputError, UnsatisfiableError, type FailureLocation } from './flow-errors.js';

export { FlowInputError, UnsatisfiableError, type FailureLocation };

export interface FlowFailure {
  exitCode: 1 | 2;
  /** One line per problem, already redacted. */
  message: string;
  kind: 'unsatisfiable' | 'input' | 'network' | 'download' | 'build' | 'install' | 'internal';
  locations: FailureLocation[];
}

/** `path:line: message` lines (RequirementInputError's format) → locations. */
function locationsOfLines(text: string): FailureLocation[] {
  const out: FailureLocation[] = [];
  for (const line of text.split('\n')) {
    const m = /^(.+?):(\d+)(?::(\d+))?: (.*)$/.exec(line);
    if (m === null) continue;
    out.push({
      file: m[1] as string,
      line: Number(m[2]),
      ...(m[3] !== undefined ? { column: Number(m[3]) } : {}),
      message: m[4] as string,
    });
  }
  return out;
}

export function describeFailure(error: unknown): FlowFailure {
  const message = escapeLogText(redactText(error instanceof Error ? error.message : String(error)));
  if (error instanceof UnsatisfiableError) {
    return { exitCode: 1, kind: 'unsatisfiable', message, locations: [] };
  }
  // The solver's work bound: no resolution found, none proven impossible either, so not exit 1
  // ("no resolution exists"). pip 23.2 ends such a run (resolvelib's ResolutionTooDeep) with exit 2;
  // the fix is in the input (narrower requirements or constraints for the packages it names).
  if (error instanceof ResolutionTooComplexError) {
    return { exitCode: 2, kind: 'input', message, locations: [] };
  }
  if (error instanceof RequirementsFileError) {
    return {
      exitCode: 2,
      kind: 'input',
      message,
      locations: error.problems
        .filter((p) => p.line > 0)
        .map((p) => ({
          file: p.file,
          line: p.line,
          column: p.column,
          message: escapeLogText(redactText(`${p.message}: ${p.text}`)),
        })),
    };
  }
  if (error instanceof RequirementInputError) {
    return { exitCode: 2, kind: 'input', message, locations: locationsOfLines(message) };
  }
  if (
    error instanceof PyprojectError ||
    error instanceof TomlFileError ||
    error instanceof LocalProjectError ||
    // A dependency's `name @ URL` wheelhouse does not follow (review 16a F4): the input's to change.
    error instanceof DependencyUrlError ||
    error instanceof LockFileError ||
    error instanceof InputTooLargeError ||
    error instanceof InputDecodeError ||
    error instanceof ProjectLookupLimitError ||
    error instanceof FileUrlError
  ) {
    return { exitCode: 2, kind: 'input', message, locations: locationsOfLines(message) };
  }
  if (error instanceof RequireHashesError) {
    const locations = locationsOfLines(message);
    return { exitCode: 2, kind: 'input', message, locations };
  }
  if (error instanceof FlowInputError) {
    return {
      exitCode: 2,
      kind: 'input',
      message,
      locations: error.locations.map((l) => ({ ...l, message: escapeLogText(redactText(l.message)) })),
    };
  }
  if (error instanceof NetworkError || error instanceof HttpError || error instanceof ProjectPageError) {
    return { exitCode: 2, kind: 'network', message, locations: [] };
  }
  if (
    error instanceof DownloadFailures ||
    error instanceof DownloadError ||
    error instanceof FileHashError ||
    error instanceof HashPinMismatchError ||
    error instanceof RangedMetadataMismatchError ||
    // Bytes that are not the ones the index declares (or a declared digest no file can match):
    // the index's problem, reported as pip reports a hash mismatch (review 14d F10: "internal error").
    error instanceof DownloadHashMismatchError ||
    error instanceof LocalArchiveError ||
    // A broken file on the index that no other candidate could replace: its problem, not ours.
    isDistributionProblem(error)
  ) {
    return { exitCode: 2, kind: 'download', message, locations: [] };
  }
  // The target environment cannot be installed into (not writable, externally managed, no such
  // interpreter, an interrupted install that cannot be undone): the user's to fix, reported
  // before anything was changed.
  if (
    error instanceof InstallTargetError ||
    error instanceof RepairError ||
    error instanceof InstallInterpreterError ||
    error instanceof InterpreterProbeError
  ) {
    return { exitCode: 2, kind: 'input', message, locations: [] };
  }
  // A wheel that cannot be installed (bad archive, RECORD mismatch, disk full) or pip failing.
  if (error instanceof WheelInstallError || error instanceof PipInstallError) {
    return { exitCode: 2, kind: 'install', message, locations: [] };
  }
  if (error instanceof SdistBuildError) {
    // A build that failed (the message ends with its log) or cannot run for this target.
    return { exitCode: 2, kind: 'build', message, locations: [] };
  }
  const name = error instanceof Error ? error.name : 'Error';
  if (/InvalidTarget|TargetDetection|FinderOptions|CacheKey|InvalidRequirement/.test(name)) {
    return { exitCode: 2, kind: 'input', message, locations: [] };
  }
  return { exitCode: 2, kind: 'internal', message, locations: [] };
}
