/**
 * TOML input files (pyproject.toml, uv.lock, pylock.toml) parsed with smol-toml (TOML 1.0). A syntax
 * error names the file, line and column. Nesting is bounded (hostile input must not exhaust the
 * stack) and `__proto__`-like keys are refused rather than kept on plain objects.
 *
 * Bounded (review 18a F8): the parsed document costs far more memory than the text — measured with
 * smol-toml on 8 MiB inputs, ~80–540 bytes of RSS per key, table or array element depending on the
 * shape (one table of 850,000 keys: 510 MB; 2.8 million `{}` elements: 660 MB), while real locks
 * hold ~33,000 structural tokens per MiB (docling's 1.9 MB uv.lock: 62,000). So before parsing,
 * the structural tokens outside strings and comments — `=`, `{`, `[`, `,` and `.` (every key,
 * table, dotted-key part and array element is one of them) — are counted, and a file with more
 * than TOML_MAX_TOKENS is refused naming the file and the limit; the byte limit of a TOML input is
 * TOML_INPUT_BYTES. Numbers and the measurement: docs/benchmarks.md "Review 18a F8".
 */
import { parse, TomlError } from 'smol-toml';
import type { TomlTable } from '../standards/pyproject.js';

/** Inline arrays/tables nested deeper than this are refused (real files nest 3–4 deep). */
export const TOML_MAX_DEPTH = 64;

/** Bytes of one TOML input file (real uv.lock files of big workspaces are ~1–5 MB). */
export const TOML_INPUT_BYTES = 16 * 1024 * 1024;

/**
 * Structural tokens (`=`, `{`, `[`, `,`, `.` outside strings and comments) of one TOML input: at
 * the costliest shape measured (~600 bytes each) this keeps the CLI near 230 MB RSS; real locks
 * have ~33,000 per MiB (docling's 1.9 MB uv.lock: 62,000), so this admits a real lock of ~9 MB.
 */
export const TOML_MAX_TOKENS = 300_000;

export class TomlFileError extends Error {
  override name = 'TomlFileError';
}

const EQ = 0x3d;
const LBRACE = 0x7b;
const LBRACKET = 0x5b;
const COMMA = 0x2c;
const DOT = 0x2e;
const HASH = 0x23;
const DQ = 0x22;
const SQ = 0x27;
const BACKSLASH = 0x5c;
const NL = 0x0a;

/**
 * The count of structural tokens outside strings and comments, stopping once it passes `limit`.
 * A lexical scan only (basic and literal strings, their multi-line forms, `\` escapes in basic
 * strings, `#` comments); malformed text is left for the parser to refuse.
 */
export function tomlTokenCount(text: string, limit = Infinity): number {
  let count = 0;
  const n = text.length;
  let i = 0;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c === DQ || c === SQ) {
      const multi = text.charCodeAt(i + 1) === c && text.charCodeAt(i + 2) === c;
      const escapes = c === DQ;
      i += multi ? 3 : 1;
      while (i < n) {
        const d = text.charCodeAt(i);
        if (escapes && d === BACKSLASH) {
          i += 2;
          continue;
        }
        if (!multi && d === NL) break;
        if (d === c) {
          if (!multi) {
            i += 1;
            break;
          }
          if (text.charCodeAt(i + 1) === c && text.charCodeAt(i + 2) === c) {
            // Up to two more quotes may belong to the string (`""""` ends with a quote in it).
            i += 3;
            while (i < n && text.charCodeAt(i) === c) i += 1;
            break;
          }
        }
        i += 1;
      }
      continue;
    }
    if (c === HASH) {
      while (i < n && text.charCodeAt(i) !== NL) i += 1;
      continue;
    }
    if (c === EQ || c === LBRACE || c === LBRACKET || c === COMMA || c === DOT) {
      count += 1;
      if (count > limit) return count;
    }
    i += 1;
  }
  return count;
}

export function parseTomlText(file: string, text: string): TomlTable {
  if (tomlTokenCount(text, TOML_MAX_TOKENS) > TOML_MAX_TOKENS) {
    throw new TomlFileError(
      `${file}: more than ${TOML_MAX_TOKENS} TOML keys, tables and values (the limit for a TOML input, which bounds the memory its parse takes)`,
    );
  }
  try {
    return parse(text, { maxDepth: TOML_MAX_DEPTH, unsafeKeyBehaviour: 'throw' }) as TomlTable;
  } catch (error) {
    if (error instanceof TomlError) {
      const first = error.message.split('\n')[0] ?? error.message;
      throw new TomlFileError(`${file}:${error.line}:${error.column}: invalid TOML: ${first}`);
    }
    if (error instanceof RangeError) throw new TomlFileError(`${file}: invalid TOML: nested too deeply`);
    throw error;
  }
}
