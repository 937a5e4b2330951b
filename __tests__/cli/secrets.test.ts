/**
 * Secrets never leave (issue 10 §3), through the whole CLI: a tokenised private index
 * (`http://host/<token>/simple/`), a direct URL with a signed query, `${VAR}` values in requirement
 * files and a scheme-less `user:password@host` index value. Nothing of them may reach stdout,
 * stderr, the lock, report, pylock, manifest or any file of the cache directory; the URLs written
 * to the report and pylock.toml stay plain URLs (no `***@`).
 */
import { readFile, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { parse as parseToml } from 'smol-toml';
import { FIXTURE_TARGET as TARGET, useFixtureIndex } from '../helpers/fixture-index.js';
import { fixtureWheels } from '../helpers/fetch-fixture.js';
import { runCliCaptured } from '../helpers/cli-capture.js';

const TOKEN = 'tok3nPriv4te9ZZ';
const QUERY_SECRET = 'QuerySecr3t77';
const VAR_SECRET = 'var-Secr3t-Value-41';

const fx = useFixtureIndex({ workPrefix: 'wh-cli-secrets-', modes: { pathToken: null }, keepWork: true });

function cli(argv: string[], env: Record<string, string | undefined> = {}) {
  return runCliCaptured(argv, { env: { HOME: fx.work, ...env }, cwd: fx.work });
}

/** Every text file under `dir` (recursively), wheels included as bytes decoded as latin1. */
async function allTexts(dir: string): Promise<{ path: string; text: string }[]> {
  const out: { path: string; text: string }[] = [];
  for (const e of await readdir(dir, { withFileTypes: true, recursive: true })) {
    if (!e.isFile()) continue;
    const path = join(e.parentPath, e.name);
    out.push({ path, text: `${path}\n${await readFile(path, 'latin1')}` });
  }
  return out;
}

function expectAbsent(texts: { path: string; text: string }[], secret: string): void {
  const holding = texts.filter((t) => t.text.includes(secret)).map((t) => t.path);
  expect(holding).toEqual([]);
}

describe('a tokenised private index (token in the URL path)', () => {
  it('never writes the token to stderr, the wheelhouse files or the cache; URLs stay plain', async () => {
    fx.server.setModes({ pathToken: TOKEN });
    await writeFile(join(fx.work, 'requirements.txt'), 'app\nbig\n');
    const index = `${fx.server.origin}/${TOKEN}/simple/`;
    const args = ['fetch', '-r', 'requirements.txt', '-i', index, ...TARGET, '-d', 'wh', '-v'];
    const first = await cli([...args, '--cache-dir', join(fx.work, 'cache')]);
    expect(first.stderr).not.toMatch(/^error/m);
    expect(first.code).toBe(0);
    // Second run: restored from the cache entry, pages revalidated.
    const second = await cli([...args, '--cache-dir', join(fx.work, 'cache')]);
    expect(second.code).toBe(0);
    expect(fx.server.counters.log.filter((e) => e.path.includes(TOKEN)).length).toBeGreaterThan(0);

    const texts = [
      { path: 'stdout+stderr', text: first.stdout + first.stderr + second.stdout + second.stderr },
      ...(await allTexts(join(fx.work, 'wh'))),
      ...(await allTexts(join(fx.work, 'cache'))),
    ];
    expectAbsent(texts, TOKEN);
    expect(first.stderr).toContain(`${fx.server.origin}/***/simple/`);

    const pylock = parseToml(await readFile(join(fx.work, 'wh', 'pylock.toml'), 'utf8')) as {
      packages: { name: string; wheels: { url: string }[] }[];
    };
    const app = pylock.packages.find((p) => p.name === 'app');
    expect(app?.wheels[0]?.url).toBe(`${fx.server.origin}/***/files/${fixtureWheels()[0]!.wheel.filename}`);
  });
});

describe('a tokenised private index given literally whose path token is letters only', () => {
  it('masks the token everywhere (stderr, wheelhouse files, cache), as a token with digits', async () => {
    const LETTERS = 'AbCdEfGhIjKlMnOpQrStUvWx';
    fx.server.setModes({ pathToken: LETTERS });
    await writeFile(join(fx.work, 'requirements.txt'), 'app\n');
    const index = `${fx.server.origin}/${LETTERS}/simple/`;
    const cache = join(fx.work, 'cache-literal-letters');
    const args = [
      'fetch',
      '-r',
      'requirements.txt',
      '-i',
      index,
      ...TARGET,
      '-d',
      'wh-literal-letters',
      '-v',
    ];
    const first = await cli([...args, '--cache-dir', cache]);
    expect(first.code).toBe(0);
    const second = await cli([...args, '--cache-dir', cache]);
    expect(second.code).toBe(0);
    expectAbsent(
      [
        { path: 'stdout+stderr', text: first.stdout + first.stderr + second.stdout + second.stderr },
        ...(await allTexts(join(fx.work, 'wh-literal-letters'))),
        ...(await allTexts(cache)),
      ],
      LETTERS,
    );
    expect(first.stderr).toContain(`${fx.server.origin}/***/simple/`);
    const pylock = await readFile(join(fx.work, 'wh-literal-letters', 'pylock.toml'), 'utf8');
    expect(pylock).toContain(`${fx.server.origin}/***/files/`);
  });
});

describe('a direct URL with a signed query', () => {
  it('keeps the query out of pylock.toml, the report, the cache and stderr', async () => {
    const app = fixtureWheels()[0]!.wheel;
    const url = `${fx.server.fileUrl(app.filename)}?X-Signature=${QUERY_SECRET}#sha256=${app.sha256}`;
    await writeFile(join(fx.work, 'requirements.txt'), `app @ ${url}\n`);
    const r = await cli([
      'fetch',
      '-r',
      'requirements.txt',
      '-i',
      fx.server.indexUrl,
      ...TARGET,
      '-d',
      'wh',
      '--cache-dir',
      join(fx.work, 'cache'),
      '-v',
    ]);
    expect(r.stderr).not.toMatch(/^error/m);
    expect(r.code).toBe(0);
    expect(fx.server.counters.log.some((e) => e.path.includes(QUERY_SECRET))).toBe(true);
    const texts = [
      { path: 'stdout+stderr', text: r.stdout + r.stderr },
      ...(await allTexts(join(fx.work, 'wh'))),
      ...(await allTexts(join(fx.work, 'cache'))),
    ];
    expectAbsent(texts, QUERY_SECRET);
    const report = JSON.parse(await readFile(join(fx.work, 'wh', 'report.json'), 'utf8')) as {
      install: { download_info: { url: string }; metadata: { name: string } }[];
    };
    const entry = report.install.find((e) => e.metadata.name === 'app');
    expect(entry?.download_info.url).toBe(fx.server.fileUrl(app.filename));
  });
});

describe('${VAR} values in requirement files', () => {
  it('a version, a path or words from a variable are data, shown in a parse error (review 18b F12)', async () => {
    await writeFile(
      join(fx.work, 'requirements.txt'),
      'app==${APP_VERSION}\n-r ${EXTRA_DIR}/more.txt\nutil @ ${UTIL_URL}\n',
    );
    const r = await cli(['resolve', '-r', 'requirements.txt', '-i', fx.server.indexUrl, ...TARGET], {
      APP_VERSION: `1.0-${VAR_SECRET}`,
      EXTRA_DIR: `/nowhere/${VAR_SECRET}-dir`,
      UTIL_URL: `not a url ${VAR_SECRET}`,
    });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('requirements.txt:1');
    expect(r.stderr).toContain('requirements.txt:2');
    // Not where a credential stands (a URL's password or query, a path token): not a secret, so the
    // error shows the value pip would (was masked, and with it every pylock URL carrying it).
    expect(r.stderr).toContain(`"1.0-${VAR_SECRET}" is not a valid version`);
  });

  it('are masked wherever a resolution shows them (a token in an index URL variable)', async () => {
    fx.server.setModes({ pathToken: TOKEN });
    await writeFile(join(fx.work, 'requirements.txt'), '--index-url ${PRIVATE_INDEX}\napp\n');
    const r = await cli(['fetch', '-r', 'requirements.txt', ...TARGET, '-d', 'wh', '--no-cache', '-v'], {
      PRIVATE_INDEX: `${fx.server.origin}/${TOKEN}/simple/`,
    });
    expect(r.code).toBe(0);
    expectAbsent(
      [{ path: 'stdout+stderr', text: r.stdout + r.stderr }, ...(await allTexts(join(fx.work, 'wh')))],
      TOKEN,
    );
  });
});

describe('an index URL from a ${VAR} whose path token is letters only (no digit to recognise it by)', () => {
  it('keeps every non-layout path segment of that URL secret: not in pylock.toml, the report, the cache or logs', async () => {
    const LETTERS = 'QuietLettersOnlyToken';
    fx.server.setModes({ pathToken: LETTERS });
    await writeFile(join(fx.work, 'requirements.txt'), '--index-url ${PRIVATE_INDEX}\napp\n');
    const r = await cli(
      [
        'fetch',
        '-r',
        'requirements.txt',
        ...TARGET,
        '-d',
        'wh-letters',
        '--cache-dir',
        join(fx.work, 'cache-letters'),
        '-v',
      ],
      { PRIVATE_INDEX: `${fx.server.origin}/${LETTERS}/simple/` },
    );
    expect(r.code).toBe(0);
    expectAbsent(
      [
        { path: 'stdout+stderr', text: r.stdout + r.stderr },
        ...(await allTexts(join(fx.work, 'wh-letters'))),
        ...(await allTexts(join(fx.work, 'cache-letters'))),
      ],
      LETTERS,
    );
    const pylock = await readFile(join(fx.work, 'wh-letters', 'pylock.toml'), 'utf8');
    expect(pylock).toContain(`${fx.server.origin}/***/files/`);
  });
});

describe('a scheme-less user:password@host index value', () => {
  it('is refused without echoing the password', async () => {
    await writeFile(join(fx.work, 'requirements.txt'), 'app\n');
    const r = await cli([
      'resolve',
      '-r',
      'requirements.txt',
      '-i',
      `bob:Sch3melessPw@127.0.0.1:${fx.server.port}/simple/`,
      ...TARGET,
    ]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--index-url');
    expect(r.stderr + r.stdout).not.toContain('Sch3melessPw');
  });
});
