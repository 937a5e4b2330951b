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
}

const TEXT_WRITERS: { [K in keyof LockTexts]: (resolution: Resolution, prepared: Prepared) => string } = {
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
  pylock: (resolution, { target, inputs }) =>
    writePylock(resolution, {
      createdBy: 'wheelhouse',
      environment: target.environmentMarker,
      requiresPython: target.requiresPython,
      localProjects: inputs.localProjects,
    }),
};

export function lockText(kind: keyof LockTexts, resolution: Resolution, prepared: Prepared): string {
  return TEXT_WRITERS[kind](resolution, prepared);
}

export function lockTexts(resolution: Resolution, prepared: Prepared): LockTexts {
  return {
    lock: lockText('lock', resolution, prepared),
    report: lockText('report', resolution, prepared),
    pylock: lockText('pylock', resolution, prepared),
  };
}
