/**
 * The speculative walk (src/flow/speculation.ts) over an in-memory index: which pages and METADATA
 * files it asks for before any solver does, and how the solver's own requests share its results.
 */
import { describe, expect, it } from '@jest/globals';
import type { DistFile, ProjectPage } from '../../src/index/dist-file.js';
import { versionCandidates, type CandidateRules } from '../../src/provider/candidates.js';
import { parseJsonProjectPage } from '../../src/index/json-page.js';
import { ProjectPageError } from '../../src/index/project-page-error.js';
import type { MetadataOutcome } from '../../src/provider/project-universe.js';
import type { SourcedRequirement } from '../../src/provider/python-provider.js';
import { inlineRequirements } from '../../src/provider/requirement-inputs.js';
import { targetEnvironment } from '../../src/provider/target.js';
import { openRules } from '../helpers/candidate-rules.js';
import { createSpeculation, type SpeculationOptions } from '../../src/flow/speculation.js';
import type { NormalizedName } from '../../src/standards/names.js';

const target = targetEnvironment({ pythonVersion: '3.11', os: 'linux', arch: 'x86_64', glibc: [2, 28] });
const rules: CandidateRules = openRules(target);

interface Dist {
  version: string;
  requires?: string[];
  requiresPython?: string;
  extras?: string[];
  /** Wheel tag (default py3-none-any). */
  tag?: string;
}

/** An index held in memory that records every page and METADATA request, in order. */
class MemoryIndex {
  readonly requests: string[] = [];
  /** Files whose next METADATA request fails once. */
  readonly failOnce = new Set<string>();
  private readonly waiting: (() => void)[] = [];

  constructor(private readonly projects: Record<string, Dist[]>) {}

  private file(name: string, d: Dist): DistFile {
    const filename = `${name.replace(/-/g, '_')}-${d.version}-${d.tag ?? 'py3-none-any'}.whl`;
    return {
      project: name as NormalizedName,
      filename,
      url: `https://x.example/files/${filename}`,
      redactedUrl: `https://x.example/files/${filename}`,
      hashes: { sha256: Buffer.from(filename).toString('hex').padEnd(64, '0').slice(0, 64) },
      yanked: false,
      coreMetadata: {},
      source: 'https://x.example/simple/',
    };
  }

  /** Resolves after one macrotask, so answers arrive the way network answers do. */
  private later<T>(value: () => T): Promise<T> {
    return new Promise((resolve, reject) =>
      setImmediate(() => {
        try {
          resolve(value());
        } catch (e) {
          reject(e as Error);
        }
      }),
    );
  }

  getProject = (name: NormalizedName): Promise<ProjectPage | null> => {
    this.requests.push(`page ${name}`);
    return this.later(() => {
      const dists = this.projects[name];
      if (dists === undefined) return null;
      return { project: name, files: dists.map((d) => this.file(name, d)), source: 'memory' };
    });
  };

  fetchMetadata = (file: DistFile): Promise<MetadataOutcome> => {
    this.requests.push(`metadata ${file.filename}`);
    return this.later(() => {
      if (this.failOnce.delete(file.filename)) throw new Error(`${file.filename}: connection reset`);
      const d = this.projects[file.project]?.find((x) => file.filename.includes(`-${x.version}-`));
      if (d === undefined) throw new Error(`no ${file.filename}`);
      const lines = [
        'Metadata-Version: 2.1',
        `Name: ${file.project}`,
        `Version: ${d.version}`,
        ...(d.requiresPython !== undefined ? [`Requires-Python: ${d.requiresPython}`] : []),
        ...(d.extras ?? []).map((e) => `Provides-Extra: ${e}`),
        ...(d.requires ?? []).map((r) => `Requires-Dist: ${r}`),
      ];
      return { kind: 'metadata', metadata: `${lines.join('\n')}\n`, path: 'pep658' };
    });
  };

  pageRequests(): string[] {
    return this.requests.filter((r) => r.startsWith('page ')).map((r) => r.slice(5));
  }

  metadataRequests(): string[] {
    return this.requests.filter((r) => r.startsWith('metadata ')).map((r) => r.slice(9));
  }

  fileOf(name: string, version: string): DistFile {
    const d = this.projects[name]?.find((x) => x.version === version);
    if (d === undefined) throw new Error(`no ${name} ${version}`);
    return this.file(name, d);
  }
}

/** Lets every chain of in-memory answers run to its end. */
async function settle(): Promise<void> {
  for (let i = 0; i < 50; i++) await new Promise((r) => setImmediate(r));
}

function speculate(
  index: MemoryIndex,
  requirements: string[],
  extra: Partial<SpeculationOptions> & { constraintTexts?: string[] } = {},
) {
  const constraints: SourcedRequirement[] = inlineRequirements(extra.constraintTexts ?? [], 'c.txt');
  const s = createSpeculation({
    pages: index,
    metadata: index,
    rules,
    markers: target.markers,
    pre: false,
    requirements: inlineRequirements(requirements, 'r.txt'),
    constraints,
    ...extra,
  });
  s.start();
  return s;
}

describe('speculation', () => {
  it('walks the newest admitted version of every dependency, level by level, before anyone asks', async () => {
    const index = new MemoryIndex({
      app: [
        { version: '1.0', requires: ['lib>=2', 'tool'] },
        { version: '2.0', requires: ['lib<3', 'tool'] },
      ],
      lib: [
        { version: '2.5', requires: ['base'] },
        { version: '3.0', requires: ['never'] },
      ],
      tool: [{ version: '1.0' }],
      base: [{ version: '0.1' }, { version: '0.2' }],
      never: [{ version: '1.0' }],
    });
    const s = speculate(index, ['app']);
    await settle();
    expect(index.pageRequests()).toEqual(['app', 'lib', 'tool', 'base']);
    expect(index.metadataRequests().sort()).toEqual([
      'app-2.0-py3-none-any.whl',
      'base-0.2-py3-none-any.whl',
      'lib-2.5-py3-none-any.whl',
      'tool-1.0-py3-none-any.whl',
    ]);
    expect(s.stats).toEqual({ pages: 4, guesses: 4 });
  });

  it("shares results with the solver's own requests and sends each file once", async () => {
    const index = new MemoryIndex({
      app: [{ version: '1.0', requires: ['lib'] }],
      lib: [{ version: '1.0' }],
    });
    const s = speculate(index, ['app']);
    // The solver asks while the speculative request is in flight, and again after it answered.
    const during = s.metadata.fetchMetadata(index.fileOf('app', '1.0'));
    await settle();
    const after = await s.metadata.fetchMetadata(index.fileOf('lib', '1.0'));
    expect((await during).kind).toBe('metadata');
    expect(after.kind).toBe('metadata');
    expect(index.metadataRequests()).toEqual(['app-1.0-py3-none-any.whl', 'lib-1.0-py3-none-any.whl']);
  });

  it('hands each page to the resolution once, with the candidates it made of it', async () => {
    const index = new MemoryIndex({
      app: [
        { version: '1.0', requires: ['lib'] },
        { version: '2.0', requires: ['lib'] },
      ],
      lib: [{ version: '1.0' }],
      other: [{ version: '1.0' }],
    });
    const s = speculate(index, ['app']);
    await settle();
    const page = await s.pages.getProject('app' as NormalizedName);
    expect(page).not.toBeNull();
    expect(s.candidatesOf(page!)?.map((c) => c.version.toString())).toEqual(['2.0', '1.0']);
    // Taken after the walk made its candidates: a stand-in without the page's files, so the walk
    // does not keep a whole page (at PyPI scale, megabytes) for a resolution that is not there yet.
    expect(page!.source).toBe('memory');
    expect(page!.links).toBeUndefined();
    expect(() => page!.files).toThrow(/internal error/);
    // A project the walk never saw: fetched for the resolution, no candidates from the walk, and
    // the walk leaves it alone afterwards.
    const other = await s.pages.getProject('other' as NormalizedName);
    expect(s.candidatesOf(other!)).toBeUndefined();
    expect(index.pageRequests()).toEqual(['app', 'lib', 'other']);
  });

  it('forgets a failed speculative request so the next ask sends it again', async () => {
    const index = new MemoryIndex({ app: [{ version: '1.0' }] });
    index.failOnce.add('app-1.0-py3-none-any.whl');
    const s = speculate(index, ['app']);
    await settle();
    const outcome = await s.metadata.fetchMetadata(index.fileOf('app', '1.0'));
    expect(outcome.kind).toBe('metadata');
    expect(index.metadataRequests()).toEqual(['app-1.0-py3-none-any.whl', 'app-1.0-py3-none-any.whl']);
  });

  it('evaluates markers for the target and follows dependencies of requested extras only', async () => {
    const index = new MemoryIndex({
      app: [
        {
          version: '1.0',
          extras: ['fast', 'slow'],
          requires: [
            'posix-only ; os_name == "posix"',
            'windows-only ; sys_platform == "win32"',
            'speedup ; extra == "fast"',
            'sloth ; extra == "slow"',
          ],
        },
      ],
      'posix-only': [{ version: '1.0' }],
      'windows-only': [{ version: '1.0' }],
      speedup: [{ version: '1.0' }],
      sloth: [{ version: '1.0' }],
    });
    speculate(index, ['app[fast]']);
    await settle();
    expect(index.pageRequests().sort()).toEqual(['app', 'posix-only', 'speedup']);
  });

  it('follows an extra requested later by another dependency', async () => {
    const index = new MemoryIndex({
      app: [{ version: '1.0', requires: ['lib', 'plugin'] }],
      lib: [{ version: '1.0', extras: ['x'], requires: ['lib-x ; extra == "x"'] }],
      plugin: [{ version: '1.0', requires: ['lib[x]'] }],
      'lib-x': [{ version: '1.0' }],
    });
    speculate(index, ['app']);
    await settle();
    expect(index.pageRequests().sort()).toEqual(['app', 'lib', 'lib-x', 'plugin']);
  });

  it('guesses within the constraints and the specifiers seen so far, skipping pre-releases', async () => {
    const index = new MemoryIndex({
      app: [{ version: '1.0', requires: ['lib<3'] }],
      lib: [
        { version: '1.0' },
        { version: '2.0' },
        { version: '2.5' },
        { version: '3.0' },
        { version: '4.0a1' },
      ],
    });
    speculate(index, ['app'], { constraintTexts: ['lib!=2.5'] });
    await settle();
    expect(index.metadataRequests()).toContain('lib-2.0-py3-none-any.whl');
    expect(index.metadataRequests().filter((f) => f.startsWith('lib-'))).toHaveLength(1);
  });

  it('passes over a guessed release whose dependency matches no release, as the solver will', async () => {
    // app 2.0 needs a base nobody has released (PyPI: a new release ahead of its sibling): the
    // solver can never choose it and takes 1.0. The walk sees it when base's page arrives, guesses
    // 1.0 instead, and 2.0's specifier (base>=99) no longer keeps base from being guessed.
    const index = new MemoryIndex({
      app: [
        { version: '1.0', requires: ['base>=1', 'helper'] },
        { version: '2.0', requires: ['base>=99', 'only-new'] },
      ],
      base: [
        { version: '1.0', requires: ['deep'] },
        { version: '1.5', requires: ['deep'] },
      ],
      deep: [{ version: '1.0' }],
      helper: [{ version: '1.0' }],
      'only-new': [{ version: '1.0' }],
    });
    const s = speculate(index, ['app']);
    await settle();
    expect(index.metadataRequests().sort()).toEqual([
      'app-1.0-py3-none-any.whl',
      'app-2.0-py3-none-any.whl',
      'base-1.5-py3-none-any.whl',
      'deep-1.0-py3-none-any.whl',
      'helper-1.0-py3-none-any.whl',
    ]);
    // only-new was asked for while 2.0 was the guess; no live release names it, so it is not guessed.
    expect(index.pageRequests().sort()).toEqual(['app', 'base', 'deep', 'helper', 'only-new']);
    expect(s.stats.guesses).toBe(5);
  });

  it('keeps a guess whose dependency has no page or a matching release', async () => {
    const index = new MemoryIndex({
      app: [
        { version: '1.0', requires: ['lib'] },
        { version: '2.0', requires: ['missing>=1', 'lib>=2'] },
      ],
      lib: [{ version: '1.0' }, { version: '2.0' }],
    });
    speculate(index, ['app']);
    await settle();
    expect(index.metadataRequests().sort()).toEqual(['app-2.0-py3-none-any.whl', 'lib-2.0-py3-none-any.whl']);
  });

  it('passes over at most a few dead releases of one project', async () => {
    const index = new MemoryIndex({
      app: Array.from({ length: 10 }, (_, k) => ({ version: `1.${k}`, requires: [`base>=${k + 90}`] })),
      base: [{ version: '1.0' }],
    });
    speculate(index, ['app']);
    await settle();
    // 1.9 and the four below it are each found dead; the walk stops guessing there.
    expect(index.metadataRequests().filter((f) => f.startsWith('app-'))).toHaveLength(5);
  });

  it('does not walk past a version whose Requires-Python excludes the target', async () => {
    const index = new MemoryIndex({
      app: [{ version: '1.0', requiresPython: '>=3.12', requires: ['lib'] }],
      lib: [{ version: '1.0' }],
    });
    speculate(index, ['app']);
    await settle();
    expect(index.pageRequests()).toEqual(['app']);
  });

  it('skips wheels the target cannot use and direct URL projects', async () => {
    const index = new MemoryIndex({
      app: [
        { version: '1.0', requires: ['local'] },
        { version: '2.0', tag: 'cp312-cp312-win_amd64', requires: ['never'] },
      ],
      local: [{ version: '1.0' }],
    });
    speculate(index, ['app'], { directNames: new Set(['local' as NormalizedName]) });
    await settle();
    expect(index.metadataRequests()).toEqual(['app-1.0-py3-none-any.whl']);
    expect(index.pageRequests()).toEqual(['app']);
  });

  it('a page found broken while its entries are read (a skimmed page): the walk leaves it to the resolution', async () => {
    // A large PEP 691 page (skimmed) whose newest usable file's entry is not valid JSON.
    const files = Array.from({ length: 400 }, (_, n) => ({
      filename: `app-1.${n}-py3-none-any.whl`,
      url: `https://x.example/files/app-1.${n}-py3-none-any.whl`,
      hashes: { sha256: 'a'.repeat(64) },
      yanked: false,
    }));
    const good = JSON.stringify({ meta: { 'api-version': '1.1' }, files });
    const at = good.indexOf('"yanked":false', good.indexOf('app-1.398-'));
    const text = `${good.slice(0, at)}"yanked":fals${good.slice(at + 14)}`;
    const page = parseJsonProjectPage(text, 'https://x.example/simple/app/', 'app' as NormalizedName);
    const metadata: string[] = [];
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown) => unhandled.push(reason);
    process.on('unhandledRejection', onUnhandled);
    try {
      const s = createSpeculation({
        pages: { getProject: () => new Promise((r) => setImmediate(() => r(page))) },
        metadata: {
          fetchMetadata: (file) => {
            metadata.push(file.filename);
            return Promise.reject(new Error('not asked for'));
          },
        },
        rules,
        markers: target.markers,
        pre: false,
        requirements: inlineRequirements(['app'], 'r.txt'),
        constraints: [],
      });
      s.start();
      await settle();
      expect(unhandled).toEqual([]);
      expect(metadata).toEqual([]);
      // The resolution takes the page itself and meets the general parser's error.
      const taken = await s.pages.getProject('app' as NormalizedName);
      expect(taken).toBe(page);
      expect(s.candidatesOf(page)).toBeUndefined();
      expect(() => versionCandidates(page, rules)).toThrow(ProjectPageError);
    } finally {
      process.off('unhandledRejection', onUnhandled);
    }
  });
});
