/**
 * A wheel's `.data/headers` files go under the name the requirement that brought the package in
 * spells (review 14a F1): pip 23.2 installs with `get_scheme(self.name)` (req_install.py), `name`
 * being its InstallRequirement's — the requirements-file line for a root requirement, the
 * Requires-Dist line for a dependency (resolvelib `make_install_req_from_link(link, template)`) —
 * and the headers scheme path is `<include>/<that name>` (locations `headers`). The resolution
 * carries that spelling (ResolvedPackage.requirementName) to the installer.
 */
import { readdirSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative, sep } from 'node:path';
import { afterAll, beforeAll, expect, it, jest } from '@jest/globals';
import { runInstallFlow } from '../../src/flow/install.js';
import { buildWheel, dataPath } from '../helpers/dists.js';
import { serveFixture, writeRequirements } from '../helpers/fetch-fixture.js';
import { startIndexServer, type IndexServer } from '../helpers/index-server.js';
import { makeVenv } from '../helpers/python-venv.js';
import { fixtureInstallOptions, venvInterpreter } from '../helpers/install-fixture.js';

jest.setTimeout(180_000);

let server: IndexServer;
let root: string;

beforeAll(async () => {
  server = await startIndexServer();
  serveFixture(server, [
    {
      project: 'hdr-pkg',
      pep658: true,
      wheel: buildWheel({
        name: 'Hdr.Pkg',
        version: '1.0',
        requiresDist: ['Dep_Lib>=1'],
        files: [{ path: dataPath('Hdr.Pkg', '1.0', 'headers', 'hdr.h'), text: '/* hdr */\n' }],
      }),
    },
    {
      project: 'dep-lib',
      pep658: true,
      wheel: buildWheel({
        name: 'dep-lib',
        version: '2.0',
        files: [{ path: dataPath('dep-lib', '2.0', 'headers', 'dep.h'), text: '/* dep */\n' }],
      }),
    },
  ]);
  root = await mkdtemp(join(tmpdir(), 'wh-headers-name-'));
});
afterAll(async () => {
  await server.close();
  await rm(root, { recursive: true, force: true });
});

/** Every file under `dir`, relative to it (a bounded walk of a fresh venv's include directory). */
function filesUnder(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string, depth: number): void => {
    if (depth > 8) return;
    let entries;
    try {
      entries = readdirSync(d, { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries) {
      const p = join(d, e.name);
      if (e.isDirectory()) walk(p, depth + 1);
      else out.push(relative(dir, p).split(sep).join('/'));
    }
  };
  walk(dir, 0);
  return out.sort();
}

it("headers go under the requirement's spelling: the root line's, then the Requires-Dist line's", async () => {
  const work = await mkdtemp(join(root, 'run-'));
  const venv = makeVenv(join(work, 'venv'), { withoutPip: true });
  if (venv === undefined) {
    console.warn('skipped: no python3 with the venv module on this machine');
    return;
  }
  await writeRequirements(work, ['Hdr_Pkg']);
  const result = await runInstallFlow({
    ...fixtureInstallOptions(server.indexUrl, work),
    wheelhouse: join(work, 'wh'),
    stateDir: join(work, 'state'),
    interpreter: venvInterpreter(venv),
  });
  expect(result.installed).toBe(2);
  const headers = filesUnder(join(venv, 'include')).filter((p) => p.endsWith('.h'));
  expect(headers).toHaveLength(2);
  expect(headers.find((p) => p.endsWith('/hdr.h'))).toMatch(/(^|\/)Hdr_Pkg\/hdr\.h$/);
  expect(headers.find((p) => p.endsWith('/dep.h'))).toMatch(/(^|\/)Dep_Lib\/dep\.h$/);
});
