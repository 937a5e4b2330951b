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
        // Since review 14a F4 such a name (> 255 bytes) is refused before the name check.
      ).rejects.toThrow(/does not match the file name|longer than (4096|255) bytes/);
      await timerTurn();
    }
  }, 5_000);
});

describe('member path bounds (review 14a F4)', () => {
  // A name no file system can make (Linux PATH_MAX 4096 and NAME_MAX 255 bytes) is refused while
  // planning, naming the member, before staging reserves its ancestors; pip 23.2 fails at its
  // first makedirs (ENAMETOOLONG) instead.
  it('refuses a member path longer than 4096 bytes, naming it shortened', async () => {
    const deep = Array.from({ length: 3000 }, () => 'a').join('/');
    const error = await plan([{ path: `k0/${deep}/m.py`, text: 'X=1\n' }]).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(WheelInstallError);
    expect((error as WheelInstallError).entry).toBe(`k0/${deep}/m.py`.slice(0, 200) + '…');
    expect((error as Error).message).toContain('refused: the path is longer than 4096 bytes');
  });

  it('refuses a name longer than 255 bytes (counted in UTF-8), accepts long paths within the bounds', async () => {
    await expect(plan([{ path: `pkg/${'é'.repeat(128)}.py`, text: '' }])).rejects.toThrow(
      'refused: the path has a name longer than 255 bytes',
    );
    const within = Array.from({ length: 30 }, (_, k) => `${k}`.padEnd(120, 'b')).join('/');
    const planned = await plan([{ path: `pkg/${within}/m.py`, text: 'X=1\n' }]);
    expect(planned.files.map((f) => f.archivePath)).toContain(`pkg/${within}/m.py`);
  });

  // The bounds are bytes of UTF-8, not UTF-16 units: planning counts bytes only for a string longer
  // than a third of the bound (session 16), so these paths are short in units and long in bytes.
  it('counts a path of multi-byte names in UTF-8 bytes: refused past 4096, kept within', async () => {
    const segment = 'é'.repeat(100); // 100 units, 200 bytes
    const long = Array.from({ length: 21 }, () => segment).join('/'); // 2,120 units, 4,220 bytes
    const error = await plan([{ path: `pkg/${long}/m.py`, text: 'X=1\n' }]).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(WheelInstallError);
    expect((error as Error).message).toContain('refused: the path is longer than 4096 bytes');
    const fits = Array.from({ length: 20 }, () => segment).join('/'); // 4,019 bytes with the rest
    const planned = await plan([{ path: `pkg/${fits}/m.py`, text: 'X=1\n' }]);
    expect(planned.files.map((f) => f.archivePath)).toContain(`pkg/${fits}/m.py`);
    // A name of 85 three-byte characters is exactly 255 bytes; one more is refused.
    await expect(plan([{ path: `pkg/${'€'.repeat(85)}`, text: '' }])).resolves.toBeDefined();
    await expect(plan([{ path: `pkg/${'€'.repeat(86)}`, text: '' }])).rejects.toThrow(
      'refused: the path has a name longer than 255 bytes',
    );
  });
});

describe('member names with control characters (review 17a F10)', () => {
  it.each(['cr/\r.py', 'cr/a\rb.txt', 'cm/a\nb.py', 'cm/a\tb.py', 'cm/\x7f.py'])(
    'refuses %j, saying so (not blaming RECORD)',
    async (member) => {
      const refused = plan([{ path: member, text: 'x = 1\n' }]);
      await expect(refused).rejects.toBeInstanceOf(WheelInstallError);
      await expect(refused).rejects.toThrow(
        `${JSON.stringify(member)}: refused: the path contains a control character`,
      );
    },
  );
});
