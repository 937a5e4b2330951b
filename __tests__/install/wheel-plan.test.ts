/**
 * wheel-plan.ts on real archives (built by the test helper, opened by the installer's reader):
 * the installer's own `.wheelhouse-` names are refused wherever a member would land, and the
 * `.dist-info` name check is linear in the directory name (review 1 of session 12).
 */
import { afterAll, describe, expect, it } from '@jest/globals';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildWheel, dataPath, type PayloadFile } from '../helpers/dists.js';
import { timerTurn } from '../helpers/timer-turn.js';
import { openWheelArchive, type WheelArchive } from '../../src/install/wheel-archive.js';
import { planWheel, WheelInstallError } from '../../src/install/wheel-plan.js';

const work = mkdtempSync(join(tmpdir(), 'wh-wheel-plan-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

async function plan(files: PayloadFile[]) {
  const wheel = buildWheel({ name: 'demo', version: '1.0', files });
  const path = join(work, wheel.filename);
  writeFileSync(path, wheel.bytes);
  const archive = await openWheelArchive(path, wheel.filename);
  try {
    return await planWheel(archive, wheel.filename);
  } finally {
    await archive.close();
  }
}

/** An archive of names only: enough for the checks made before any member is read. */
function namesOnly(names: string[]): WheelArchive {
  return {
    path: join(work, 'absent.whl'),
    size: 0,
    fd: -1,
    entries: names.map((name) => ({ name }) as never),
    bounds: () => ({ limit: 0 }),
    readMember: () => Promise.reject(new Error('no member is read here')),
    streamMember: () => Promise.reject(new Error('no member is read here')),
    close: () => Promise.resolve(),
  };
}

describe("the installer's own names", () => {
  const journal = { path: '', text: '{"version":2,"state":"applying"}' };
  it.each([
    '.wheelhouse-staging-x/journal.json',
    'pkg/.wheelhouse-staging-x/journal.json',
    '.WheelHouse-Staging-x/journal.json',
    '.wheelhouse-exdev-foo',
    dataPath('demo', '1.0', 'purelib', '.wheelhouse-staging-x/journal.json'),
    dataPath('demo', '1.0', 'platlib', '.wheelhouse-staging-x/owner.json'),
    dataPath('demo', '1.0', 'data', 'lib/python3.11/site-packages/.wheelhouse-staging-x/journal.json'),
    dataPath('demo', '1.0', 'scripts', '.wheelhouse-probe-x'),
  ])('refuses a member landing under %s', async (member) => {
    const refused = plan([{ ...journal, path: member }]);
    await expect(refused).rejects.toBeInstanceOf(WheelInstallError);
    await expect(refused).rejects.toThrow(/reserved for the installer/);
  });

  it('accepts names that only resemble them', async () => {
    const planned = await plan([
      { path: 'pkg/wheelhouse-staging-x.py', text: '' },
      { path: 'pkg/.wheelhousex', text: '' },
      { path: 'pkg/x.wheelhouse-y', text: '' },
    ]);
    expect(planned.files.map((f) => f.subpath)).toEqual(
      expect.arrayContaining(['pkg/wheelhouse-staging-x.py', 'pkg/.wheelhousex', 'pkg/x.wheelhouse-y']),
    );
  });
});

describe('the .dist-info name check', () => {
  it('still accepts escaped and unnormalised names, and versions written with _', async () => {
    // Each reaches the WHEEL read (past the name check), which the names-only archive refuses.
    for (const [stem, filename] of [
      ['Foo_Bar-1.0', 'foo_bar-1.0-py3-none-any.whl'],
      ['foo..bar-1.0', 'foo.bar-1.0-py3-none-any.whl'],
      ['foo_bar-1.0_post1', 'foo_bar-1.0.post1-py3-none-any.whl'],
      ['a-b-1.0', 'a_b-1.0-py3-none-any.whl'],
    ] as const) {
      await expect(planWheel(namesOnly([`${stem}.dist-info/METADATA`]), filename)).rejects.toThrow(
        /dist-info\/WHEEL$/,
      );
    }
    for (const stem of ['foo-1.1', 'foob-1.0', 'fo-1.0', '-foo-1.0', 'foo-', 'foo']) {
      await expect(
        planWheel(namesOnly([`${stem}.dist-info/METADATA`]), 'foo-1.0-py3-none-any.whl'),
      ).rejects.toThrow(/does not match the file name/);
    }
  });

  // 60,000-character directory names (a zip member name may be 65,535 bytes). A prefix and a
  // suffix parsed per '-' took ~7 s for 10,000 dashes, so over a minute here — far beyond this
  // test's timeout — while one linear pass takes milliseconds.
  it('is linear in the length of the directory name', async () => {
    for (const stem of [
      'a-'.repeat(30_000) + 'x',
      'a' + '-'.repeat(60_000) + 'x',
      'a_'.repeat(30_000) + '-1.0',
    ]) {
      await expect(
        planWheel(namesOnly([`${stem}.dist-info/METADATA`]), 'a-1.0-py3-none-any.whl'),
      ).rejects.toThrow(/does not match the file name/);
      await timerTurn();
    }
  }, 5_000);
});
