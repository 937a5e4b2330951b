/** Outputs, state, summary and annotations of the action, from a real fetch result. */
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { annotateFailure, type AnnotationProperties } from '../../src/action/annotations.js';
import { failureOutputs, OUTPUT_NAMES, outputsOf, setOutputs } from '../../src/action/outputs.js';
import { loadPostState, savePostState, type StateStore } from '../../src/action/state.js';
import { summaryMarkdown, timingsTable } from '../../src/action/summary.js';
import { describeFailure, UnsatisfiableError } from '../../src/flow/failure.js';
import { runFetch, type FetchResult } from '../../src/flow/fetch.js';
import { RequirementsFileError } from '../../src/standards/requirements-file-problem.js';
import { startIndexServer, type IndexServer } from '../helpers/index-server.js';
import { fixtureFetchOptions, serveFixture, writeRequirements } from '../helpers/fetch-fixture.js';

let server: IndexServer;
let result: FetchResult;

beforeAll(async () => {
  server = await startIndexServer();
  serveFixture(server);
  const work = await mkdtemp(join(tmpdir(), 'wh-reporting-'));
  await writeRequirements(work, ['app', 'big']);
  result = await runFetch({
    ...fixtureFetchOptions(server.indexUrl, work),
    wheelhouse: join(work, 'wh'),
    stateDir: join(work, 'state'),
  });
});

afterAll(async () => {
  await server.close();
});

describe('outputs', () => {
  it('sets every output from a result, in action.yml order', () => {
    const set: [string, string][] = [];
    setOutputs(outputsOf(result), (n, v) => set.push([n, v]));
    expect(set.map(([n]) => n)).toEqual([...OUTPUT_NAMES]);
    expect(Object.fromEntries(set)).toMatchObject({
      'cache-hit': 'false',
      'cache-matched-key': '',
      packages: '4',
      downloaded: '4',
      reused: '0',
      'cache-key': result.key.key,
      'resolution-hash': result.key.resolutionHash,
      installed: '0',
    });
    expect(outputsOf(result, 3).installed).toBe('3');
  });

  it('failure outputs still name every output', () => {
    expect(Object.keys(failureOutputs('/w'))).toEqual([...OUTPUT_NAMES]);
    expect(failureOutputs(undefined)).toMatchObject({
      wheelhouse: '',
      'cache-hit': 'false',
      packages: '0',
      installed: '0',
    });
  });
});

describe('state', () => {
  it('round-trips the post plan and rejects unusable state', () => {
    const saved = new Map<string, string>();
    const store: StateStore = { save: (n, v) => void saved.set(n, v), get: (n) => saved.get(n) ?? '' };
    expect(loadPostState(store)).toBeUndefined();
    const plan = {
      key: 'k',
      cacheHit: false,
      cachePaths: ['/a', '/b'],
      files: ['x.whl'],
      backend: 'local-dir',
      cacheDir: '/c',
    };
    savePostState(plan, store);
    expect(loadPostState(store)).toEqual({ version: 1, ...plan });
    saved.set('wheelhouse-plan', '{"version":1,"key":3}');
    expect(loadPostState(store)).toBeUndefined();
    saved.set('wheelhouse-plan', 'not json');
    expect(loadPostState(store)).toBeUndefined();
  });
});

describe('summary', () => {
  it('has one row per package with size, source and metadata path, and the timings', () => {
    const md = summaryMarkdown(result);
    expect(md).toContain('### wheelhouse: 4 packages for cp312-manylinux_2_17_x86_64 (Python 3.12)');
    expect(md).toContain(`cache miss; new key \`${result.key.key}\``);
    expect(md).toContain('| app | 1.0 |');
    expect(md).toMatch(/\| big \| 1\.0 \| 301\.0 kB \| downloaded \| range requests \|/);
    expect(md).toMatch(/\| util \| 2\.1 \| \d+ B \| downloaded \| PEP 658 \.metadata \|/);
    for (const phase of ['read', 'resolve', 'verify', 'download', 'write'])
      expect(md).toContain(`| ${phase} |`);
  });

  it('with install: true, says what was installed and times the install phase', () => {
    const md = summaryMarkdown(
      result,
      [{ phase: 'install', ms: 1234 }],
      'installed 4 with wheelhouse into /v/bin/python | x',
    );
    expect(md).toContain('\n\ninstalled 4 with wheelhouse into /v/bin/python \\| x\n\n| Package |');
    expect(md).toContain('| install | 1.23 s |');
  });

  it('timings table sums the phases', () => {
    expect(
      timingsTable([
        { phase: 'resolve', ms: 1500 },
        { phase: 'download', ms: 250 },
      ]),
    ).toBe(
      '| Phase | Time |\n| --- | ---: |\n| resolve | 1.50 s |\n| download | 250 ms |\n| **total** | **1.75 s** |',
    );
  });
});

describe('annotations', () => {
  it('one error annotation per requirement-file problem, at file, line and column', () => {
    const failure = describeFailure(
      new RequirementsFileError([
        { file: 'reqs\\a.txt', line: 7, column: 5, message: 'invalid requirement', text: 'lib >>= 1' },
        { file: 'b.txt', line: 0, column: 0, message: 'cannot read file', text: 'b.txt' },
      ]),
    );
    expect(failure.exitCode).toBe(2);
    const seen: [string, AnnotationProperties][] = [];
    expect(annotateFailure(failure, (m, p) => seen.push([m, p]))).toBe(1);
    expect(seen).toEqual([
      [
        'invalid requirement: lib >>= 1',
        { title: 'wheelhouse: requirements file', file: 'reqs/a.txt', startLine: 7, startColumn: 5 },
      ],
    ]);
  });

  it('unsatisfiable is exit 1 without locations', () => {
    expect(describeFailure(new UnsatisfiableError('because x'))).toEqual({
      exitCode: 1,
      kind: 'unsatisfiable',
      message: 'because x',
      locations: [],
    });
  });
});
