/**
 * Child process for young-generation.test.ts (run with `node --import ./bench/register-swc.mjs`):
 * allocates the way a cold resolve does — many short-lived objects while a sliding window of
 * recent ones stays alive, so that much survives each scavenge and V8 grows its new space — with
 * or without `capYoungGeneration` (argv[2] = "cap"), and prints the largest new space seen.
 */
import { capYoungGeneration, newSpaceBytes } from '../../src/util/young-generation.js';

const capped = process.argv[2] === 'cap' ? capYoungGeneration() : false;
const window: object[] = new Array(200_000);
let largest = 0;
let sum = 0;
// Rounds of synchronous work with a turn of the event loop between them (gc entries are delivered
// between turns, as between a resolve's page fetches).
for (let round = 0; round < 600; round++) {
  for (let i = 0; i < 10_000; i++) {
    const o = { a: i, b: round, c: [i, round] };
    window[(round * 10_000 + i) % window.length] = o;
    sum += o.c.length;
  }
  largest = Math.max(largest, newSpaceBytes() ?? 0);
  await new Promise((r) => setImmediate(r));
}
console.log(JSON.stringify({ capped, largest, sum }));
