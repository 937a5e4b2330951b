/**
 * The files asked for with `--lock`, `--report` and `--pylock` (`-`: standard output, as pip's
 * `--report -`), and `fetch`/`install`'s copies of the wheelhouse's own three files to them.
 */
import { dirname, resolve } from 'node:path';
import type { FetchResult } from '../flow/fetch.js';
import { writeOutputFile, type OutputFile, type OutputOption } from '../flow/output-files.js';
import type { ParsedArgs } from './args.js';
import type { CliIo } from './cli-io.js';

/**
 * `fetch --lock/--report/--pylock FILE`: the wheelhouse holds the three files (not an install that
 * used find-links wheels where they are); these options write a copy of each where asked (relative
 * to the working directory), after the run succeeded.
 */
export async function writeRequestedCopies(
  args: ParsedArgs,
  result: FetchResult,
  io: CliIo,
): Promise<boolean> {
  // The run's own texts, not read back from the wheelhouse: an install that used find-links wheels
  // where they are wrote none there (fetch-types.ts `inPlace`).
  const sources = {
    '--lock': result.texts.lock,
    '--report': result.texts.report,
    '--pylock': result.texts.pylock,
  };
  // A pylock's local project paths are relative to its own directory (PEP 751): made for where the
  // copy goes, not copied from the wheelhouse's (review 15e F8); on stdout, relative to the working
  // directory, as `resolve --pylock -` writes them.
  const pylockIn = result.texts.pylockIn;
  for (const file of requestedOutputs(args, io)) {
    const text =
      file.option === '--pylock' && pylockIn !== undefined
        ? pylockIn(dirname(file.path))
        : sources[file.option];
    await writeOutputFile(file, text);
  }
  // `-` as pip's --report takes it: the text on stdout (then nothing else is printed there).
  const toStdout = stdoutOutputs(args);
  for (const kind of toStdout)
    io.stdout.write(kind === 'pylock' && pylockIn !== undefined ? pylockIn(io.cwd) : sources[`--${kind}`]);
  return toStdout.length > 0;
}

/** The output path that means standard output (pip: "When - is used as file name it writes to stdout"). */
export const STDOUT = '-';

/** The outputs asked for on standard output (`-`). */
export function stdoutOutputs(args: ParsedArgs): ('lock' | 'report' | 'pylock')[] {
  return (['lock', 'report', 'pylock'] as const).filter((kind) => args[kind] === STDOUT);
}

/** The files asked for with --lock/--report/--pylock, as absolute paths (`-` is stdout, no file). */
export function requestedOutputs(args: ParsedArgs, io: CliIo): OutputFile[] {
  const asked: [OutputOption, string | undefined][] = [
    ['--lock', args.lock],
    ['--report', args.report],
    ['--pylock', args.pylock],
  ];
  return asked.flatMap(([option, path]) =>
    path === undefined || path === STDOUT ? [] : [{ option, path: resolve(io.cwd, path) }],
  );
}
