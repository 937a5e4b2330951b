import { describe, expect, it } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { SHORT_RUN_INTERRUPT_BUDGET, shortRunTieringFlag } from '../../src/util/jit-tiering.js';

describe('shortRunTieringFlag', () => {
  it('raises the tier-up budget on V8 11 (Node 20)', () => {
    expect(shortRunTieringFlag({ v8Version: '11.3.244.8-node.38', execArgv: [] })).toBe(
      `--interrupt-budget=${SHORT_RUN_INTERRUPT_BUDGET}`,
    );
  });

  it('leaves other V8 majors alone (their tiering was not measured)', () => {
    expect(shortRunTieringFlag({ v8Version: '12.4.254.21-node.33', execArgv: [] })).toBeUndefined();
    expect(shortRunTieringFlag({ v8Version: '13.6.233.10-node.28', execArgv: [] })).toBeUndefined();
  });

  it("leaves the user's own --interrupt-budget alone", () => {
    for (const arg of ['--interrupt-budget=1000', '--interrupt_budget=1000', '--interrupt-budget']) {
      expect(shortRunTieringFlag({ v8Version: '11.3.244.8', execArgv: [arg] })).toBeUndefined();
    }
    expect(
      shortRunTieringFlag({
        v8Version: '11.3.244.8',
        execArgv: ['--interrupt-budget-for-feedback-allocation=5'],
      }),
    ).toBeDefined();
  });
});

// Whether the flag, set at run time as the entries do, changes when V8 optimizes a function: the same
// hot function is called the same number of times with and without it, compiled synchronously so the
// answer does not depend on a compiler thread's timing.
const CHILD = `
import { setFlagsFromString } from 'node:v8';
const flag = process.argv[1];
if (flag) setFlagsFromString(flag);
function work(n) { let s = 0; for (let i = 0; i < n; i++) s = (s * 31 + i) | 0; return s; }
let acc = 0;
for (let i = 0; i < 45; i++) acc ^= work(100);
const status = %GetOptimizationStatus(work);
// optimized, or marked / being compiled for optimization
console.log(JSON.stringify({ tieredUp: (status & ((1 << 4) | (1 << 8) | (1 << 9) | (1 << 10))) !== 0, acc }));
`;

function tieredUp(flag: string): boolean {
  const r = spawnSync(
    process.execPath,
    ['--allow-natives-syntax', '--no-concurrent-recompilation', '--input-type=module', '-e', CHILD, flag],
    { encoding: 'utf8', timeout: 30_000 },
  );
  expect(r.status).toBe(0);
  return (JSON.parse(r.stdout.trim()) as { tieredUp: boolean }).tieredUp;
}

const onV8_11 = /^11\./.test(process.versions.v8);
(onV8_11 ? describe : describe.skip)('the flag set at run time (V8 11)', () => {
  it('delays optimizing a function that the default budget would optimize', () => {
    const flag = shortRunTieringFlag({ v8Version: process.versions.v8, execArgv: [] });
    expect(flag).toBeDefined();
    expect(tieredUp('')).toBe(true);
    expect(tieredUp(flag!)).toBe(false);
  });
});

describe('the entries', () => {
  // The budget must be set before the run itself starts (the CLI sets it once its modules are loaded).
  it.each([
    ['src/cli.ts', 'await runCli('],
    ['src/main.ts', 'await runMain()'],
  ])('%s sets it before the run starts', (file, firstRun) => {
    const text = readFileSync(new URL(`../../${file}`, import.meta.url), 'utf8');
    const call = text.indexOf('tuneTieringForShortRun();');
    expect(call).toBeGreaterThan(0);
    expect(text.indexOf(firstRun)).toBeGreaterThan(call);
  });
});
