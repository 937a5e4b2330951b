/**
 * A constraints file given on the command line (`-c FILE`) against the real pip on this machine
 * (pip 23.2, configuration isolated, no request made): pip reads it as a constraints file
 * (req_command.py `get_requirements` → `parse_requirements(…, constraint=True)`), so an editable, a
 * local path or extras in it are refused (req_install.py `check_invalid_constraint_type`, called by
 * the resolver for every constraint), and a `-r FILE` inside it gives requirements (req_file.py
 * `_parse_and_recurse`). Review 16a F2 and F7: wheelhouse read it as a requirements file and
 * reclassified its lines afterwards, so these forms became requirements (or constraints).
 */
import { execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { readRequirementInputs } from '../../src/provider/requirement-inputs.js';

const PIP_INPUTS = `
import json, sys
from pip._internal.commands import create_command
from pip._internal.req.req_install import check_invalid_constraint_type
cmd = create_command('install')
opts, args = cmd.parse_args(sys.argv[1:])
with cmd.main_context():
    session = cmd.get_default_session(opts)
    finder = cmd._build_package_finder(options=opts, session=session)
    reqs = cmd.get_requirements(args, opts, finder, session)
rows = []
for r in reqs:
    rows.append([str(r.req) if r.req else str(r.link), bool(r.constraint), check_invalid_constraint_type(r) if r.constraint else ''])
print(json.dumps(rows))
`;

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'wh-cons-forms-'));
  await mkdir(join(dir, 'localp'));
  await writeFile(
    join(dir, 'localp', 'pyproject.toml'),
    '[build-system]\nrequires = ["setuptools"]\nbuild-backend = "setuptools.build_meta"\n[project]\nname = "localp"\nversion = "1.0"\ndependencies = ["b<2"]\n',
  );
  await writeFile(join(dir, 'req.txt'), 'a\n');
  await writeFile(join(dir, 'more.txt'), 'b\n');
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

function pipRows(constraintsFile: string): [string, boolean, string][] {
  const out = execFileSync('python3', ['-c', PIP_INPUTS, '-r', 'req.txt', '-c', constraintsFile], {
    cwd: dir,
    encoding: 'utf8',
    env: { PATH: process.env['PATH'] ?? '', HOME: dir, PIP_CONFIG_FILE: '/dev/null' },
    timeout: 60_000,
    // pip's deprecation warning for each refused form goes to stderr.
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return JSON.parse(out) as [string, boolean, string][];
}

const io = { readFile: (p: string) => readFile(join(dir, p), 'utf8') };

describe('a -c constraints file is read as pip reads one (review 16a F2)', () => {
  it.each<[string, string, string]>([
    [
      '-e ./localp',
      // pip 23.2 checks the name first: an editable directory is unnamed until built.
      'Unnamed requirements are not allowed as constraints',
      'editable requirements are not allowed as constraints: -e ./localp',
    ],
    [
      './localp',
      'Unnamed requirements are not allowed as constraints',
      'local paths are not allowed as constraints: ./localp',
    ],
    ['a[x]<2', 'Constraints cannot have extras', 'constraints cannot have extras: a[x]<2'],
  ])('%s: pip refuses it (%s), so does wheelhouse', async (line, pipProblem, ours) => {
    const file = `cons-${line.replace(/\W+/g, '_')}.txt`;
    await writeFile(join(dir, file), `${line}\n`);
    const rows = pipRows(file);
    expect(rows.filter((r) => r[1]).map((r) => r[2])).toEqual([pipProblem]);
    await expect(readRequirementInputs(['req.txt'], [file], io)).rejects.toThrow(`${file}:1:1: ${ours}`);
  });
});

describe('-r inside a -c constraints file gives requirements (review 16a F7)', () => {
  it('b from more.txt is a requirement, a<2 a constraint, as pip', async () => {
    await writeFile(join(dir, 'cons-r.txt'), '-r more.txt\na<2\n');
    const rows = pipRows('cons-r.txt');
    const inputs = await readRequirementInputs(['req.txt'], ['cons-r.txt'], io);
    const ours = [
      ...inputs.requirements.map((r) => [r.requirement.text, false]),
      ...inputs.constraints.map((r) => [r.requirement.text, true]),
    ];
    const sort = (x: unknown[][]) => [...x].map((r) => JSON.stringify(r.slice(0, 2))).sort();
    expect(sort(ours)).toEqual(sort(rows));
    expect(sort(rows)).toEqual(
      sort([
        ['a', false],
        ['b', false],
        ['a<2', true],
      ]),
    );
  });
});
