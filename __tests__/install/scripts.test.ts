/**
 * Launchers, `#!python` scripts, entry points and RECORD text (issue 9 §2). The text rules are
 * checked directly; then a venv whose path contains a space (where pip's distlib switches to its
 * `/bin/sh` trampoline) receives the same wheel from wheelhouse and from pip: the launchers must be
 * byte-identical and run, and wheelhouse's `#!python` script must run too (pip writes a plain
 * shebang there that cannot work: pypa/pip#13389).
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildWheel, dataPath } from '../helpers/dists.js';
import { launcherSpecs, parseEntryPoints, scriptSpec } from '../../src/install/entry-points.js';
import { openInstaller } from '../../src/install/installer.js';
import { probeInterpreter } from '../../src/install/interpreter.js';
import { formatRecord, parseRecord } from '../../src/install/record.js';
import { fixScript, launcherShebang, launcherText } from '../../src/install/scripts.js';
import { silentLogger } from '../../src/util/logger.js';
import { makeVenv, pip, pipEnv, venvPython, writeWheel } from './install-harness.js';

describe('script text', () => {
  const linux = (executable: string) => ({ executable, sysPlatform: 'linux' });

  it('uses a plain shebang up to 127 bytes and the /bin/sh trampoline beyond or with spaces', () => {
    const short = '/v/bin/python';
    expect(launcherShebang(linux(short))).toBe('#!/v/bin/python\n');
    const at127 = '/' + 'x'.repeat(121) + '/py'; // 125 bytes + "#!" + newline = 128 > 127
    expect(launcherShebang(linux(at127.slice(1)))).toBe(`#!${at127.slice(1)}\n`);
    expect(launcherShebang(linux(at127))).toBe(`#!/bin/sh\n'''exec' ${at127} "$0" "$@"\n' '''\n`);
    expect(launcherShebang({ executable: at127, sysPlatform: 'darwin' })).toBe(`#!${at127}\n`);
    expect(launcherShebang(linux('/a b/python'))).toBe(
      `#!/bin/sh\n'''exec' "/a b/python" "$0" "$@"\n' '''\n`,
    );
  });

  it("writes distlib's launcher template and pip's #!python replacement", () => {
    expect(launcherText('pkg.cli', 'Tool.run', linux('/v/bin/python'))).toBe(
      "#!/v/bin/python\n# -*- coding: utf-8 -*-\nimport re\nimport sys\nfrom pkg.cli import Tool\nif __name__ == '__main__':\n" +
        "    sys.argv[0] = re.sub(r'(-script\\.pyw|\\.exe)?$', '', sys.argv[0])\n    sys.exit(Tool.run())\n",
    );
    const fixed = fixScript(Buffer.from('#!pythonw -E\r\nprint(1)\n'), linux('/v/bin/python'));
    expect(fixed.toString()).toBe('#!/v/bin/python\nprint(1)\n');
  });

  it('reads entry points as importlib.metadata and pip do', () => {
    const eps = parseEntryPoints(
      '# c\n[console_scripts]\n tool = a.b:c [extra]\npip = pip._internal:main\npip3.9 = x:y\n[gui_scripts]\ng=a:b\n',
    );
    expect(eps).toEqual([
      { group: 'console_scripts', name: 'tool', value: 'a.b:c [extra]' },
      { group: 'console_scripts', name: 'pip', value: 'pip._internal:main' },
      { group: 'console_scripts', name: 'pip3.9', value: 'x:y' },
      { group: 'gui_scripts', name: 'g', value: 'a:b' },
    ]);
    expect(
      launcherSpecs(eps, '3.11.7', {}).map((s) => `${s.name}=${s.module}:${s.attrs}${s.gui ? ' gui' : ''}`),
    ).toEqual([
      'pip=pip._internal:main',
      'pip3=pip._internal:main',
      'pip3.11=pip._internal:main',
      'tool=a.b:c',
      'g=a:b gui',
    ]);
    expect(() => scriptSpec({ group: 'console_scripts', name: 'x', value: 'module.only' }, false)).toThrow(
      'invalid script entry point "x = module.only": a callable suffix (module:function) is required',
    );
  });

  it('formats RECORD as csv.writer does and reads it back', () => {
    const rows = [
      { path: 'b.py', hash: 'sha256=x', size: '1' },
      { path: 'a,"q".py', hash: 'sha256=y', size: '2' },
      { path: 'a.dist-info/RECORD', hash: '', size: '' },
    ];
    const text = formatRecord(rows);
    expect(text).toBe('"a,""q"".py",sha256=y,2\r\na.dist-info/RECORD,,\r\nb.py,sha256=x,1\r\n');
    expect(parseRecord(text)).toEqual([rows[1], rows[2], rows[0]]);
  });
});

describe('a venv path with a space', () => {
  let work: string;
  let ready = false;
  beforeAll(() => {
    work = mkdtempSync(join(tmpdir(), 'wh-space-'));
    mkdirSync(join(work, 'with space'));
    mkdirSync(join(work, 'wheels'));
    ready =
      makeVenv(join(work, 'with space', 'ours')) !== undefined &&
      makeVenv(join(work, 'with space', 'pips')) !== undefined;
  }, 120_000);
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  it('writes the same trampoline launchers as pip, and #!python scripts that run', async () => {
    if (!ready) {
      console.warn('skipped: no python3 with the venv module on this machine');
      return;
    }
    const wheel = buildWheel({
      name: 'spacey',
      version: '1.0',
      files: [
        { path: 'spacey/cli.py', text: 'def main():\n    print("hi")\n    return 7\n' },
        {
          path: dataPath('spacey', '1.0', 'scripts', 'spacey-script'),
          text: '#!python\nimport sys\nsys.exit(6)\n',
          mode: 0o100755,
        },
      ],
      entryPoints: '[console_scripts]\nspacey = spacey.cli:main\n',
    });
    const path = writeWheel(join(work, 'wheels'), wheel);
    const ours = join(work, 'with space', 'ours');
    const pips = join(work, 'with space', 'pips');
    const interpreter = await probeInterpreter(venvPython(ours), { env: pipEnv() });
    const installer = await openInstaller({ interpreter, logger: silentLogger, env: pipEnv() });
    void installer.add({
      wheelPath: path,
      filename: wheel.filename,
      sha256: wheel.sha256,
      name: 'spacey',
      version: '1.0',
      requested: true,
    });
    await installer.finish();
    pip(pips, ['install', '--no-deps', '--no-index', '--no-compile', path]);

    const launcher = (venv: string) =>
      readFileSync(join(venv, 'bin', 'spacey'), 'utf8')
        .split(venv)
        .join('<VENV>');
    expect(launcher(ours)).toBe(launcher(pips));
    expect(launcher(ours).startsWith(`#!/bin/sh\n'''exec' "<VENV>/bin/python" "$0" "$@"\n' '''\n`)).toBe(
      true,
    );
    const run = (file: string) => spawnSync(file, [], { encoding: 'utf8' });
    expect([run(join(ours, 'bin', 'spacey')).status, run(join(ours, 'bin', 'spacey')).stdout]).toEqual([
      7,
      'hi\n',
    ]);
    expect(run(join(pips, 'bin', 'spacey')).status).toBe(7);
    expect(run(join(ours, 'bin', 'spacey-script')).status).toBe(6);

    // The launchers Windows needs come from the target's own distlib; on POSIX that path must give
    // the very same files as the native one (and as pip).
    const viaDistlib = await openInstaller({
      interpreter,
      logger: silentLogger,
      env: pipEnv(),
      reinstall: true,
      launchers: 'distlib',
    });
    void viaDistlib.add({
      wheelPath: path,
      filename: wheel.filename,
      sha256: wheel.sha256,
      name: 'spacey',
      version: '1.0',
      requested: true,
    });
    await viaDistlib.finish();
    expect(launcher(ours)).toBe(launcher(pips));
    const record = (venv: string) =>
      readFileSync(
        join(interpreter.paths.purelib.replace(ours, venv), 'spacey-1.0.dist-info', 'RECORD'),
        'utf8',
      );
    expect(record(ours)).toMatch(/^\.\.\/\.\.\/\.\.\/bin\/spacey,sha256=[\w-]+,\d+\r$/m);
    expect(run(join(ours, 'bin', 'spacey')).status).toBe(7);

    // Without pip in the target there is no distlib: a clear refusal, nothing installed.
    const bare = join(work, 'with space', 'bare');
    spawnSync('python3', ['-m', 'venv', '--without-pip', bare]);
    const bareInterpreter = await probeInterpreter(venvPython(bare), { env: pipEnv() });
    const noPip = await openInstaller({
      interpreter: bareInterpreter,
      logger: silentLogger,
      env: pipEnv(),
      launchers: 'distlib',
    });
    void noPip.add({
      wheelPath: path,
      filename: wheel.filename,
      sha256: wheel.sha256,
      name: 'spacey',
      version: '1.0',
      requested: true,
    });
    await expect(noPip.finish()).rejects.toThrow(
      /spacey-1\.0-py3-none-any\.whl: "spacey-1\.0\.dist-info\/entry_points\.txt": the target interpreter's pip \(distlib\) could not make the entry point launchers \(ModuleNotFoundError: No module named 'pip'\)/,
    );
    expect(spawnSync(venvPython(bare), ['-c', 'import spacey']).status).not.toBe(0);
  }, 120_000);
});
