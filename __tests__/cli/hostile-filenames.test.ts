/**
 * A hostile index advertises wheels under file names that point outside the wheelhouse or carry
 * terminal escapes (index-server-modes.ts `advertisedNames`); the CLI fetch must write nothing
 * outside --dest, refuse those links with a warning, and print no raw control character.
 */
import { mkdir, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { FIXTURE_TARGET as TARGET, useFixtureIndex } from '../helpers/fixture-index.js';
import { writeRequirements } from '../helpers/fetch-fixture.js';
import { runCliCaptured } from '../helpers/cli-capture.js';

const fx = useFixtureIndex({ workPrefix: 'wh-hostile-', modes: { advertisedNames: null, noJson: false } });

/** Every file under `dir` (relative paths), recursively. */
async function tree(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const e of await readdir(dir, { withFileTypes: true, recursive: true })) {
    if (e.isFile()) out.push(join(e.parentPath ?? e.path, e.name).slice(dir.length + 1));
  }
  return out.sort();
}

describe.each([
  ['JSON pages', false],
  ['HTML pages', true],
])('%s', (_label, noJson) => {
  it.each([
    ['a percent-encoded path', 'util-2.1-1/../../../escaped-py3-none-any.whl'],
    ['a backslash path', 'util-2.1-1\\..\\..\\escaped-py3-none-any.whl'],
    ['a NUL byte', 'util-2.1-1\u0000x-py3-none-any.whl'],
    ['a terminal escape', 'util-2.1-1\u001b[2J\u001b]0;pwned\u0007-py3-none-any.whl'],
    ['a workflow command', 'util-2.1-1\n::error::pwned-py3-none-any.whl'],
  ])('a link with %s is refused with a warning; nothing lands outside --dest', async (_what, alias) => {
    fx.server.setModes({ noJson, advertisedNames: { 'util-2.1-py3-none-any.whl': alias } });
    const project = join(fx.work, 'a', 'b', 'project');
    await mkdir(project, { recursive: true });
    await writeRequirements(project, ['util']);
    const r = await runCliCaptured(
      ['fetch', '-r', 'requirements.txt', '-i', fx.server.indexUrl, ...TARGET, '--dest', 'wh', '--no-cache'],
      { env: { HOME: fx.work }, cwd: project },
    );
    expect(r.stderr).toContain('warning: ignoring the link to');
    expect(r.stderr).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/);
    expect(r.stderr).not.toMatch(/^\s*::/m);
    expect(r.code).toBe(0);
    // util 2.1's only (hostile) link is gone: 2.0 is chosen; every file written is inside wh/.
    expect(await tree(fx.work)).toEqual(
      [
        'a/b/project/requirements.txt',
        'a/b/project/wh/pylock.toml',
        'a/b/project/wh/report.json',
        'a/b/project/wh/requirements.lock',
        'a/b/project/wh/util-2.0-py3-none-any.whl',
        'a/b/project/wh/wheelhouse-manifest.json',
      ].sort(),
    );
  });
});

it('a direct URL whose last segment is an unsafe file name is an input error at its line', async () => {
  await writeRequirements(fx.work, [
    'util',
    `util @ ${fx.server.origin}/files/util-2.1-1%2F..%2Fx-py3-none-any.whl`,
  ]);
  const r = await runCliCaptured(
    ['fetch', '-r', 'requirements.txt', '-i', fx.server.indexUrl, ...TARGET, '--dest', 'wh', '--no-cache'],
    { env: { HOME: fx.work }, cwd: fx.work },
  );
  expect(r.code).toBe(2);
  expect(r.stderr).toContain('requirements.txt:2: the file name "util-2.1-1/../x-py3-none-any.whl"');
  expect(r.stderr).toContain('path separator');
  expect(await tree(fx.work)).toEqual(['requirements.txt']);
});
