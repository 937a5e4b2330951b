/**
 * Failures as workflow annotations: each requirement-file problem becomes `core.error` at its file
 * and line (and column), so it shows on the pull request diff; the failure message itself fails
 * the step.
 */
import * as core from '@actions/core';
import type { FlowFailure } from '../flow/failure.js';

export interface AnnotationProperties {
  title?: string;
  file?: string;
  startLine?: number;
  startColumn?: number;
}

export type Annotate = (message: string, properties: AnnotationProperties) => void;

export const coreAnnotate: Annotate = (message, properties) => core.error(message, properties);

/** One annotation per located problem; answers how many were written. */
export function annotateFailure(failure: FlowFailure, annotate: Annotate = coreAnnotate): number {
  for (const loc of failure.locations) {
    annotate(loc.message, {
      title: 'wheelhouse: requirements file',
      file: loc.file.replace(/\\/g, '/'),
      startLine: loc.line,
      ...(loc.column !== undefined ? { startColumn: loc.column } : {}),
    });
  }
  return failure.locations.length;
}
