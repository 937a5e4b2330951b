/**
 * The build options written on requirement lines — pip 23.2's per-requirement options besides
 * `--hash` (`--config-settings`, `--global-option`, pip's "Requirements File Format" reference).
 * Which of them reach a project's build: src/build/template-build-options.ts (the first line's).
 */
import type { Requirement } from '../standards/requirement.js';

export interface BuildOptionLine {
  requirement: Requirement;
  configSettings: readonly string[];
  globalOptions: readonly string[];
  /** Where it was written (`requirements.txt:4`). */
  origin: string;
}

export interface RequirementBuildOptions {
  /** `KEY=VALUE`, in file order. */
  configSettings: string[];
  globalOptions: string[];
  /** Where they were written (`requirements.txt:4`). */
  origins: string[];
}
