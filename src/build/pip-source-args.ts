/**
 * How a source (an sdist file, a project directory) and its requirement's build options reach a
 * pip command line without the options' values being on it: a process's arguments are readable by
 * every local user (`/proc/<pid>/cmdline`), and a `--config-settings` value may be a secret
 * expanded from a `${VAR}` of the requirements file (review 2 s11 #4).
 *
 * With options, pip gets `-r <file>`: a requirements file in a fresh private directory (0700, the
 * file 0600) whose one line is the source's `file:` URL followed by the options — the form the user
 * wrote them in, which pip 23.2 reads per requirement (req_file.py SUPPORTED_OPTIONS_REQ:
 * `--config-settings` to that requirement's PEP 517 hooks; a line's `--global-option` implies
 * `--no-binary :all:` as the command line's does, and, unlike the command line's, reaches no build:
 * wheel.py / install.py pass only `options.global_options` to the builder). The line is written so
 * pip's preprocessing leaves it as meant: a UTF-8 BOM (pip's `auto_decode` then reads UTF-8 whatever
 * the locale), every character of a value other than `[A-Za-z0-9_=.,:/+@%-]` escaped with a
 * backslash (`shlex.split` removes it; no `${NAME}` for `expand_env_variables`, no whitespace
 * before a `#` for COMMENT_RE) — white space single-quoted instead, which pip's `strip()` cannot
 * reach —, and a trailing space so the line never ends in a backslash (`join_lines`). A value holding a character Python's `splitlines` breaks on cannot be written on
 * one line: then the options go on the command line, as before.
 *
 * The directory goes when pip is done, or at the latest when the process exits (an interrupted run:
 * the termination handler ends the pips, then exits).
 */
import { rmSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { runSecrets } from '../index/redact.js';

export interface PipSourceArgs {
  /** The arguments naming the source (and its options) for pip. */
  args: string[];
  /** Removes the private file, if one was written. */
  dispose(): Promise<void>;
}

/** The escaped spellings of run secrets registered here (never escaped again). */
const escapedForms = new Set<string>();

/** Directories written and not yet removed, removed on exit. */
const live = new Set<string>();
let removeOnExit = false;

function track(dir: string): () => Promise<void> {
  live.add(dir);
  if (!removeOnExit) {
    removeOnExit = true;
    process.once('exit', () => {
      for (const d of live) rmSync(d, { recursive: true, force: true });
    });
  }
  return async () => {
    await rm(dir, { recursive: true, force: true });
    live.delete(dir);
  };
}

/** Characters `str.splitlines` ends a line at. */
const LINE_BREAK = /[\n\r\v\f\x1c-\x1e\x85\u2028\u2029]/u;

/**
 * Characters Python's `str.isspace` answers true for that are not line breaks: pip's `strip()` of
 * a line would take an escaped one at its end along with the guard space, leaving a lone backslash
 * (review 4 s12), so these go inside single quotes instead (shlex keeps them; the quote, not a
 * space, then ends the line).
 */
const PYTHON_SPACE = /[\t \x1f\xa0\u1680\u2000-\u200a\u202f\u205f\u3000]/u;

/**
 * One shell word: every character but `[A-Za-z0-9_=.,:/+@%-]` backslash-escaped, white space
 * single-quoted. Each character's form depends on that character alone, so the word of a secret
 * is found inside the word of a value holding it (what pip may quote back in an error).
 */
export function escapedWord(value: string): string {
  return value.replace(/[^A-Za-z0-9_=.,:/+@%-]/gu, (c) => (PYTHON_SPACE.test(c) ? `'${c}'` : `\\${c}`));
}

/** The line of the private requirements file: the source's URL, then the options. */
export function requirementLine(source: string, pipOptions: readonly string[]): string {
  return `${pathToFileURL(source).href} ${pipOptions.map(escapedWord).join(' ')} \n`;
}

export async function pipSourceArgs(
  source: string,
  pipOptions: readonly string[] | undefined,
): Promise<PipSourceArgs> {
  const options = pipOptions ?? [];
  const none = async (): Promise<void> => {};
  if (options.length === 0) return { args: [source], dispose: none };
  if (options.some((o) => LINE_BREAK.test(o))) return { args: [...options, source], dispose: none };
  // pip quotes a line it cannot read back in its error, in this escaped form: the run's secrets
  // are masked in that form too (review 4 s12).
  // Only the secrets themselves are escaped, each once — never a form made here: escaping those
  // again on every build grew the registry exponentially (review 6 s12).
  for (const secret of runSecrets.snapshot()) {
    if (escapedForms.has(secret)) continue;
    const escaped = escapedWord(secret);
    if (escaped === secret || escapedForms.has(escaped)) continue;
    escapedForms.add(escaped);
    runSecrets.addExact(escaped);
  }
  // mkdtemp makes the directory 0700: no other user can read the file or replace it.
  const dir = await mkdtemp(join(tmpdir(), 'wheelhouse-pip-options-'));
  const dispose = track(dir);
  try {
    const file = join(dir, 'requirement.txt');
    await writeFile(file, `\uFEFF${requirementLine(source, options)}`, { mode: 0o600, flag: 'wx' });
    return { args: ['-r', file], dispose };
  } catch (error) {
    await dispose();
    throw error;
  }
}
