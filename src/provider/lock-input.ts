/**
 * A lock file as the requirement input (issue 11, §3): `uv.lock` (uv-lock.ts) or `pylock.toml` /
 * `pylock.<name>.toml` (pylock.ts, PEP 751). No resolution: the lock's packages are selected for the
 * target (markers, extras, groups), the one best file of each is chosen (lock-files.ts), and the
 * result is a Resolution with the lock's sha256 and sizes — the fetch flow then verifies, downloads
 * and keys the cache exactly as for a resolved set, with zero page and zero metadata requests.
 * Local projects of the lock (uv workspace members, PEP 751 directories) are returned apart, as for
 * `-e .` inputs; uv's virtual roots contribute only their dependencies.
 */
import { dirname, join } from 'node:path';
import {
  chooseLockedFile,
  LockFileError,
  type FileChoiceRules,
  type LockedFile,
  type LockedPackage,
} from '../standards/lock-files.js';
import { InvalidFilenameError, parseSdistFilename, parseWheelFilename } from '../standards/filenames.js';
import { isValidName, type NormalizedName } from '../standards/names.js';
import { Version } from '../standards/version.js';
import { selectPylock } from '../standards/pylock.js';
import { readUvLock, selectUvLock } from '../standards/uv-lock.js';
import { requiresPythonAllows } from './candidates.js';
import type { LocalProject, ProjectSelection } from './project-inputs.js';
import type { Resolution, ResolvedPackage } from './resolution.js';
import type { TargetEnvironment } from './target.js';
import { parseTomlText } from './toml-file.js';
import { directFileNameReason } from '../index/dist-filename-check.js';
import { redactUrl, registerUrlCredentials, urlsInText } from '../index/redact.js';

import { lockKindOf, type LockKind } from './lock-kind.js';

export { lockKindOf, type LockKind };

export interface LockedInput {
  file: string;
  kind: LockKind;
  resolution: Resolution;
  localProjects: LocalProject[];
}

export interface LockInputOptions {
  target: TargetEnvironment;
  selection: ProjectSelection;
  mayUseWheel: FileChoiceRules['mayUseWheel'];
  mayUseSdist: FileChoiceRules['mayUseSdist'];
}

/** A local path of the lock (relative to the lock's directory) as seen from the working directory. */
function fromLockDir(file: string, path: string): string {
  const dir = dirname(file);
  return dir === '.' || dir === '' ? path : join(dir, path);
}

function pick(
  file: string,
  name: NormalizedName,
  version: string,
  wheels: LockedFile[],
  sdist: LockedFile | undefined,
  o: LockInputOptions,
): LockedFile {
  const got = chooseLockedFile(name, wheels, sdist, { tagPriority: o.target.tagPriority, ...o });
  if ('reason' in got) {
    throw new LockFileError(
      file,
      `package ${name} ${version}: no file for the target ${o.target.summary} (${got.reason})`,
    );
  }
  return got.file;
}

function selectFromUv(file: string, text: string, o: LockInputOptions): LockedPackage[] {
  const lock = readUvLock(parseTomlText(file, text), file);
  if (
    lock.requiresPython !== undefined &&
    !requiresPythonAllows(lock.requiresPython, o.target.pythonVersion)
  ) {
    throw new LockFileError(
      file,
      `requires-python ${JSON.stringify(lock.requiresPython)} excludes the target's Python ${o.target.pythonVersion.toString()}`,
    );
  }
  const out: LockedPackage[] = [];
  for (const s of selectUvLock(lock, { markers: o.target.markers, ...o.selection })) {
    const { pkg } = s;
    const extras = [...s.extras].sort();
    switch (pkg.source.kind) {
      case 'virtual':
        continue;
      case 'editable':
      case 'directory':
        out.push({
          kind: 'local',
          name: pkg.name,
          path: fromLockDir(file, pkg.source.value),
          editable: pkg.source.kind === 'editable',
          extras,
        });
        continue;
      case 'git':
      case 'path':
        throw new LockFileError(
          file,
          `package ${pkg.name}: a ${pkg.source.kind} source (${pkg.source.value}) cannot be fetched from a lock by wheelhouse`,
        );
      default: {
        const version = pkg.version ?? '';
        if (pkg.wheels.length === 0 && pkg.sdist === undefined && pkg.fileProblem !== undefined) {
          throw new LockFileError(file, `package ${pkg.name} ${version}: ${pkg.fileProblem}`);
        }
        const chosen = pick(file, pkg.name, version, pkg.wheels, pkg.sdist, o);
        out.push({
          kind: 'file',
          name: pkg.name,
          version,
          file: chosen,
          requested: s.requested,
          extras,
          direct: pkg.source.kind === 'url',
        });
      }
    }
  }
  return out;
}

/**
 * The version of a PEP 751 package that has none: `packages.version` is optional (the
 * specification: tools SHOULD give it when known) and pip 26's `pip lock` leaves it out for a
 * `[packages.archive]` (a `name @ URL` requirement). pip reads the version from the file it
 * installs: a wheel's file name (PEP 427), an sdist's (`{name}-{version}.tar.gz`) when it names
 * the project (review 18a F1).
 */
function archiveVersion(file: string, name: NormalizedName, chosen: LockedFile): string {
  try {
    const version =
      chosen.kind === 'wheel'
        ? parseWheelFilename(chosen.filename).version
        : parseSdistFilename(chosen.filename, name).version;
    return version;
  } catch (error) {
    if (!(error instanceof InvalidFilenameError)) throw error;
    throw new LockFileError(
      file,
      `package ${name}: no version, and the file name ${JSON.stringify(chosen.filename)} does not give one (${error.message})`,
    );
  }
}

function selectFromPylock(file: string, text: string, o: LockInputOptions): LockedPackage[] {
  const selected = selectPylock(parseTomlText(file, text), file, {
    markers: o.target.markers,
    pythonAllows: (rp) => requiresPythonAllows(rp, o.target.pythonVersion),
    ...o.selection,
  });
  return selected.map((p): LockedPackage => {
    const version = p.version ?? '';
    if (p.source.kind === 'unsupported')
      throw new LockFileError(file, `package ${p.name} ${version}: ${p.source.reason}`);
    if (p.source.kind === 'directory') {
      return {
        kind: 'local',
        name: p.name,
        path: fromLockDir(file, p.source.path),
        editable: p.source.editable,
        extras: [],
      };
    }
    const chosen = pick(file, p.name, version, p.source.wheels, p.source.sdist, o);
    return {
      kind: 'file',
      name: p.name,
      version: p.version ?? archiveVersion(file, p.name, chosen),
      file: chosen,
      ...(p.requiresPython !== undefined ? { requiresPython: p.requiresPython } : {}),
      requested: true,
      extras: [],
      direct: p.source.direct === true,
    };
  });
}

/**
 * Reads `file` (already read as `text`) and answers the resolution it locks for the target.
 *
 * The credentials of every URL the lock holds (userinfo, query values: a private index's file
 * URLs) are secrets of the run from here on, before anything parses or shows them — not their
 * paths: a lock names thousands of public files whose hash directories would look like tokens
 * and be masked in the outputs.
 */
export function readLockInput(file: string, text: string, o: LockInputOptions): LockedInput {
  const kind = lockKindOf(file);
  if (kind === undefined) throw new LockFileError(file, 'is not a uv.lock or pylock.toml');
  for (const url of urlsInText(text)) registerUrlCredentials(url);
  const locked = kind === 'uv' ? selectFromUv(file, text, o) : selectFromPylock(file, text, o);
  const packages: ResolvedPackage[] = [];
  const localProjects: LocalProject[] = [];
  for (const p of locked) {
    checkIdentity(file, p);
    if (p.kind === 'local') {
      localProjects.push({
        name: p.name,
        path: p.path,
        editable: p.editable,
        extras: p.extras,
        origin: file,
      });
      continue;
    }
    // The file name becomes a path in the wheelhouse (and a build's download directory): a lock
    // file is input from others (a pull request can change it), so its names pass the safe-name
    // rule every direct URL's passes — a plain file name, never `../x` (review 1 of session 13).
    // Not the sdist grammar: an archive of a tag (`v2.32.3.tar.gz`) is built with the lock's own
    // name and version (review 4); wheels' names are parsed when they are chosen. The rule is the
    // cache's too (dist-filename-check.ts directFileNameReason, review 17c F1).
    const unsafe = directFileNameReason(p.file.filename);
    if (unsafe !== undefined) {
      throw new LockFileError(
        file,
        `package ${p.name} ${p.version}: the file name ${JSON.stringify(p.file.filename)} of ${redactUrl(p.file.url)} is refused: ${unsafe}`,
      );
    }
    const sha256 = p.file.hashes['sha256'];
    if (sha256 === undefined) {
      throw new LockFileError(
        file,
        `package ${p.name} ${p.version}: ${p.file.filename} has no sha256 hash (only ${Object.keys(p.file.hashes).join(', ')})`,
      );
    }
    // uv refuses a lock whose digest is not the algorithm's length when it parses it; PEP 751
    // hashes are hex digests of the named algorithm (review 18a F3).
    if (!/^[0-9a-fA-F]{64}$/.test(sha256)) {
      throw new LockFileError(
        file,
        `package ${p.name} ${p.version}: ${p.file.filename}: sha256 ${JSON.stringify(sha256)} is not a sha256 digest (64 hex digits)`,
      );
    }
    packages.push({
      name: p.name,
      version: p.version,
      file: {
        filename: p.file.filename,
        url: p.file.url,
        redactedUrl: redactUrl(p.file.url),
        sha256,
        ...(p.file.size !== undefined ? { size: p.file.size } : {}),
        kind: p.file.kind,
      },
      requested: p.requested,
      extras: p.extras,
      requiresDist: [],
      ...(p.requiresPython !== undefined ? { requiresPython: p.requiresPython } : {}),
      metadataPath: 'lock',
      isDirect: p.direct,
    });
  }
  packages.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  return { file, kind, resolution: { packages }, localProjects };
}

/** C0/C1 controls, DEL and U+2028/U+2029 (every `str.splitlines()` break is among them). */
const CONTROL_OR_LINE_BREAK = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/u;

/**
 * A locked package's name must be a project name (PEP 508 / packaging's name rule) and its
 * version PEP 440 (PEP 751 `packages.version`; uv writes PEP 440 versions), and a chosen wheel
 * must be a file of that project and version (PEP 427 file name): a lock file is input from
 * others, and these texts are written into the --lock/--report/--pylock outputs and name what is
 * installed (review 15c F5: a line break in a version became lines of the requirements lock; a
 * wheel of another project was taken for the package).
 */
function checkIdentity(file: string, p: LockedPackage): void {
  if (!isValidName(p.name))
    throw new LockFileError(file, `package name ${JSON.stringify(p.name)} is not a valid project name`);
  for (const extra of p.extras) {
    if (!isValidName(extra))
      throw new LockFileError(
        file,
        `package ${p.name}: extra ${JSON.stringify(extra)} is not a valid extra name`,
      );
  }
  if (p.kind === 'local') {
    // The path is written into the outputs (the requirements lock's header says how to install
    // it): a control character or anything Python's splitlines() ends a line at has no place in
    // a project path and would make the header more than one line for pip (review 18a F16).
    if (CONTROL_OR_LINE_BREAK.test(p.path)) {
      throw new LockFileError(
        file,
        `package ${p.name}: the local path ${JSON.stringify(p.path)} holds a control character or line break`,
      );
    }
    return;
  }
  const version = Version.tryParse(p.version);
  if (version === null) {
    throw new LockFileError(
      file,
      `package ${p.name}: version ${JSON.stringify(p.version)} is not a valid (PEP 440) version`,
    );
  }
  if (p.file.kind !== 'wheel') return;
  const wheel = parseWheelFilename(p.file.filename);
  const wheelVersion = Version.tryParse(wheel.version);
  if (wheel.name !== p.name || wheelVersion === null || !wheelVersion.equals(version)) {
    throw new LockFileError(
      file,
      `package ${p.name} ${p.version}: the wheel ${JSON.stringify(p.file.filename)} is a file of ${wheel.name} ${wheel.version}, not of this package`,
    );
  }
}
