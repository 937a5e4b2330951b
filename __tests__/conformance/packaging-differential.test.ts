// Differential conformance suite: src/standards (and the target code above it) against pip 26's
// vendored packaging, run as an oracle process (oracle.ts). Seeded, grammar-aware inputs
// (generate.ts); a disagreement passes only when divergences.ts names it. CONFORMANCE_SEED and
// CONFORMANCE_SCALE (a multiplier of the case counts) vary the run.
import { afterAll, beforeAll, expect, it, jest } from '@jest/globals';
import { writeFileSync } from 'node:fs';
import {
  compareBuildTags,
  parseSdistFilename,
  parseWheelFilename,
  type BuildTag,
} from '../../src/standards/filenames.js';
import { InvalidMarkerError, parseMarker } from '../../src/standards/markers.js';
import { evaluateMarker } from '../../src/standards/marker-evaluation.js';
import { parseMetadata } from '../../src/standards/metadata.js';
import { FIELDS } from '../../src/standards/metadata-fields.js';
import { parseRequirement, InvalidRequirementError } from '../../src/standards/requirement.js';
import { SpecifierSet } from '../../src/standards/specifier.js';
import { tagToString } from '../../src/standards/tags.js';
import { Version } from '../../src/standards/version.js';
import type { MarkerEnvironment } from '../../src/standards/environment.js';
import { osArchOfPlatform, targetEnvironment } from '../../src/provider/target.js';
import { describeWhenAvailable } from '../helpers/optional-suite.js';
import { explain } from './divergences.js';
import * as g from './generate.js';
import { Oracle, oracleMissing, oracleVersions } from './oracle.js';

// Generous: the suite takes ~15 s on 2 idle cores, but the shared machine is often loaded.
jest.setTimeout(240_000);

const SEED = Number(process.env.CONFORMANCE_SEED ?? 20261205);
const SCALE = Number(process.env.CONFORMANCE_SCALE ?? 1);
const n = (count: number): number => Math.max(1, Math.round(count * SCALE));

type Obj = Record<string, unknown>;
interface Mismatch {
  area: string;
  input: Obj;
  ours: unknown;
  theirs: unknown;
}

const tally: Record<string, { cases: number; agree: number; divergences: Record<string, number> }> = {};
const unexplained: Mismatch[] = [];

/** Compares one area: `ours` per input, the oracle's answers, divergences applied. */
async function compareArea(
  oracle: Oracle,
  area: string,
  kind: string,
  inputs: Obj[],
  ours: (input: Obj) => unknown,
  normalize: (theirs: unknown, input: Obj) => unknown = (t) => t,
): Promise<void> {
  const pending = oracle.ask<unknown>(kind, inputs);
  const mine = inputs.map(ours); // computed while the oracle works on the same cases
  const theirs = await pending;
  const t = (tally[area] ??= { cases: 0, agree: 0, divergences: {} });
  inputs.forEach((input, i) => {
    t.cases++;
    const o = mine[i];
    const th = normalize(theirs[i], input);
    if (JSON.stringify(reduceError(o)) === JSON.stringify(th)) {
      t.agree++;
      return;
    }
    const d = explain(area, input, o, theirs[i]);
    if (d !== undefined) t.divergences[d.id] = (t.divergences[d.id] ?? 0) + 1;
    else unexplained.push({ area, input, ours: o, theirs: theirs[i] });
  });
}

const guard = (f: () => unknown): unknown => {
  try {
    return f();
  } catch (e) {
    return { err: (e as Error).name, reason: (e as { reason?: string }).reason ?? (e as Error).message };
  }
};
/** An error answer, whatever its kind and reason, as `{ err: true }` (the oracle's are normalized alike). */
function reduceError(a: unknown): unknown {
  const o = a as Obj;
  if (o !== null && typeof o === 'object' && ('err' in o || 'error' in o)) return { err: true };
  return a;
}
const errOnly = (a: unknown): unknown => {
  const o = a as Obj;
  return o !== null && typeof o === 'object' && 'err' in o ? { err: true } : a;
};

function versionAnswer(input: Obj): unknown {
  return guard(() => {
    const v = Version.parse(input.v as string);
    const out: Obj = {
      s: v.toString(),
      pre: v.isPrerelease,
      post: v.isPostrelease,
      dev: v.isDevrelease,
      pub: v.public.toString(),
      base: v.baseVersion.toString(),
    };
    if (input.b !== undefined) out.cmp = Math.sign(v.compare(Version.parse(input.b as string)));
    return out;
  });
}

function specifierAnswer(input: Obj): unknown {
  return guard(() => {
    const set = SpecifierSet.parse(input.spec as string);
    const versions = (input.versions as string[]).map((v) => Version.parse(v));
    const pre = input.pre as boolean | null;
    const opts = pre === null ? {} : { prereleases: pre };
    return {
      clauses: [...new Set(set.specifiers.map((s) => s.toString()))].sort(),
      filter: set.filter(versions, opts).map(String),
      contains_default: versions.map((v) => set.contains(v)),
    };
  });
}

function markerAnswer(input: Obj): unknown {
  let m;
  try {
    m = parseMarker(input.marker as string);
  } catch (e) {
    if (e instanceof InvalidMarkerError) return { parse: false, reason: e.reason };
    throw e;
  }
  const extra = input.extra as string | null;
  return {
    parse: true,
    value: evaluateMarker(m, input.env as unknown as MarkerEnvironment, extra ? [extra] : undefined),
  };
}

function requirementAnswer(input: Obj): unknown {
  try {
    const r = parseRequirement(input.text as string);
    return {
      name: r.name,
      extras: [...r.extras].sort(),
      clauses: [...new Set(r.specifier.specifiers.map((s) => s.toString()))].sort(),
      url: r.url ?? null,
      marker:
        r.marker === undefined ? null : evaluateMarker(r.marker, input.env as unknown as MarkerEnvironment),
    };
  } catch (e) {
    if (e instanceof InvalidRequirementError) return { err: true, reason: e.reason };
    throw e;
  }
}

function wheelAnswer(input: Obj): unknown {
  return guard(() => {
    const w = parseWheelFilename(input.f as string);
    return {
      name: w.name,
      version: Version.parse(w.version).toString(),
      build: w.buildTag ? [w.buildTag.n.toString(), w.buildTag.rest] : null,
      tags: w.tags.map(tagToString).sort(),
    };
  });
}

function tagsAnswer(input: Obj): unknown {
  return guard(() => {
    const platforms = input.platforms as string[];
    const { os, arch } = osArchOfPlatform(platforms[0]!)!;
    const env = targetEnvironment({
      pythonVersion: `3.${(input.version as string).slice(1)}`,
      implementation: input.impl as 'cp' | 'pp',
      os,
      arch,
      platforms,
      ...(input.abis !== null ? { abis: input.abis as string[] } : {}),
    });
    return { tags: env.tags.map(tagToString) };
  });
}

/** A header value as compared: unfolded (line breaks out, ends trimmed); free text also de-indented. */
function headerText(name: string, value: string): string {
  if (FIELDS.get(name)?.text) {
    return value
      .split(/\r\n|\r|\n/)
      .map((l) => (l.startsWith('       |') ? l.slice(8) : l))
      .join(' ')
      .replace(/\s+/g, ' ')
      .trim();
  }
  return value.replace(/\r\n|\r|\n/g, '').trim();
}

function metadataAnswer(input: Obj): unknown {
  const { metadata } = parseMetadata(Buffer.from(input.hex as string, 'hex'));
  const fields: Record<string, string[]> = {};
  for (const [name, values] of metadata.fields) fields[name] = values.map((v) => headerText(name, v));
  const out: Obj = { fields };
  // The body, when there is one, became the description (a Description header is then ignored).
  const headerDescription = metadata.fields.get('description')?.[0];
  if (metadata.description !== undefined && metadata.description !== headerDescription)
    out.body = metadata.description;
  return out;
}

describeWhenAvailable('conformance with pip 26 (packaging 26)', oracleMissing(), () => {
  let oracle: Oracle;
  beforeAll(() => {
    oracle = new Oracle();
  });
  afterAll(() => {
    oracle.close();
    const v = oracleVersions();
    const lines = Object.entries(tally).map(
      ([area, t]) =>
        `${area}: ${t.cases} cases, ${t.agree} identical${Object.entries(t.divergences)
          .map(([id, c]) => `, ${c} ${id}`)
          .join('')}`,
    );
    const total = Object.values(tally).reduce((s, t) => s + t.cases, 0);
    process.stderr.write(
      `conformance (seed ${SEED}, pip ${v?.pip}, packaging ${v?.packaging}, python ${v?.python}): ${total} cases\n  ${lines.join('\n  ')}\n`,
    );
  });

  it('versions: parsing, normalization, properties, ordering', async () => {
    const r = new g.Rng(SEED + 1);
    const inputs = Array.from({ length: n(32000) }, () => ({
      v: g.genVersion(r),
      b: g.genProbeVersions(r, 1)[0],
    }));
    await compareArea(oracle, 'version', 'version', inputs, versionAnswer, errOnly);
  });

  it('specifier sets: validity, clauses, filter with each pre-release choice, contains() by default', async () => {
    const r = new g.Rng(SEED + 2);
    const inputs = Array.from({ length: n(12000) }, () => ({
      spec: g.genSpecifierSet(r),
      versions: g.genProbeVersions(r, 6),
      pre: r.pick([null, true, false]),
    }));
    await compareArea(oracle, 'specifier', 'specifier', inputs, specifierAnswer, (t) => {
      const o = t as Obj;
      if ('err' in o) return { err: true };
      const { normalized: _n, ...rest } = o;
      return rest;
    });
  });

  it('markers: parsing and evaluation against explicit environments', async () => {
    const r = new g.Rng(SEED + 3);
    const inputs = Array.from({ length: n(25000) }, () => ({
      marker: g.genMarker(r),
      env: g.genEnv(r),
      extra: r.pick([null, null, 'test', 'Socks_Extra', 'dev']),
    }));
    await compareArea(
      oracle,
      'marker',
      'marker',
      inputs,
      (i) => {
        const a = markerAnswer(i) as Obj;
        return a.parse === false ? { err: true, reason: a.reason } : a;
      },
      (t) => {
        const o = t as Obj;
        return 'err' in o ? { err: true } : { parse: o.parse, value: o.value };
      },
    );
  });

  it('requirements (PEP 508): name, extras, clauses, URL, marker value', async () => {
    const r = new g.Rng(SEED + 4);
    const inputs = Array.from({ length: n(12000) }, () => ({ text: g.genRequirement(r), env: g.genEnv(r) }));
    // A marker pip cannot evaluate (KeyError: a set-valued variable, two strings) makes the
    // requirement unusable there, as a parse error does here.
    await compareArea(oracle, 'requirement', 'requirement', inputs, requirementAnswer, (t) => {
      const o = errOnly(t) as Obj;
      return typeof o.marker === 'string' ? { err: true } : o;
    });
  });

  it('wheel and sdist file names', async () => {
    const r = new g.Rng(SEED + 5);
    const wheels = Array.from({ length: n(10000) }, () => ({ f: g.genWheelFilename(r) }));
    await compareArea(oracle, 'wheel', 'wheel', wheels, wheelAnswer, errOnly);
    const sdists = Array.from({ length: n(6000) }, () => ({ f: g.genSdistFilename(r) }));
    await compareArea(
      oracle,
      'sdist',
      'sdist',
      sdists,
      (i) =>
        guard(() => {
          const s = parseSdistFilename(i.f as string);
          return { name: s.name, version: Version.parse(s.version).toString() };
        }),
      errOnly,
    );
  });

  it('build tags order wheels as pip does (exact beyond 2^53)', async () => {
    const r = new g.Rng(SEED + 6);
    const inputs = Array.from({ length: n(3000) }, () => ({
      builds: Array.from({ length: r.int(2, 5) }, () => {
        if (r.chance(0.2)) return null;
        const m = /^(\d+)(.*)$/s.exec(g.genBuildTag(r))!;
        return [m[1], m[2]];
      }),
    }));
    await compareArea(oracle, 'build tag order', 'build_order', inputs, (i) => {
      const builds = (i.builds as ([string, string] | null)[]).map((b): BuildTag | undefined =>
        b === null ? undefined : { n: BigInt(b[0]), rest: b[1] },
      );
      const order = builds.map((_, k) => k).sort((a, b) => compareBuildTags(builds[a], builds[b]) || a - b);
      return { order };
    });
  });

  it('tag lists for explicit targets (pip get_supported with --platform/--abi)', async () => {
    const r = new g.Rng(SEED + 7);
    const inputs = Array.from({ length: n(500) }, () => g.genTagCase(r) as unknown as Obj);
    await compareArea(oracle, 'tags', 'tags', inputs, tagsAnswer, errOnly);
  });

  it('core metadata: headers, multiple-use fields, folding, encodings, Description body (email.parser)', async () => {
    const r = new g.Rng(SEED + 8);
    const inputs = Array.from({ length: n(4000) }, () => ({
      hex: Buffer.from(g.genMetadata(r)).toString('hex'),
    }));
    await compareArea(oracle, 'metadata', 'metadata', inputs, metadataAnswer, (t, input) => {
      const o = t as { headers: [string, string][]; body: string | null };
      const fields: Record<string, string[]> = {};
      for (const [name, value] of o.headers) (fields[name] ??= []).push(headerText(name, value));
      const body = o.body?.replace(/\r\n|\r/g, '\n');
      const out: Obj = { fields };
      if (body !== undefined && body.trim() !== '') out.body = body;
      void input;
      return out;
    });
  });

  it('has no disagreement that divergences.ts does not explain', () => {
    const dump = process.env.CONFORMANCE_DUMP;
    if (dump !== undefined && dump !== '') {
      writeFileSync(dump, unexplained.map((m) => JSON.stringify(m)).join('\n') + '\n');
    }
    const show = unexplained.slice(0, 25).map((m) => JSON.stringify(m));
    expect({ count: unexplained.length, first: show }).toEqual({ count: 0, first: [] });
  });
});
