/**
 * The package finder's indexes and format control from the command line plus several requirement
 * files, against the real pip on this machine (pip 23.2): pip parses the files after its
 * configuration and command line, one after another into one finder (req_file.py
 * `handle_option_line`), so a file's `-i` replaces every index named before it and the files'
 * `--only-binary` / `--no-binary` values apply last, in order. pip's configuration is isolated
 * (PIP_CONFIG_FILE=/dev/null, no PIP_* variables); no request is made.
 */
import { execFileSync } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { effectiveFinder, type FinderOptions } from '../../src/flow/finder-options.js';
import { readRequirementInputs } from '../../src/provider/requirement-inputs.js';

const PIP_FINDER = `
import json, sys
from pip._internal.commands import create_command
cmd = create_command('install')
opts, args = cmd.parse_args(sys.argv[1:])
with cmd.main_context():
    session = cmd.get_default_session(opts)
    finder = cmd._build_package_finder(options=opts, session=session)
    cmd.get_requirements(args, opts, finder, session)
fc = finder.format_control
print(json.dumps({'index': finder.index_urls, 'only': sorted(fc.only_binary), 'no': sorted(fc.no_binary)}))
`;

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'wh-finder-order-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

interface Scenario {
  files: string[];
  /** Constraints files (`-c`): pip parses them before the requirement files. */
  constraints?: string[];
  cli: string[];
  given: FinderOptions;
}

const A = '--extra-index-url https://ax.example/simple\n--no-binary six\nsix\n';
const B =
  '-i https://bi.example/simple\n--extra-index-url https://bx.example/simple\n--only-binary :all:\nsix\n';
const C = '--extra-index-url https://cx.example/simple\n--no-binary :all:\n--only-binary six,lib\nsix\n';

const SCENARIOS: [string, Scenario][] = [
  [
    "a later file's -i replaces the command line's index and extra indexes and earlier files' extras",
    {
      files: [A, B],
      cli: ['--index-url', 'https://cli.example/simple', '--extra-index-url', 'https://clix.example/simple'],
      given: { indexUrl: 'https://cli.example/simple', extraIndexUrls: ['https://clix.example/simple'] },
    },
  ],
  [
    'command line --only-binary :all:, file --no-binary six: six from source',
    { files: [A], cli: ['--only-binary', ':all:'], given: { onlyBinary: [':all:'] } },
  ],
  [
    'file values replay in order across files, after the command line',
    {
      files: [A, C],
      cli: ['--index-url', 'https://cli.example/simple', '--only-binary', 'other'],
      given: { indexUrl: 'https://cli.example/simple', onlyBinary: ['other'] },
    },
  ],
  [
    "constraints files are read first: the requirement file's -i wins, extras in pip's order",
    {
      files: [A],
      constraints: [
        '-i https://cons.example/simple\n--extra-index-url https://consx.example/simple\n--only-binary six\n',
      ],
      cli: [],
      given: {},
    },
  ],
  [
    "a requirement file's -i after a constraints file's",
    { files: [B], constraints: ['-i https://cons.example/simple\n--no-binary :all:\n'], cli: [], given: {} },
  ],
  [
    'extra indexes: command line before the files',
    {
      files: [C],
      cli: ['--extra-index-url', 'https://clix.example/simple', '--no-binary', 'six'],
      given: { extraIndexUrls: ['https://clix.example/simple'], noBinary: ['six'] },
    },
  ],
];

function pipAnswer(paths: string[], cli: string[], constraints: string[] = []): unknown {
  const argv = [...cli, ...constraints.flatMap((p) => ['-c', p]), ...paths.flatMap((p) => ['-r', p])];
  const env: Record<string, string> = {
    PATH: process.env['PATH'] ?? '',
    HOME: dir,
    PIP_CONFIG_FILE: '/dev/null',
  };
  const out = execFileSync('python3', ['-c', PIP_FINDER, ...argv], {
    encoding: 'utf8',
    env,
    timeout: 60_000,
  });
  const answer = JSON.parse(out) as { index: string[] };
  // pip spells its default https://pypi.org/simple, wheelhouse https://pypi.org/simple/ (same index).
  answer.index = answer.index.map((u) => (u === 'https://pypi.org/simple' ? 'https://pypi.org/simple/' : u));
  return answer;
}

async function ours(paths: string[], given: FinderOptions, constraints: string[] = []): Promise<unknown> {
  const inputs = await readRequirementInputs(paths, constraints, { readFile: (p) => readFile(p, 'utf8') });
  const finder = effectiveFinder(inputs.options, given);
  return {
    index: finder.indexUrls,
    only: finder.onlyBinary.all ? [':all:'] : [...finder.onlyBinary.names].sort(),
    no: finder.noBinary.all ? [':all:'] : [...finder.noBinary.names].sort(),
  };
}

describe("finder options from the command line and several requirement files: pip's order", () => {
  it.each(SCENARIOS)(
    '%s',
    async (name, scenario) => {
      const paths: string[] = [];
      for (const [i, text] of scenario.files.entries()) {
        const path = join(dir, `${name.replace(/\W+/g, '-').slice(0, 40)}-${i}.txt`);
        await writeFile(path, text);
        paths.push(path);
      }
      const constraints: string[] = [];
      for (const [i, text] of (scenario.constraints ?? []).entries()) {
        const path = join(dir, `${name.replace(/\W+/g, '-').slice(0, 40)}-c${i}.txt`);
        await writeFile(path, text);
        constraints.push(path);
      }
      expect(await ours(paths, scenario.given, constraints)).toEqual(
        pipAnswer(paths, scenario.cli, constraints),
      );
    },
    60_000,
  );
});
