/**
 * The one error of the build layer: a source distribution (or local project) whose metadata could
 * not be prepared or whose wheel could not be built by the target interpreter's pip, or a build
 * that cannot run for the target. The message names the sdist and ends with the last lines of
 * pip's log, redacted (pip hides passwords itself; URLs are redacted once more here).
 */
import { redactText } from '../index/redact.js';

export type BuildStep = 'metadata' | 'wheel' | 'target';

export class SdistBuildError extends Error {
  override name = 'SdistBuildError';
  constructor(
    /** The sdist's file name (or the project directory as given). */
    readonly sdist: string,
    readonly step: BuildStep,
    message: string,
    /** The end of pip's log, redacted ('' when pip did not run). */
    readonly logTail = '',
  ) {
    const tail = redactText(logTail);
    super(redactText(`${sdist}: ${message}`) + (tail === '' ? '' : `\n${indent(tail)}`));
    this.logTail = tail;
  }
}

function indent(text: string): string {
  return text
    .split('\n')
    .map((l) => `    ${l}`)
    .join('\n');
}
