/**
 * Review 15e F4: a NETRC of `~/…` (requests expands it: os.path.expanduser) is carried into the
 * build frontend's private netrc like any other user netrc.
 */
import { execFileSync } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { frontendEnv } from '../../src/build/frontend-env.js';

let home: string;
beforeAll(async () => {
  home = await mkdtemp(join(tmpdir(), 'wh-netrc-tilde-'));
  await writeFile(join(home, '.netrc-work'), 'machine other.example login alice password alices-token\n', {
    mode: 0o600,
  });
});
afterAll(async () => {
  await rm(home, { recursive: true, force: true });
});

function netrcAuth(netrc: string, url: string): unknown {
  const out = execFileSync(
    'python3',
    [
      '-c',
      'import json, sys; from pip._vendor.requests.utils import get_netrc_auth as g; print(json.dumps(g(sys.argv[1])))',
      url,
    ],
    {
      env: { PATH: process.env['PATH'] ?? '', HOME: home, NETRC: netrc, PIP_CONFIG_FILE: '/dev/null' },
      encoding: 'utf8',
    },
  );
  return JSON.parse(out);
}

it("a NETRC of '~/…' is carried into the private netrc", () => {
  // What the build's pip found before: the user's own login.
  expect(netrcAuth('~/.netrc-work', 'https://other.example/simple/')).toEqual(['alice', 'alices-token']);
  const env = frontendEnv(
    {
      HOME: home,
      NETRC: '~/.netrc-work',
      WHEELHOUSE_INDEX_CORP_USERNAME: 'bob',
      WHEELHOUSE_INDEX_CORP_PASSWORD: 'bobs-token',
    },
    {
      indexUrls: ['https://corp.example/simple/', 'https://other.example/simple/'],
      findLinks: [],
      namedIndexes: [{ name: 'corp', url: 'https://corp.example/simple/' }],
    },
  );
  const privateNetrc = env['NETRC'] as string;
  expect(netrcAuth(privateNetrc, 'https://corp.example/simple/')).toEqual(['bob', 'bobs-token']);
  expect(netrcAuth(privateNetrc, 'https://other.example/simple/')).toEqual(['alice', 'alices-token']);
});
