import { describe, expect, it } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { SHORT_RUN_SEMI_SPACE_BYTES, shouldCapYoungGeneration } from '../../src/util/young-generation.js';

const REPO = resolve(import.meta.dirname, '..', '..');

describe('shouldCapYoungGeneration', () => {
  it('caps on V8 11 (Node 20) only', () => {
    expect(shouldCapYoungGeneration({ v8Version: '11.3.244.8-node.38', execArgv: [] })).toBe(true);
    expect(shouldCapYoungGeneration({ v8Version: '12.4.254.21-node.33', execArgv: [] })).toBe(false);
    expect(shouldCapYoungGeneration({ v8Version: '13.6.233.10-node.28', execArgv: [] })).toBe(false);
  });

  it('leaves a young generation the user sized alone (command line or NODE_OPTIONS)', () => {
    for (const arg of [
      '--max-semi-space-size=8',
      '--max_semi_space_size=8',
      '--min-semi-space-size=2',
      '--semi-space-growth-factor=3',
      '--max-heap-size=512',
    ]) {
      expect(shouldCapYoungGeneration({ v8Version: '11.3.244.8', execArgv: [arg] })).toBe(false);
      expect(
        shouldCapYoungGeneration({ v8Version: '11.3.244.8', execArgv: [], nodeOptions: `--foo ${arg}` }),
      ).toBe(false);
    }
    expect(
      shouldCapYoungGeneration({
        v8Version: '11.3.244.8',
        execArgv: ['--max-old-space-size=4096'],
        nodeOptions: '--enable-source-maps',
      }),
    ).toBe(true);
  });
});

function largestNewSpace(mode: 'cap' | 'free'): { capped: boolean; largest: number } {
  const r = spawnSync(
    process.execPath,
    [
      '--import',
      join(REPO, 'bench', 'register-swc.mjs'),
      join(REPO, '__tests__', 'util', 'young-generation-child.ts'),
      mode,
    ],
    { encoding: 'utf8', timeout: 60_000, env: { ...process.env, NODE_OPTIONS: '' } },
  );
  expect(r.status).toBe(0);
  return JSON.parse(r.stdout.trim().split('\n').pop() as string) as { capped: boolean; largest: number };
}

const onV8_11 = /^11\./.test(process.versions.v8);
(onV8_11 ? describe : describe.skip)('the cap in a real process (V8 11)', () => {
  it('keeps the new space at two semi-spaces of 4 MB where it would grow past them', () => {
    const free = largestNewSpace('free');
    expect(free.capped).toBe(false);
    expect(free.largest).toBeGreaterThan(2 * SHORT_RUN_SEMI_SPACE_BYTES);
    const capped = largestNewSpace('cap');
    expect(capped.capped).toBe(true);
    expect(capped.largest).toBeLessThanOrEqual(2 * SHORT_RUN_SEMI_SPACE_BYTES);
  });
});

describe('the entries', () => {
  it.each([
    ['src/cli.ts', 'await runCli('],
    ['src/main.ts', 'await runMain()'],
  ])('%s caps it before the run starts', (file, firstRun) => {
    const text = readFileSync(new URL(`../../${file}`, import.meta.url), 'utf8');
    const call = text.indexOf('capYoungGeneration();');
    expect(call).toBeGreaterThan(0);
    expect(text.indexOf(firstRun)).toBeGreaterThan(call);
  });
});
