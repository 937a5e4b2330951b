/**
 * The first part of every run, shared by `wheelhouse resolve`, `wheelhouse fetch` and the action:
 * read the requirement files (pip's format, with includes and constraints), merge the finder
 * options, and decide the target. Nothing here touches the network.
 */
import { readFile } from 'node:fs/promises';
import { isAbsolute, resolve } from 'node:path';
import { NO_SELECTION, type ProjectSelection } from '../provider/project-inputs.js';
import { readRequirementInputs, type RequirementInputs } from '../provider/requirement-inputs.js';
import { targetEnvironment, type TargetEnvironment } from '../provider/target.js';
import type { Logger } from '../util/logger.js';
import { FlowInputError } from './failure.js';
import { effectiveFinder, type EffectiveFinder, type FinderOptions } from './finder-options.js';
import {
  detectTarget,
  type DetectedTarget,
  type ExplicitTarget,
  type PythonInfo,
  type RunnerPlatform,
} from './target-detect.js';

export interface PrepareOptions {
  requirementFiles: string[];
  constraintFiles?: string[];
  /** Extras and dependency groups of pyproject.toml / lock inputs (`--extra`, `--group`). */
  selection?: ProjectSelection;
  finder: FinderOptions;
  target: ExplicitTarget;
  /** Relative requirement paths are taken from here (default process.cwd()). */
  cwd?: string;
  /** For `${VAR}` in requirement files. */
  env?: Record<string, string | undefined>;
  logger: Logger;
  /** Test seams for target detection. */
  findPython?: () => Promise<PythonInfo | undefined>;
  runner?: () => RunnerPlatform;
}

export interface Prepared {
  inputs: RequirementInputs;
  finder: EffectiveFinder;
  detected: DetectedTarget;
  target: TargetEnvironment;
  /** `cp312-manylinux_2_17_x86_64 (Python 3.12.4)` for headers and logs. */
  describe: string;
}

export async function prepare(o: PrepareOptions): Promise<Prepared> {
  if (o.requirementFiles.length === 0) {
    throw new FlowInputError('no requirement files given (CLI: -r FILE; action: the requirements input)');
  }
  const cwd = o.cwd ?? process.cwd();
  // Paths stay as given (relative ones shown relative) but are read from `cwd`.
  const io = { readFile: (p: string) => readFile(isAbsolute(p) ? p : resolve(cwd, p), 'utf8') };
  const inputs = await readRequirementInputs(
    o.requirementFiles,
    o.constraintFiles ?? [],
    io,
    o.env ?? process.env,
    o.selection ?? NO_SELECTION,
  );
  const finder = effectiveFinder(inputs.options, o.finder);
  if (finder.indexUrls.length === 0 && finder.findLinks.length === 0) {
    throw new FlowInputError(
      '--no-index is set and no --find-links location is given: nothing to resolve from',
    );
  }
  const detected = await detectTarget({
    explicit: o.target,
    ...(o.findPython ? { findPython: o.findPython } : {}),
    ...(o.runner ? { runner: o.runner } : {}),
  });
  const target = targetEnvironment(detected.options);
  const describe = `${target.summary} (Python ${target.pythonVersion.toString()})`;
  o.logger.info(
    `target ${describe}: Python from ${detected.source.python === 'explicit' ? 'the given version' : `${detected.python?.command ?? 'python'} on PATH`}, platform from ${detected.source.platform === 'explicit' ? 'the given tags' : 'this runner'}`,
  );
  return { inputs, finder, detected, target, describe };
}
