/**
 * pip's hash-checking mode through the CLI (src/provider/require-hashes.ts): `--require-hashes`
 * (or the option in a requirements file) refuses unpinned requirements, requirements without
 * --hash and dependencies nobody pinned — naming file:line — and accepts a complete lock.
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { expect, it } from '@jest/globals';
import { FIXTURE_TARGET as TARGET, useFixtureIndex } from '../helpers/fixture-index.js';
import { writeRequirements } from '../helpers/fetch-fixture.js';
import { runCliCaptured } from '../helpers/cli-capture.js';

const fx = useFixtureIndex({ workPrefix: 'wh-require-hashes-' });

function resolve(...rest: string[]) {
  return runCliCaptured(
    ['resolve', '-r', 'requirements.txt', '-i', fx.server.indexUrl, ...TARGET, '-q', ...rest],
    {
      env: { HOME: fx.work },
      cwd: fx.work,
    },
  );
}

const hash = (filename: string): string => `--hash=sha256:${fx.server.sha256(filename)}`;

it('refuses unpinned requirements, naming file:line, before any request', async () => {
  await writeRequirements(fx.work, ['util==2.1 ' + hash('util-2.1-py3-none-any.whl'), 'lib>=1.0', 'app']);
  const r = await resolve('--require-hashes');
  expect(r.code).toBe(2);
  expect(r.stderr).toContain('every requirement must be pinned with ==');
  expect(r.stderr).toContain('requirements.txt:2: lib>=1.0');
  expect(r.stderr).toContain('requirements.txt:3: app');
  expect(r.stderr).not.toContain('requirements.txt:1');
  expect(r.stderr).not.toContain('turns this mode on');
  expect(fx.server.counters.requests).toBe(0);
});

it('refuses a pinned requirement without --hash; the option may also come from the file', async () => {
  await writeRequirements(fx.work, ['--require-hashes', 'util==2.1']);
  const r = await resolve();
  expect(r.code).toBe(2);
  expect(r.stderr).toContain('every requirement needs a --hash');
  expect(r.stderr).toContain('requirements.txt:2: util==2.1');
});

it('refuses dependencies nobody pinned with a hash', async () => {
  await writeRequirements(fx.work, ['app==1.0 ' + hash('app-1.0-py3-none-any.whl')]);
  const r = await resolve('--require-hashes');
  expect(r.code).toBe(2);
  expect(r.stderr).toMatch(
    /these dependencies have none: lib==1\.1 \(lib-1\.1-py3-none-any\.whl, sha256 [0-9a-f]{64}\), util==2\.1/,
  );
});

it('accepts a complete hash-pinned set (what a wheelhouse lock is); markers false for the target are ignored', async () => {
  await writeRequirements(fx.work, [
    'app==1.0 ' + hash('app-1.0-py3-none-any.whl'),
    'lib==1.1 ' + hash('lib-1.1-py3-none-any.whl'),
    'util==2.1 ' + hash('util-2.1-py3-none-any.whl'),
    'big>=1 ; python_version < "3"',
  ]);
  const r = await resolve('--require-hashes');
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  expect(r.stdout).toContain('util==2.1');
});

// Review 18b F1: pip turns hash-checking mode on when any requirement or constraint line has a
// --hash (pip 23.2 and 26 req_command.py `get_requirements`), with no --require-hashes given.
it('a --hash on a requirement line turns the mode on: unhashed dependencies are refused', async () => {
  await writeRequirements(fx.work, ['app==1.0 ' + hash('app-1.0-py3-none-any.whl')]);
  const r = await resolve();
  expect(r.code).toBe(2);
  expect(r.stderr).toMatch(
    /every distribution needs a pinned requirement with a --hash \(as in pip, a --hash on any line, here .*requirements\.txt:1, turns this mode on\), and these dependencies have none: lib==1\.1/,
  );
});

it('a hashed line that is not pinned is refused without --require-hashes', async () => {
  await writeRequirements(fx.work, ['util>=2 ' + hash('util-2.1-py3-none-any.whl')]);
  const r = await resolve();
  expect(r.code).toBe(2);
  expect(r.stderr).toContain('every requirement must be pinned with ==');
  expect(r.stderr).toContain('requirements.txt:1: util>=2');
  expect(fx.server.counters.requests).toBe(0);
});

it('a --hash on a constraint line turns the mode on too', async () => {
  await writeRequirements(fx.work, ['-c constraints.txt', 'util']);
  await writeFile(join(fx.work, 'constraints.txt'), `util==2.1 ${hash('util-2.1-py3-none-any.whl')}\n`);
  const r = await resolve();
  expect(r.code).toBe(2);
  expect(r.stderr).toContain('every requirement must be pinned with ==');
  expect(r.stderr).toContain('requirements.txt:2: util');
});

// Review 18b F11: two lines naming one project each give hashes: a file must match both (pip's
// `Hashes.__and__`), not either.
it('two lines of one project: the file must match the hashes of both', async () => {
  const other = `--hash=sha256:${'ab'.repeat(32)}`;
  await writeRequirements(fx.work, ['util==2.1 ' + hash('util-2.1-py3-none-any.whl'), `util==2.1 ${other}`]);
  const r = await resolve();
  expect(r.code).not.toBe(0);
  expect(r.stderr).toContain('util-2.1-py3-none-any.whl has none of the hashes given with --hash');
  // Both lines allow the file: it is taken.
  await writeRequirements(fx.work, [
    `util==2.1 ${hash('util-2.1-py3-none-any.whl')} ${other}`,
    'util==2.1 ' + hash('util-2.1-py3-none-any.whl'),
  ]);
  const ok = await resolve();
  expect(ok.stderr).toBe('');
  expect(ok.code).toBe(0);
  expect(ok.stdout).toContain('util==2.1');
});
