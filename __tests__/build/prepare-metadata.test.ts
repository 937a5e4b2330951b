/**
 * Prepared metadata through the machine's python3 pip (the PEP 517 frontend) against the test
 * index: build isolation installs setuptools (and a helper the setup script imports) from that
 * index only; a failing setup script is an SdistBuildError naming the sdist with pip's last lines.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SdistBuildError } from '../../src/build/build-error.js';
import { frontendEnv } from '../../src/build/frontend-env.js';
import type { PipFrontend } from '../../src/build/pip-frontend.js';
import { metadataFromReport, prepareMetadata } from '../../src/build/prepare-metadata.js';
import { parseDistMetadata } from '../../src/provider/dist-metadata.js';
import { silentLogger } from '../../src/util/logger.js';
import { buildWheel } from '../helpers/dists.js';
import { startIndexServer, type IndexServer } from '../helpers/index-server.js';
import { buildSetuptoolsSdist, findBackendWheels, isolatedPipEnv } from '../helpers/setuptools-sdists.js';

const backends = findBackendWheels();
const maybe = backends === undefined ? describe.skip : describe;
if (backends === undefined) {
  console.warn('prepare-metadata: skipped — no python3, or no setuptools/wheel wheels on this machine');
}

const helper = buildWheel({
  name: 'buildhelper',
  version: '1.0',
  files: [{ path: 'buildhelper/__init__.py', bytes: new TextEncoder().encode('DEPS = ["six>=1.0"]\n') }],
});

maybe('prepareMetadata with the real pip', () => {
  let server: IndexServer;
  let dir: string;
  let frontend: PipFrontend;

  beforeAll(async () => {
    server = await startIndexServer({
      projects: [...(backends ?? []), { name: 'buildhelper', files: [helper] }],
    });
    dir = mkdtempSync(join(tmpdir(), 'wh-prepare-'));
    frontend = {
      python: 'python3',
      env: frontendEnv(isolatedPipEnv(), { indexUrls: [server.indexUrl], findLinks: [] }),
      cwd: dir,
    };
  });
  afterAll(async () => {
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  });

  function write(sdist: { filename: string; bytes: Uint8Array }): string {
    const path = join(dir, sdist.filename);
    writeFileSync(path, sdist.bytes);
    return path;
  }

  // setup.py adds the helper's list to its own: only running the build knows the result.
  it('answers dynamic dependencies computed by setup.py with a build dependency from the index', async () => {
    const sdist = buildSetuptoolsSdist({
      name: 'dyn-pkg',
      version: '2.0',
      metadata: 'dynamic',
      buildRequires: ['buildhelper'],
      setupPrelude: ['import buildhelper'],
      installRequiresCode: 'buildhelper.DEPS + ["attrs>=20"]',
    });
    const prepared = await prepareMetadata(frontend, write(sdist), { label: sdist.filename });
    expect(prepared.name).toBe('dyn-pkg');
    expect(prepared.version).toBe('2.0');
    // setuptools of this era writes PEP 345's parenthesized form; the resolver reads it the same.
    const parsed = parseDistMetadata(prepared.metadata, sdist.filename, silentLogger);
    expect(
      parsed.requiresDist.map((d) => `${d.requirement.name}${d.requirement.specifier.toString()}`),
    ).toEqual(['six>=1.0', 'attrs>=20']);
    // Build isolation took the backend and the helper from the test index.
    const files = server.counters.log.filter((e) => e.path.startsWith('/files/')).map((e) => e.path);
    expect(files.some((p) => p.includes('setuptools-'))).toBe(true);
    expect(files.some((p) => p.includes('buildhelper-'))).toBe(true);
  }, 180_000);

  it('fails with the sdist name and the end of pip log when setup.py fails', async () => {
    const sdist = buildSetuptoolsSdist({
      name: 'broken',
      version: '1.0',
      metadata: 'dynamic',
      failWith: 'deliberate failure 7731',
    });
    const error = await prepareMetadata(frontend, write(sdist), { label: sdist.filename }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(SdistBuildError);
    const e = error as SdistBuildError;
    expect(e.message).toContain('broken-1.0.tar.gz');
    expect(e.message).toContain('deliberate failure 7731');
  }, 180_000);

  it("a build backend sees none of the action's tokens, inputs or the S3 store's keys", async () => {
    // What a JavaScript action's process holds and a `run:` step's pip would not (frontend-env.ts).
    const held = {
      ACTIONS_RUNTIME_TOKEN: 'runtime-jwt-secret',
      ACTIONS_CACHE_URL: 'https://cache.example/',
      ACTIONS_RESULTS_URL: 'https://results.example/',
      ACTIONS_ID_TOKEN_REQUEST_TOKEN: 'oidc-secret',
      ACTIONS_ID_TOKEN_REQUEST_URL: 'https://oidc.example/',
      INPUT_REQUIREMENTS: 'requirements.txt',
      GITHUB_STATE: join(dir, 'state'),
      GITHUB_OUTPUT: join(dir, 'output'),
      AWS_SECRET_ACCESS_KEY: 's3-cache-secret',
      WHEELHOUSE_S3_BUCKET: 'bucket',
    };
    const seen = join(dir, 'backend-env.json');
    const sdist = buildSetuptoolsSdist({
      name: 'env-probe',
      version: '1.0',
      metadata: 'dynamic',
      setupPrelude: [
        `import json, os; open(${JSON.stringify(seen)}, "w").write(json.dumps(dict(os.environ)))`,
      ],
    });
    const withHeld: PipFrontend = {
      ...frontend,
      env: frontendEnv({ ...isolatedPipEnv(), ...held }, { indexUrls: [server.indexUrl], findLinks: [] }),
    };
    await prepareMetadata(withHeld, write(sdist), { label: sdist.filename });
    const backendEnv = JSON.parse(readFileSync(seen, 'utf8')) as Record<string, string>;
    // The backend really ran with the frontend's environment…
    expect(backendEnv['PIP_INDEX_URL']).toBe(server.indexUrl);
    // …and none of those names reached it.
    expect(Object.keys(held).filter((k) => k in backendEnv)).toEqual([]);
  }, 120_000);

  it('a missing build dependency on the index fails naming it', async () => {
    const sdist = buildSetuptoolsSdist({
      name: 'needs-missing',
      version: '1.0',
      metadata: 'dynamic',
      buildRequires: ['not-on-this-index'],
    });
    const error = await prepareMetadata(frontend, write(sdist), { label: sdist.filename }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(SdistBuildError);
    expect((error as Error).message).toMatch(/needs_missing-1\.0\.tar\.gz[\s\S]*not-on-this-index/);
  }, 180_000);
});

describe('metadataFromReport', () => {
  const report = (metadata: unknown): string =>
    JSON.stringify({ version: '1', install: [{ metadata }], environment: {} });

  it('turns the JSON metadata into core metadata text', () => {
    const p = metadataFromReport(
      report({
        metadata_version: '2.1',
        name: 'x',
        version: '1.0',
        requires_python: '>=3.8',
        requires_dist: ['a (>=1)', 'b ; extra == "fast"'],
        provides_extra: ['fast'],
      }),
      'x-1.0.tar.gz',
    );
    expect(new TextDecoder().decode(p.metadata)).toBe(
      'Metadata-Version: 2.1\nName: x\nVersion: 1.0\nRequires-Python: >=3.8\nRequires-Dist: a (>=1)\nRequires-Dist: b ; extra == "fast"\nProvides-Extra: fast\n\n',
    );
  });

  it.each([
    ['not JSON', 'nope', /not JSON/],
    ['another version', JSON.stringify({ version: '2', install: [] }), /version "2"/],
    ['two items', JSON.stringify({ version: '1', install: [{}, {}] }), /exactly one/],
    ['a header injection', report({ name: 'x', version: '1\nRequires-Dist: evil' }), /spans lines/],
    ['a bad list', report({ name: 'x', version: '1', requires_dist: [3] }), /requires_dist/],
  ])('refuses %s', (_, text, message) => {
    expect(() => metadataFromReport(text, 'x-1.0.tar.gz')).toThrow(message);
  });
});
