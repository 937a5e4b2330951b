/**
 * Review 18a F11: a `--platform` (or ABI, or architecture) holding a quote went unquoted into the
 * pylock's `environments` marker — an invalid marker, or a valid one that says something else
 * than the target. Such a tag can name no wheel file; it is refused where the target is made.
 */
import { describe, expect, it } from '@jest/globals';
import { InvalidTargetError } from '../../src/standards/tags-platforms.js';
import { targetEnvironment } from '../../src/provider/target.js';
import { parseMarker } from '../../src/standards/markers.js';
import { runCliCaptured } from '../helpers/cli-capture.js';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

describe('target texts written into markers (review 18a F11)', () => {
  it.each([
    ["linux_x86_64' or '1", 'platforms'],
    ["linux_x86_64' or sys_platform != '", 'platforms'],
    ['manylinux_2_17_x86_64 ', 'platforms'],
    ['cp311\u2028evil', 'abis'],
  ])('%j as %s: refused', (value, key) => {
    const make = () =>
      targetEnvironment({ pythonVersion: '3.11', os: 'linux', arch: 'x86_64', [key]: [value] });
    expect(make).toThrow(InvalidTargetError);
    expect(make).toThrow(JSON.stringify(value));
  });

  it('an architecture with a quote: refused', () => {
    expect(() => targetEnvironment({ pythonVersion: '3.11', os: 'linux', arch: "x86_64' or '1" })).toThrow(
      InvalidTargetError,
    );
  });

  it('ordinary tags: the environments marker parses and names the target', () => {
    const t = targetEnvironment({
      pythonVersion: '3.11',
      os: 'linux',
      arch: 'aarch64',
      platforms: ['manylinux_2_28_aarch64', 'linux_aarch64'],
      abis: ['cp311', 'abi3'],
    });
    expect(t.environmentMarker).toBe(
      "sys_platform == 'linux' and platform_machine == 'aarch64' and implementation_name == 'cpython' and python_version == '3.11'",
    );
    expect(() => parseMarker(t.environmentMarker)).not.toThrow();
  });

  it('the CLI: exit 2, the value named', async () => {
    const home = mkdtempSync(join(tmpdir(), 'wh-target-text-'));
    writeFileSync(join(home, 'req.txt'), 'x\n');
    try {
      const got = await runCliCaptured(
        [
          'resolve',
          '--no-index',
          '-f',
          home,
          '-r',
          'req.txt',
          '--python-version',
          '3.11',
          '--platform',
          "linux_x86_64' or '1",
        ],
        { env: { HOME: home, PIP_CONFIG_FILE: '/dev/null' }, cwd: home } as never,
      );
      expect(got.code).toBe(2);
      expect(got.stderr).toContain(`"linux_x86_64' or '1"`);
    } finally {
      rmSync(home, { recursive: true, force: true });
    }
  });
});
