/**
 * A small, real package world for the fetch flow, the CLI and the action tests (no jest imports):
 * wheels built by dists.ts and served by the test index server, some with PEP 658 metadata and
 * some without (so the resolver reads them by range requests), plus helpers to change one pin.
 *
 *   app 1.0        requires lib>=1.0, util
 *   lib 1.0, 1.1   (1.1 preferred) requires util>=2
 *   util 2.0, 2.1
 *   big 1.0        a 300 kB payload, no PEP 658 file
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { FetchOptions } from '../../src/flow/fetch.js';
import { silentLogger } from '../../src/util/logger.js';
import { buildWheel, type BuiltWheel, type WheelSpec } from './dists.js';
import type { IndexServer, ServedProject } from './index-server.js';

export interface FixtureWheel {
  project: string;
  wheel: BuiltWheel;
  pep658: boolean;
}

function wheel(spec: WheelSpec, pep658 = true): FixtureWheel {
  return { project: spec.name, wheel: buildWheel(spec), pep658 };
}

export function fixtureWheels(): FixtureWheel[] {
  return [
    wheel({ name: 'app', version: '1.0', requiresDist: ['lib>=1.0', 'util'] }),
    wheel({ name: 'lib', version: '1.0', requiresDist: ['util>=2'] }),
    wheel({ name: 'lib', version: '1.1', requiresDist: ['util>=2'] }, false),
    wheel({ name: 'util', version: '2.0' }),
    wheel({ name: 'util', version: '2.1' }),
    wheel({ name: 'big', version: '1.0', files: [{ path: 'big/data.bin', size: 300_000 }] }, false),
  ];
}

/**
 * `tool` 1.0 (requires util) with a console script `hello-tool = tool.cli:main` that prints
 * `hello from tool, util <util's version>` and exits 3: for install tests that run what they installed.
 */
export function toolFixtureWheel(): FixtureWheel {
  const enc = new TextEncoder();
  return wheel({
    name: 'tool',
    version: '1.0',
    requiresDist: ['util'],
    files: [
      {
        path: 'tool/cli.py',
        bytes: enc.encode(
          'import util\n\n\ndef main():\n    print("hello from tool, util " + util.__version__)\n    return 3\n',
        ),
      },
      {
        path: 'tool-1.0.dist-info/entry_points.txt',
        bytes: enc.encode('[console_scripts]\nhello-tool = tool.cli:main\n'),
      },
    ],
  });
}

export function servedProjectsOf(wheels: FixtureWheel[]): ServedProject[] {
  const byName = new Map<string, ServedProject>();
  for (const w of wheels) {
    const p = byName.get(w.project) ?? { name: w.project, files: [] };
    p.files.push({
      filename: w.wheel.filename,
      bytes: w.wheel.bytes,
      ...(w.pep658 ? { metadata: w.wheel.metadata } : {}),
    });
    byName.set(w.project, p);
  }
  return [...byName.values()];
}

export function serveFixture(server: IndexServer, wheels: FixtureWheel[] = fixtureWheels()): FixtureWheel[] {
  server.setProjects(servedProjectsOf(wheels));
  return wheels;
}

/** Writes `requirements.txt` (one requirement per line) into `dir`; answers its path. */
export async function writeRequirements(
  dir: string,
  lines: string[],
  name = 'requirements.txt',
): Promise<string> {
  await mkdir(dir, { recursive: true });
  const path = join(dir, name);
  await writeFile(path, `${lines.join('\n')}\n`);
  return path;
}

/** The names of the wheels a default resolution of `app` + `big` selects. */
export const EXPECTED_FILES = [
  'app-1.0-py3-none-any.whl',
  'big-1.0-py3-none-any.whl',
  'lib-1.1-py3-none-any.whl',
  'util-2.1-py3-none-any.whl',
];

/**
 * Fetch options of the flow tests: `requirements.txt` of `work` over the index at `indexUrl`, for
 * CPython 3.12 on manylinux_2_17_x86_64, no environment, silent, wheelhouse `<work>/wh` and state
 * `<work>/state` (no stamp store).
 */
export function fixtureFetchOptions(indexUrl: string, work: string): FetchOptions {
  return {
    requirementFiles: ['requirements.txt'],
    finder: { indexUrl },
    target: { pythonVersion: '3.12', implementation: 'cp', platforms: ['manylinux_2_17_x86_64'] },
    cwd: work,
    env: {},
    logger: silentLogger,
    wheelhouse: join(work, 'wh'),
    stateDir: join(work, 'state'),
  };
}
