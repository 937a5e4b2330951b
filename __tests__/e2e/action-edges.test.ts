/**
 * The action's failure paths, secrets and `install: true`, as child processes: a requirements
 * error becomes an annotation at file:line and exit 2 with every output still set; bad inputs and
 * an unreachable index fail clearly; index credentials never reach outputs, summary, state, lock,
 * report or logs; a real pip installs the wheelhouse with --require-hashes into a fresh venv; and
 * the built dist/ entries behave like the sources (when dist/ is built from them).
 */
import { existsSync, readFileSync } from 'node:fs';
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { devNull } from 'node:os';
import { delimiter, join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { OUTPUT_NAMES } from '../../src/action/outputs.js';
import { startIndexServer } from '../helpers/index-server.js';
import { EXPECTED_FILES, writeRequirements } from '../helpers/fetch-fixture.js';
import { makeVenv, venvRun } from '../helpers/python-venv.js';
import { freshJob, REPO_ROOT, runJob, runStep, workflowCommands } from './action-harness.js';
import { useActionSuite } from './action-suite.js';

const suite = useActionSuite('wh-e2e-edges-');

const TARGET = { 'python-version': '3.12', platform: 'manylinux_2_17_x86_64' };

describe('failures', () => {
  it('a requirements error on line 7: annotation at file:line, exit 2, every output set, no post', async () => {
    await freshJob(suite.dirs);
    await writeFile(
      join(suite.dirs.workspace, 'requirements.txt'),
      '# pins\napp\n\nutil\n\n\nlib >>= 1\nbig\n',
    );
    const { main, post } = await runJob({
      dirs: suite.dirs,
      inputs: { requirements: 'requirements.txt', 'index-url': suite.server.indexUrl, ...TARGET },
    });
    expect(main.code).toBe(2);
    expect(post).toBeUndefined();
    const errors = workflowCommands(main.stdout, 'error');
    expect(errors.some((e) => /^::error title=[^,]*,file=requirements\.txt,line=7,col=\d+::/.test(e))).toBe(
      true,
    );
    expect(Object.keys(main.outputs).sort()).toEqual([...OUTPUT_NAMES].sort());
    expect(main.outputs).toMatchObject({ 'cache-hit': 'false', packages: '0', downloaded: '0' });
    expect(main.outputs['wheelhouse']).toBe(join(suite.dirs.runnerTemp, 'wheelhouse'));
    // The job summary says what failed and where, on failure too.
    expect(main.summary).toContain('### wheelhouse failed: a problem with the inputs or requirement files');
    expect(main.summary).toMatch(/- `requirements\.txt:7:\d+` /);
  });

  it('requirements globs are expanded under the workspace; a glob matching nothing is an input error', async () => {
    await freshJob(suite.dirs);
    await writeRequirements(join(suite.dirs.workspace, 'reqs'), ['util'], 'base.txt');
    await writeRequirements(join(suite.dirs.workspace, 'reqs'), ['app'], 'extra.txt');
    const ok = await runStep('main', {
      dirs: suite.dirs,
      inputs: { requirements: 'reqs/*.txt', 'index-url': suite.server.indexUrl, ...TARGET, cache: 'false' },
    });
    expect(ok.code).toBe(0);
    expect(ok.outputs['packages']).toBe('3');
    const bad = await runStep('main', {
      dirs: suite.dirs,
      inputs: { requirements: 'nothing/**/*.txt', concurrency: 'lots', ...TARGET },
    });
    expect(bad.code).toBe(2);
    const errors = workflowCommands(bad.stdout, 'error').join('\n');
    expect(errors).toContain('nothing/**/*.txt');
    expect(errors).toContain('input concurrency: "lots"');
    expect(Object.keys(bad.outputs).sort()).toEqual([...OUTPUT_NAMES].sort());
  });

  it('wheelhouse: .. with clean: true (it holds the checkout) is refused, nothing deleted (review 14c F11)', async () => {
    await freshJob(suite.dirs);
    await writeRequirements(suite.dirs.workspace, ['app']);
    const sibling = join(suite.dirs.root, 'other-repo');
    await mkdir(sibling, { recursive: true });
    await writeFile(join(sibling, 'keep.txt'), 'precious\n');
    const main = await runStep('main', {
      dirs: suite.dirs,
      inputs: {
        wheelhouse: '..',
        clean: 'true',
        'index-url': suite.server.indexUrl,
        ...TARGET,
        cache: 'false',
      },
    });
    expect(main.code).toBe(2);
    expect(workflowCommands(main.stdout, 'error').join('\n')).toContain('contains, the working, workspace');
    expect(await readFile(join(sibling, 'keep.txt'), 'utf8')).toBe('precious\n');
    expect(await readFile(join(suite.dirs.workspace, 'requirements.txt'), 'utf8')).not.toBe('');
  });

  it('an unreachable index fails with its redacted URL', async () => {
    await suite.newJob(['app']);
    const gone = await startIndexServer();
    const port = gone.port;
    await gone.close();
    const main = await runStep('main', {
      dirs: suite.dirs,
      inputs: {
        'index-url': `http://carol:pw-0f-carol@127.0.0.1:${port}/simple/`,
        ...TARGET,
        cache: 'false',
      },
    });
    expect(main.code).toBe(2);
    const errors = workflowCommands(main.stdout, 'error').join('\n');
    expect(errors).toContain(`127.0.0.1:${port}`);
    expect((main.stdout + main.stderr).replace(/^::add-mask::.*$/gm, '')).not.toContain('pw-0f-carol');
    expect(main.summary).toContain(
      '### wheelhouse failed: an index or find-links location could not be read',
    );
    expect(main.summary).toContain(`127.0.0.1:${port}`);
    expect(main.summary).not.toContain('pw-0f-carol');
  });
});

it('index credentials never appear in outputs, summary, state, wheelhouse files or logs', async () => {
  suite.server.setModes({ requireAuth: { username: 'dave', password: 'pa55-dave-XYZ' } });
  try {
    await suite.newJob(['app', 'big']);
    const url = `http://dave:pa55-dave-XYZ@127.0.0.1:${suite.server.port}/simple/`;
    const { main, post } = await runJob({
      dirs: suite.dirs,
      inputs: { 'index-url': url, ...TARGET, 'cache-suffix': 'secrets' },
    });
    expect(main.code).toBe(0);
    expect(post?.code).toBe(0);
    const texts = [
      main.stdout,
      main.stderr,
      main.summary,
      JSON.stringify(main.outputs),
      JSON.stringify(main.state),
      post?.stdout ?? '',
      post?.stderr ?? '',
    ];
    const wheelhouse = join(suite.dirs.runnerTemp, 'wheelhouse');
    for (const f of await readdir(wheelhouse)) {
      if (!f.endsWith('.whl')) texts.push(await readFile(join(wheelhouse, f), 'utf8'));
    }
    // `::add-mask::<secret>` is how a step registers a secret with the runner, which consumes the
    // command (it never reaches the log) and masks the value everywhere after.
    expect(main.stdout).toContain('::add-mask::pa55-dave-XYZ\n');
    for (const raw of texts) {
      const t = raw.replace(/^::add-mask::.*$/gm, '');
      expect(t).not.toContain('pa55-dave-XYZ');
      expect(t).not.toContain('dave:');
    }
  } finally {
    suite.server.setModes({ requireAuth: null });
  }
});

it('a literal index-url input whose path token is letters only: masked for the runner, never written', async () => {
  const token = 'AbCdEfGhIjKlMnOpQrStUvWx';
  suite.server.setModes({ pathToken: token });
  try {
    await suite.newJob(['app']);
    await writeFile(join(suite.dirs.workspace, 'requirements.txt'), 'app\n');
    const { main, post } = await runJob({
      dirs: suite.dirs,
      inputs: {
        requirements: 'requirements.txt',
        'index-url': `${suite.server.origin}/${token}/simple/`,
        ...TARGET,
        'cache-suffix': 'letters',
      },
    });
    expect(workflowCommands(main.stdout, 'error')).toEqual([]);
    expect(main.code).toBe(0);
    const firstMask = main.stdout.indexOf(`::add-mask::${token}\n`);
    expect(firstMask).toBeGreaterThanOrEqual(0);
    // Before any line that is not a mask command.
    expect(main.stdout.slice(0, firstMask).replace(/^::add-mask::.*\n/gm, '')).toBe('');
    const texts = [
      main.stdout,
      main.stderr,
      main.summary,
      JSON.stringify(main.outputs),
      JSON.stringify(main.state),
    ];
    texts.push(post?.stdout ?? '', post?.stderr ?? '');
    const wheelhouse = join(suite.dirs.runnerTemp, 'wheelhouse');
    for (const f of await readdir(wheelhouse)) {
      if (!f.endsWith('.whl')) texts.push(await readFile(join(wheelhouse, f), 'utf8'));
    }
    for (const raw of texts) expect(raw.replace(/^::add-mask::.*$/gm, '')).not.toContain(token);
  } finally {
    suite.server.setModes({ pathToken: null });
  }
});

it('a tokenised index from a ${VAR} and a scheme-less password: masked for the runner, never written', async () => {
  const token = 'tok3nAct10nPriv';
  suite.server.setModes({ pathToken: token });
  try {
    await suite.newJob(['app']);
    await writeFile(join(suite.dirs.workspace, 'requirements.txt'), '--index-url ${PRIVATE_INDEX}\napp\n');
    const { main, post } = await runJob({
      dirs: suite.dirs,
      inputs: { requirements: 'requirements.txt', ...TARGET, 'cache-suffix': 'token' },
      env: { PRIVATE_INDEX: `${suite.server.origin}/${token}/simple/` },
    });
    expect(workflowCommands(main.stdout, 'error')).toEqual([]);
    expect(main.code).toBe(0);
    // Registered with the runner before anything else could print it.
    expect(main.stdout).toContain(`::add-mask::${token}\n`);
    // Its secret part only: not the host and layout, which every file URL written carries (review 18b F12).
    expect(main.stdout).not.toContain(`::add-mask::${suite.server.origin}/${token}/simple/\n`);
    const texts = [
      main.stdout,
      main.stderr,
      main.summary,
      JSON.stringify(main.outputs),
      JSON.stringify(main.state),
    ];
    texts.push(post?.stdout ?? '', post?.stderr ?? '');
    const wheelhouse = join(suite.dirs.runnerTemp, 'wheelhouse');
    for (const f of await readdir(wheelhouse)) {
      if (!f.endsWith('.whl')) texts.push(await readFile(join(wheelhouse, f), 'utf8'));
    }
    for (const raw of texts) expect(raw.replace(/^::add-mask::.*$/gm, '')).not.toContain(token);
  } finally {
    suite.server.setModes({ pathToken: null });
  }

  const bad = await runStep('main', {
    dirs: suite.dirs,
    inputs: {
      'index-url': `bob:Sch3melessPw@127.0.0.1:${suite.server.port}/simple/`,
      ...TARGET,
      cache: 'false',
    },
  });
  expect(bad.code).toBe(2);
  expect(workflowCommands(bad.stdout, 'error').join('\n')).toContain('index-url');
  expect((bad.stdout + bad.stderr).replace(/^::add-mask::.*$/gm, '')).not.toContain('Sch3melessPw');
});

it('a named index (NAME=URL) takes its credentials from WHEELHOUSE_INDEX_<NAME>_USERNAME/PASSWORD', async () => {
  suite.server.setModes({ requireAuth: { username: 'erin', password: 'erin-pw-123' } });
  try {
    await suite.newJob(['util']);
    const main = await runStep('main', {
      dirs: suite.dirs,
      inputs: { 'index-url': `internal=${suite.server.indexUrl}`, ...TARGET, cache: 'false' },
      env: { WHEELHOUSE_INDEX_INTERNAL_USERNAME: 'erin', WHEELHOUSE_INDEX_INTERNAL_PASSWORD: 'erin-pw-123' },
    });
    expect(workflowCommands(main.stdout, 'error')).toEqual([]);
    expect(main.code).toBe(0);
    expect(main.outputs['packages']).toBe('1');
    // The password is registered with the runner (`::add-mask::`, review 17b: every credential is
    // registered where it is read) and appears nowhere else.
    expect(main.stdout).toContain('::add-mask::erin-pw-123\n');
    expect(
      (main.stdout + main.summary + JSON.stringify(main.outputs)).replace(/^::add-mask::.*$/gm, ''),
    ).not.toContain('erin-pw-123');
  } finally {
    suite.server.setModes({ requireAuth: null });
  }
});

it('on a self-hosted runner the tool cache shares wheels across jobs, even without the cache', async () => {
  const toolCache = join(suite.root, 'toolcache');
  const env = { RUNNER_TOOL_CACHE: toolCache, RUNNER_ENVIRONMENT: 'self-hosted' };
  await suite.newJob(['app', 'big']);
  const first = await runStep('main', {
    dirs: suite.dirs,
    inputs: { 'index-url': suite.server.indexUrl, ...TARGET, cache: 'false' },
    env,
  });
  expect(first.code).toBe(0);
  expect(first.outputs['downloaded']).toBe('4');
  expect(first.stdout).toContain('stored 4 new wheel(s) in the runner tool cache');
  await freshJob(suite.dirs);
  suite.server.reset();
  const second = await runStep('main', {
    dirs: suite.dirs,
    inputs: { 'index-url': suite.server.indexUrl, ...TARGET, cache: 'false' },
    env,
  });
  expect(second.code).toBe(0);
  expect(second.outputs).toMatchObject({ downloaded: '0', reused: '4' });
  expect(suite.server.counters.byKind['file-full'].requests).toBe(0);
});

it('install: true with installer: pip runs pip install --no-index --require-hashes into the python on PATH (a fresh venv)', async () => {
  const venv = makeVenv(join(suite.root, 'venv'));
  if (venv === undefined) {
    console.warn('skipped: no python3 with the venv module on this machine, so pip install cannot be tested');
    return;
  }
  await suite.newJob(['app', 'big']);
  const binDir = join(venv, process.platform === 'win32' ? 'Scripts' : 'bin');
  const { main } = await runJob({
    dirs: suite.dirs,
    inputs: { 'index-url': suite.server.indexUrl, install: 'true', installer: 'pip', cache: 'false' },
    env: {
      PATH: `${binDir}${delimiter}${process.env['PATH'] ?? ''}`,
      PIP_CONFIG_FILE: devNull,
      VIRTUAL_ENV: venv,
    },
  });
  expect(workflowCommands(main.stdout, 'error')).toEqual([]);
  expect(main.code).toBe(0);
  expect(main.stdout).toMatch(/Successfully installed .*app-1\.0/);
  const out = venvRun(
    venv,
    'import app, big, lib, util; print(app.__version__, lib.__version__, util.__version__)',
  );
  expect(out.trim()).toBe('1.0 1.1 2.1');
  expect(main.summary).toContain('| install |');
  expect(main.outputs['installed']).toBe('4');
});

describe('built dist/ entries', () => {
  const mainJs = join(REPO_ROOT, 'dist', 'main', 'index.js');
  const built = existsSync(mainJs) && readFileSync(mainJs, 'utf8').includes('wheelhouse-plan');
  it('main and post from dist/ fill and save a wheelhouse', async () => {
    if (!built) {
      console.warn('skipped: dist/ is not built from the current action sources (run `npm run package`)');
      return;
    }
    await suite.newJob(['app', 'big']);
    const { main, post } = await runJob({
      dirs: suite.dirs,
      inputs: { 'index-url': suite.server.indexUrl, ...TARGET, 'cache-suffix': 'dist' },
      dist: true,
    });
    expect(main.code).toBe(0);
    expect(main.outputs['packages']).toBe('4');
    expect(await suite.wheels()).toEqual(EXPECTED_FILES);
    expect(post?.code).toBe(0);
    expect(post?.stdout).toContain('saved cache entry');
  });
});

it("two wheelhouse steps sharing the default wheelhouse: step 1's post step does not save step 2's wheels under its key", async () => {
  await freshJob(suite.dirs);
  await writeRequirements(suite.dirs.workspace, ['app'], 'one.txt');
  await writeRequirements(suite.dirs.workspace, ['big'], 'two.txt');
  suite.server.reset();
  const step = (file: string) =>
    runStep('main', { dirs: suite.dirs, inputs: suite.inputs({ requirements: file }) });
  const main1 = await step('one.txt');
  const main2 = await step('two.txt');
  expect([main1.code, main2.code]).toEqual([0, 0]);
  const key1 = main1.outputs['cache-key'] as string;
  expect(main2.outputs['cache-key']).not.toBe(key1);
  // Post steps run in reverse order.
  const post2 = await runStep('post', { dirs: suite.dirs, inputs: suite.inputs(), state: main2.state });
  const post1 = await runStep('post', { dirs: suite.dirs, inputs: suite.inputs(), state: main1.state });
  expect(post2.stdout).toContain(`saved cache entry ${main2.outputs['cache-key']}`);
  expect(post1.code).toBe(0);
  expect(post1.stdout).toContain(
    `cache ${key1} not saved: another run changed the wheelhouse after this one`,
  );
  expect(post1.stdout).not.toContain(`saved cache entry ${key1}`);
  // The next job of step 1 is no "exact hit" of a wrong entry: it fetches its wheels and saves key 1.
  await freshJob(suite.dirs);
  await writeRequirements(suite.dirs.workspace, ['app'], 'one.txt');
  suite.server.reset();
  const again = await runStep('main', {
    dirs: suite.dirs,
    inputs: suite.inputs({ requirements: 'one.txt' }),
  });
  expect(again.code).toBe(0);
  expect(again.outputs['cache-key']).toBe(key1);
  expect(again.outputs['cache-hit']).toBe('false');
  const post = await runStep('post', { dirs: suite.dirs, inputs: suite.inputs(), state: again.state });
  expect(post.stdout).toContain(`saved cache entry ${key1}`);
});
