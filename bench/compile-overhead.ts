/**
 * The node side of `--compile` (issue 9 §6): the CPU the wheelhouse process itself spends handing
 * files to the compile processes and reading their answers (src/install/compile.ts), apart from the
 * compiling, which is the target interpreter's. Compiles every file of LIST (absolute `.py` paths, one
 * a line — e.g. `find VENV/lib -name '*.py'` of an environment installed without `--compile`), one
 * `compile()` call per top-level directory under site-packages (as distributions commit), a
 * process per core; prints the node process's own user+sys CPU and the wall. Run it for two trees,
 * alternating (session 14: real-ds's 14,156 files, main 1468 / 1335 ms, batched 1004 / 849 ms):
 *
 *   node --import ./bench/register-swc.mjs bench/compile-overhead.ts TREE LIST PYTHON [processes]
 *
 * TREE is the repository whose src/install/compile.ts is measured; PYTHON the target interpreter.
 * The byte code is written next to the sources (`force=True`, as pip): use a scratch environment.
 */
import { readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { resolve } from 'node:path';
import type { startCompiler as StartCompiler } from '../src/install/compile.js';
import { probeInterpreter } from '../src/install/interpreter.js';

const [tree, list, python, procs] = process.argv.slice(2);
if (tree === undefined || list === undefined || python === undefined) {
  console.error('usage: compile-overhead.ts TREE LIST PYTHON [processes]');
  process.exit(2);
}
const { startCompiler } = (await import(resolve(tree, 'src/install/compile.ts'))) as {
  startCompiler: typeof StartCompiler;
};
const files = readFileSync(list, 'utf8')
  .split('\n')
  .filter((f) => f !== '')
  .map((f) => resolve(f));
const dists = new Map<string, string[]>();
for (const file of files) {
  const key = /site-packages\/([^/]+)/.exec(file)?.[1] ?? '';
  const group = dists.get(key) ?? [];
  group.push(file);
  dists.set(key, group);
}
const interpreter = await probeInterpreter(python);
const cpu0 = process.cpuUsage();
const t0 = performance.now();
const compiler = startCompiler(interpreter, process.env, Number(procs ?? availableParallelism()));
const answered = await Promise.all([...dists.values()].map((group) => compiler.compile(group)));
await compiler.close();
const cpu = process.cpuUsage(cpu0);
const compiled = answered.reduce((n, m) => n + m.size, 0);
console.log(
  `${compiled} of ${files.length} compiled; node CPU ${((cpu.user + cpu.system) / 1000).toFixed(0)} ms ` +
    `(user ${(cpu.user / 1000).toFixed(0)}, sys ${(cpu.system / 1000).toFixed(0)}); wall ${(performance.now() - t0).toFixed(0)} ms; ` +
    `load ${readFileSync('/proc/loadavg', 'utf8').split(' ')[0]}`,
);
