/**
 * Dynamic project dependencies (issue 11, §2): a pyproject.toml whose `[project]` lists
 * `dependencies` (or, with extras asked for, `optional-dependencies`) in `dynamic`, and a local
 * project (`-e .`, `./pkg`) that has no static `[project]` table (setup.py only). Their
 * dependencies are what the target interpreter's pip, as the PEP 517 frontend, prepares as
 * metadata (src/build/prepare-metadata.ts: `pip install --dry-run --no-deps --report -`, with the
 * run's indexes, so the build backend comes from the user's index).
 *
 * The metadata's Requires-Dist entries become root requirements: an entry applies when its marker
 * holds on the target with no extra or with one of the extras asked for (PEP 508 `extra`); the
 * marker is then dropped (it has been decided). A requirement on the project itself adds its
 * extras. An extra the metadata does not provide is an error naming the file.
 */
import { resolve } from 'node:path';
import { prepareMetadata } from '../build/prepare-metadata.js';
import type { DynamicProject } from '../provider/project-inputs.js';
import type { SourcedRequirement } from '../provider/python-provider.js';
import type { RequirementInputs } from '../provider/requirement-inputs.js';
import { markerExtras } from '../standards/markers.js';
import { evaluateMarker } from '../standards/marker-evaluation.js';
import { normalizeName } from '../standards/names.js';
import { parseRequirement, type Requirement } from '../standards/requirement.js';
import type { Logger } from '../util/logger.js';
import { createBuildContext } from './build-context.js';
import { FlowInputError } from './flow-errors.js';
import type { Prepared } from './prepare.js';

export interface DynamicProjectsOptions {
  env: Record<string, string | undefined>;
  cwd: string;
  logger: Logger;
  /** Directory of the interpreter probe cache (src/install/probe-cache.ts), if any. */
  probeCache?: string;
}

/** Requires-Dist entries of one project that apply on the target with `extras` (self-references expanded). */
export function applicableRequirements(
  name: string,
  requiresDist: readonly string[],
  markers: Prepared['target']['markers'],
  asked: readonly string[],
  allExtras: boolean,
  label: string,
  providesExtra: readonly string[],
): Requirement[] {
  const parsed = requiresDist.map((text) => parseRequirement(text));
  const known = new Set([
    ...providesExtra.map(normalizeName),
    ...parsed.flatMap((r) => (r.marker ? markerExtras(r.marker) : [])),
  ]);
  const extras = new Set(allExtras ? known : asked.map(normalizeName));
  for (const e of extras) {
    if (!known.has(e)) {
      throw new FlowInputError(
        `${label}: the project's metadata has no extra ${JSON.stringify(e)} (extras: ${[...known].join(', ') || 'none'})`,
      );
    }
  }
  const self = normalizeName(name);
  // Self-references (`myproj[test]` in an extra) add extras until nothing changes (bounded by `known`).
  for (let changed = true; changed;) {
    changed = false;
    for (const r of parsed) {
      if (r.name !== self || (r.marker !== undefined && !evaluateMarker(r.marker, markers, ['', ...extras])))
        continue;
      for (const e of r.extras) {
        if (!extras.has(e) && known.has(e)) {
          extras.add(e);
          changed = true;
        }
      }
    }
  }
  return parsed
    .filter(
      (r) =>
        r.name !== self && (r.marker === undefined || evaluateMarker(r.marker, markers, ['', ...extras])),
    )
    .map((r) => {
      const { marker: _decided, ...rest } = r;
      return rest;
    });
}

/** Asks the frontend for every dynamic project of `inputs` and adds their requirements (mutates `inputs`). */
export async function addDynamicProjects(
  inputs: RequirementInputs,
  prepared: Omit<Prepared, 'locked'>,
  o: DynamicProjectsOptions,
): Promise<void> {
  if (inputs.dynamicProjects.length === 0) return;
  const context = createBuildContext({
    prepared,
    env: o.env,
    cwd: o.cwd,
    ...(o.probeCache !== undefined ? { probeCache: o.probeCache } : {}),
  });
  const interpreter = await context.interpreter();
  const add = async (p: DynamicProject): Promise<SourcedRequirement[]> => {
    if (interpreter === undefined) {
      throw new FlowInputError(
        `${p.label}: the project's dependencies come from its build backend, which needs a python3/python on PATH to run (none found)`,
      );
    }
    o.logger.info(
      `${p.label}: dependencies are dynamic; asking ${interpreter.command} -m pip for the prepared metadata`,
    );
    const meta = await context.limit(() =>
      prepareMetadata(context.frontend(interpreter), resolve(o.cwd, p.dir), { label: p.label }),
    );
    const text = new TextDecoder().decode(meta.metadata);
    const provides = [...text.matchAll(/^Provides-Extra:\s*(\S+)\s*$/gim)].map((m) => m[1] as string);
    const reqs = applicableRequirements(
      meta.name,
      meta.requiresDist,
      prepared.target.markers,
      p.extras,
      p.allExtras,
      p.label,
      provides,
    );
    if (p.local !== undefined) {
      inputs.localProjects.push({
        name: normalizeName(meta.name),
        path: p.local.path,
        editable: p.local.editable,
        extras: p.extras,
        origin: p.local.origin,
      });
    }
    return reqs.map((requirement) => ({
      requirement,
      origin: `${p.label} (prepared metadata of ${meta.name} ${meta.version})`,
    }));
  };
  for (const p of inputs.dynamicProjects) inputs.requirements.push(...(await add(p)));
  const local = new Set(inputs.localProjects.map((p) => p.name));
  inputs.requirements = inputs.requirements.filter((r) => !local.has(r.requirement.name));
}
