import { describe, expect, it } from '@jest/globals';
import { NoSolutionError, SolveAbortedError } from '../../src/resolver/errors.js';
import { buildDerivationTree } from '../../src/resolver/explain.js';
import type { Dependencies, DependencyProvider } from '../../src/resolver/provider.js';
import type { Range } from '../../src/resolver/range.js';
import { formatReport } from '../../src/resolver/report.js';
import {
  decisionsText,
  formatRange,
  InMemoryProvider,
  noSolution,
  type RegistrySpec,
  SemVer,
  semver,
  solveRoot,
} from './registry.js';

/** Wraps the in-memory registry; answers are released by the test (or after a per-call delay). */
class ControlledProvider implements DependencyProvider<SemVer> {
  readonly events: string[] = [];
  inFlight = 0;
  maxInFlight = 0;
  private readonly inner: InMemoryProvider;

  constructor(
    spec: RegistrySpec,
    private readonly delay: (call: string) => Promise<void>,
    private readonly priority?: (pkg: string) => number,
  ) {
    this.inner = new InMemoryProvider(spec);
  }

  private async track<T>(call: string, work: () => Promise<T>): Promise<T> {
    this.events.push(call);
    this.inFlight++;
    this.maxInFlight = Math.max(this.maxInFlight, this.inFlight);
    try {
      await this.delay(call);
      return await work();
    } finally {
      this.inFlight--;
    }
  }

  listVersions(pkg: string): Promise<readonly SemVer[]> {
    return this.track(`list ${pkg}`, () => this.inner.listVersions(pkg));
  }

  getDependencies(pkg: string, v: SemVer): Promise<Dependencies<SemVer>> {
    return this.track(`deps ${pkg} ${v.toString()}`, () => this.inner.getDependencies(pkg, v));
  }

  prefetch(pkg: string, range: Range<SemVer>): void {
    this.events.push(`prefetch ${pkg} ${formatRange(pkg, range)}`);
  }

  prioritize(pkg: string): number {
    return this.priority?.(pkg) ?? 0;
  }
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

const DIAMOND: RegistrySpec = {
  'root 1.0.0': { a: '^1.0.0', b: '^1.0.0', c: '^1.0.0' },
  'a 1.0.0': { shared: '^1.0.0' },
  'a 1.1.0': { shared: '^2.0.0' },
  'b 1.0.0': { shared: '^1.0.0' },
  'c 1.0.0': {},
  'shared 1.0.0': {},
  'shared 2.0.0': {},
};

describe('solve', () => {
  it('requests the version lists of all newly named packages at once', async () => {
    const provider = new ControlledProvider(DIAMOND, () => sleep(5));
    const { decisions } = await solveRoot(provider);
    expect(decisionsText(decisions)).toEqual({ a: '1.0.0', b: '1.0.0', c: '1.0.0', shared: '1.0.0' });
    // root's three dependencies are listed concurrently, before any of them is answered.
    const firstLists = provider.events.filter((e) => e.startsWith('list ')).slice(0, 3);
    expect(firstLists).toEqual(['list a', 'list b', 'list c']);
    expect(provider.maxInFlight).toBeGreaterThanOrEqual(3);
  });

  it('hints prefetch for each learned dependency before asking for its dependencies', async () => {
    const provider = new ControlledProvider(DIAMOND, async () => undefined);
    await solveRoot(provider);
    const ev = provider.events;
    // Every package's dependencies are asked for only after the provider was told it is coming.
    ev.forEach((e, i) => {
      const [kind, pkg] = e.split(' ');
      if (kind === 'deps' && pkg !== 'root') {
        expect(ev.slice(0, i).some((x) => x.startsWith(`prefetch ${pkg!} `))).toBe(true);
      }
    });
    expect(ev.indexOf('prefetch a ^1.0.0')).toBeLessThan(ev.indexOf('deps a 1.1.0'));
    // After backjumping away from a 1.1.0 the hint narrows to what is still allowed.
    expect(ev.indexOf('prefetch a >=1.0.0 <1.1.0')).toBeLessThan(ev.indexOf('deps a 1.0.0'));
    // The root itself is never listed nor prefetched.
    expect(ev.filter((e) => e === 'list root' || e.startsWith('prefetch root'))).toEqual([]);
    expect(ev[0]).toBe('deps root 1.0.0');
  });

  it('makes the same calls and finds the same solution whatever the answer timing', async () => {
    const runWith = async (delay: (call: string) => Promise<void>) => {
      const provider = new ControlledProvider(DIAMOND, delay);
      const { decisions } = await solveRoot(provider);
      return {
        decisions: decisionsText(decisions),
        deps: provider.events.filter((e) => e.startsWith('deps ')),
      };
    };
    const fastFirst = await runWith((call) => sleep(call.length % 3));
    const slowFirst = await runWith((call) => sleep(3 - (call.length % 3)));
    expect(slowFirst).toEqual(fastFirst);
  });

  it('decides packages in the provider priority order', async () => {
    const order = async (priority: (pkg: string) => number) => {
      const provider = new ControlledProvider(DIAMOND, async () => undefined, priority);
      await solveRoot(provider);
      return provider.events.filter((e) => e.startsWith('deps ')).map((e) => e.split(' ')[1]);
    };
    expect((await order((p) => (p === 'c' ? -1 : 0)))[1]).toBe('c');
    expect((await order((p) => (p === 'b' ? -1 : 0)))[1]).toBe('b');
  });

  it('reports statistics', async () => {
    const { stats } = await solveRoot(new InMemoryProvider(DIAMOND));
    expect(stats.decisions).toBe(5); // root, a, b, c, shared
    expect(stats.listVersionsCalls).toBe(4);
    expect(stats.getDependenciesCalls).toBeGreaterThanOrEqual(5);
    expect(stats.propagations).toBeGreaterThan(0);
  });

  it('aborts while a provider call is pending', async () => {
    const controller = new AbortController();
    const provider = new ControlledProvider(DIAMOND, (call) =>
      call === 'list a' ? new Promise(() => {}) : sleep(0),
    );
    const pending = solveRoot(provider, controller.signal);
    setTimeout(() => controller.abort(new Error('user pressed ^C')), 5);
    await expect(pending).rejects.toThrow(SolveAbortedError);
    await expect(pending).rejects.toThrow('version solving was aborted: user pressed ^C');
  });

  it('treats a dependency on an empty range as making the version unusable', async () => {
    const inner = new InMemoryProvider({ 'root 1.0.0': { a: 'any' }, 'a 1.0.0': {}, 'a 2.0.0': {} });
    const provider: DependencyProvider<SemVer> = {
      listVersions: (p) => inner.listVersions(p),
      getDependencies: async (p, v) =>
        p === 'a' && v.major === 2
          ? { kind: 'available', dependencies: new Map([['b', semver.none()]]) }
          : inner.getDependencies(p, v),
    };
    const { decisions } = await solveRoot(provider);
    expect(decisionsText(decisions)).toEqual({ a: '1.0.0' });
  });

  it('passes provider errors through unchanged', async () => {
    class Boom extends Error {}
    const provider = new ControlledProvider(DIAMOND, async (call) => {
      if (call === 'list shared') throw new Boom('index unreachable');
    });
    await expect(solveRoot(provider)).rejects.toThrow(Boom);
  });
});

describe('explanations with injected wording', () => {
  async function failure(
    spec: RegistrySpec,
    unavailable: Record<string, string> = {},
  ): Promise<NoSolutionError<SemVer>> {
    const inner = new InMemoryProvider(spec);
    const provider: DependencyProvider<SemVer> = {
      listVersions: (p) => inner.listVersions(p),
      getDependencies: async (p, v) => {
        const reason = unavailable[`${p} ${v.toString()}`];
        return reason !== undefined ? { kind: 'unavailable', reason } : inner.getDependencies(p, v);
      },
    };
    return noSolution(provider);
  }

  it('names a missing package', async () => {
    const e = await failure({ 'root 1.0.0': { nope: '^1.0.0' } });
    expect(formatReport(buildDerivationTree(e), { formatRange })).toBe(
      'Because no versions of nope match ^1.0.0 and root depends on nope ^1.0.0, version solving failed.',
    );
  });

  it('merges adjacent unusable versions with the same reason and words root facts as the caller likes', async () => {
    const e = await failure(
      {
        'root 1.0.0': { django: '>=5.0.0' },
        'django 4.2.0': {},
        'django 5.0.0': {},
        'django 5.1.0': {},
      },
      {
        'django 5.0.0': 'needs Python >=3.10, but the target is 3.9',
        'django 5.1.0': 'needs Python >=3.10, but the target is 3.9',
      },
    );
    const text = formatReport(buildDerivationTree(e), {
      formatRange,
      packageName: (p) => (p === 'root' ? 'your requirements' : p),
      describeExternal: (fact) =>
        fact.kind === 'dependency' && fact.depender === 'root'
          ? `requirements.txt:4: ${fact.dependee}${formatRange(fact.dependee, fact.dependeeRange)}`
          : undefined,
    });
    expect(text).toBe(
      'Because django >=5.0.0 needs Python >=3.10, but the target is 3.9 and requirements.txt:4: django>=5.0.0, version solving failed.',
    );
  });
});
