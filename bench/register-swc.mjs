// Runs TypeScript directly under Node 20+ for benchmarks and scripts, with no build step:
//
//   node --import ./bench/register-swc.mjs bench/solver-bench.ts
//
// Registers the ESM hooks in ./swc-hooks.mjs (node:module `register`): `.ts` files are transpiled by
// @swc/core (types stripped only, no type checking — that is `npm run build`), and a relative `./x.js`
// specifier resolves to `./x.ts` when `x.js` does not exist, matching how the sources import each other.
import { register } from 'node:module';

register('./swc-hooks.mjs', import.meta.url);
