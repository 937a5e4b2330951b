/**
 * The texts a resolution is written as (lock, report, pylock), made when asked for: a run writes
 * only the outputs it was given. Its own module, loaded once a resolution exists (issue 14 §2
 * start-up: the three writers are not compiled before the first request).
 */
import type { Resolution } from '../provider/resolution.js';
import { writeLock } from '../provider/lock-writer.js';
import { writePylock } from '../provider/pylock-writer.js';
import { writeReport } from '../provider/report-writer.js';
import type { Prepared } from './prepare.js';
import { GENERATED_BY } from './version.js';

export interface LockTexts {
  lock: string;
  report: string;
  pylock: string;
  /**
   * The pylock as written in another directory (PEP 751: a local project's `directory.path` is
   * relative to the lock file's own directory) — for copies of a wheelhouse's pylock made elsewhere
   * (review 15e F8). Absent where `pylock` has no place.
   */
  pylockIn?: (directory: string) => string;
}

/** The three texts' names. */
export type LockTextKind = 'lock' | 'report' | 'pylock';

/** Where a lock text is written: its directory (absolute) and the run's working directory. */
export interface LockTextPlace {
  cwd: string;
  directory: string;
}

const TEXT_WRITERS: {
  [K in LockTextKind]: (resolution: Resolution, prepared: Prepared, place?: LockTextPlace) => string;
} = {
  lock: (resolution, { describe, inputs }) =>
    writeLock(resolution, {
      generatedBy: GENERATED_BY,
      target: describe,
      localProjects: inputs.localProjects,
    }),
  report: (resolution, { target, describe }) =>
    writeReport(resolution, {
      environment: { ...target.markers },
      generatedBy: GENERATED_BY,
      target: describe,
    }),
  pylock: (resolution, { target, inputs }, place) =>
    writePylock(resolution, {
      ...(place !== undefined ? { paths: { cwd: place.cwd, lockDirectory: place.directory } } : {}),
      createdBy: 'wheelhouse',
      environment: target.environmentMarker,
      requiresPython: target.requiresPython,
      localProjects: inputs.localProjects,
    }),
};

/** `place`: where the text is written (the pylock's directory paths are relative to it, PEP 751). */
export function lockText(
  kind: LockTextKind,
  resolution: Resolution,
  prepared: Prepared,
  place?: LockTextPlace,
): string {
  return TEXT_WRITERS[kind](resolution, prepared, place);
}

export function lockTexts(resolution: Resolution, prepared: Prepared, place?: LockTextPlace): LockTexts {
  return {
    lock: lockText('lock', resolution, prepared, place),
    report: lockText('report', resolution, prepared, place),
    pylock: lockText('pylock', resolution, prepared, place),
    ...(place !== undefined
      ? {
          pylockIn: (directory: string) =>
            lockText('pylock', resolution, prepared, { cwd: place.cwd, directory }),
        }
      : {}),
  };
}
