/**
 * Sdist builds (issue 11 §1): N generated setuptools sdists (static PKG-INFO, each depending on one
 * served wheel) on a local test index that also serves the build backend wheels found on this
 * machine. Three measurements, wall time:
 *
 *   pip      python3 -m pip wheel --no-deps -r req -w DIR (pip builds one after
 *            another; the baseline a user would otherwise run);
 *   cold     wheelhouse fetch with an empty local cache: resolve, build (parallel: the machine's
 *            cores), place, lock;
 *   warm     the same fetch again with the cache it saved: no build, no sdist download.
 *
 *   node --import ./bench/register-swc.mjs bench/sdist-build-bench.ts [--sdists 6]
 *
 * Prints one line per measurement and a JSON line. Uses only the local test index (no mirror).
 */
import { spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { LocalDirBackend } from '../src/cache/local-dir-backend.js';
import { runFetch } from '../src/flow/fetch.js';
import { saveWheelhouse, savePlanOf } from '../src/flow/save.js';
import { silentLogger } from '../src/util/logger.js';
import { buildWheel } from '../__tests__/helpers/dists.js';
import { startIndexServer } from '../__tests__/helpers/index-server.js';
import {
  buildSetuptoolsSdist,
  findBackendWheels,
  isolatedPipEnv,
} from '../__tests__/helpers/setuptools-sdists.js';

const argIndex = process.argv.indexOf('--sdists');
const count = argIndex === -1 ? 6 : Number(process.argv[argIndex + 1]);
const backends = findBackendWheels();
if (backends === undefined) {
  console.error('no setuptools/wheel wheels on this machine: nothing to measure');
  process.exit(2);
}
const names = Array.from({ length: count }, (_, i) => `bench-sdist-${i}`);
const server = await startIndexServer({
  projects: [
    ...backends,
    { name: 'bench-dep', files: [buildWheel({ name: 'bench-dep', version: '1.0' })] },
    ...names.map((name) => ({
      name,
      files: [
        buildSetuptoolsSdist({ name, version: '1.0', metadata: 'static', dependencies: ['bench-dep'] }),
      ],
    })),
  ],
});
const work = await mkdtemp(join(tmpdir(), 'wh-bench-sdist-'));
const env = { ...isolatedPipEnv(), HOME: work };
try {
  await writeFile(join(work, 'requirements.txt'), `${names.join('\n')}\n`);
  const time = async (fn: () => Promise<unknown> | unknown): Promise<number> => {
    const t = performance.now();
    await fn();
    return Math.round(performance.now() - t);
  };
  // Asynchronously: the index server runs in this process and must keep answering.
  const pip = await time(
    () =>
      new Promise<void>((resolve, reject) => {
        const args = ['-m', 'pip', 'wheel', '--no-deps', '-q', '-i', server.indexUrl];
        args.push('-r', 'requirements.txt', '-w', join(work, 'pip-wheels'));
        const child = spawn('python3', args, { cwd: work, env, stdio: ['ignore', 'ignore', 'inherit'] });
        child.on('error', reject);
        child.on('close', (code) =>
          code === 0 ? resolve() : reject(new Error(`pip wheel exited with ${code}`)),
        );
      }),
  );
  const backend = new LocalDirBackend({ dir: join(work, 'cache'), logger: silentLogger });
  const fetch = async (n: number) => {
    const stateDir = await mkdtemp(join(work, 'state-'));
    const result = await runFetch({
      requirementFiles: ['requirements.txt'],
      finder: { indexUrl: server.indexUrl },
      target: {},
      cwd: work,
      env,
      logger: silentLogger,
      wheelhouse: join(work, `wh${n}`),
      stateDir,
      cache: { backend },
    });
    await saveWheelhouse(savePlanOf(result), backend, silentLogger);
    return result;
  };
  let built = 0;
  const cold = await time(async () => (built = (await fetch(1)).built));
  let warmBuilt = -1;
  const warm = await time(async () => (warmBuilt = (await fetch(2)).built));
  console.log(`sdists: ${count}, cores: ${availableParallelism()}`);
  console.log(`pip wheel (sequential builds): ${pip} ms`);
  console.log(`wheelhouse fetch, cold (${built} built): ${cold} ms`);
  console.log(`wheelhouse fetch, warm (${warmBuilt} built): ${warm} ms`);
  console.log(
    JSON.stringify({
      sdists: count,
      cores: availableParallelism(),
      pipMs: pip,
      coldMs: cold,
      warmMs: warm,
      built,
      warmBuilt,
    }),
  );
} finally {
  await server.close();
  await rm(work, { recursive: true, force: true });
}
