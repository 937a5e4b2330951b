// cli.ts answers --version, --help and the empty command line before it loads the rest of the CLI
// (issue 14 §2 start-up): the same text and exit code as runCli gives for them.
import { describe, expect, it } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import { runCli } from '../../src/cli/run.js';
import { cliFromSource } from '../helpers/cli-from-source.js';

async function inProcess(argv: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await runCli(argv, {
    stdout: { write: (t: string) => ((stdout += t), true) } as never,
    stderr: { write: (t: string) => ((stderr += t), true) } as never,
  });
  return { code, stdout, stderr };
}

describe('cli.ts early answers', () => {
  it.each([[['--version']], [['-V']], [['--help']], [['help', 'fetch']], [['resolve', '--help']], [[]]])(
    '%j: same output and exit code as runCli',
    async (argv) => {
      const env: Record<string, string> = {
        PATH: process.env.PATH ?? '',
        HOME: '/nonexistent',
        PIP_CONFIG_FILE: '/dev/null',
      };
      const child = spawnSync(process.execPath, cliFromSource(...argv), {
        env,
        encoding: 'utf8',
        timeout: 60_000,
      });
      const expected = await inProcess(argv);
      expect({ code: child.status, stdout: child.stdout, stderr: child.stderr }).toEqual(expected);
    },
  );
});
