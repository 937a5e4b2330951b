/**
 * The node arguments that run the CLI from its TypeScript sources (src/cli.ts through
 * bench/register-swc.mjs), followed by `args`: for tests that spawn the CLI as a child process.
 */
import { join, resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '..', '..');

export function cliFromSource(...args: string[]): string[] {
  return ['--import', join(ROOT, 'bench', 'register-swc.mjs'), join(ROOT, 'src', 'cli.ts'), ...args];
}
