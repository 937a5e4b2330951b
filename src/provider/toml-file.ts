/**
 * TOML input files (pyproject.toml, uv.lock, pylock.toml) parsed with smol-toml (TOML 1.0). A syntax
 * error names the file, line and column. Nesting is bounded (hostile input must not exhaust the
 * stack) and `__proto__`-like keys are refused rather than kept on plain objects.
 */
import { parse, TomlError } from 'smol-toml';
import type { TomlTable } from '../standards/pyproject.js';

/** Inline arrays/tables nested deeper than this are refused (real files nest 3–4 deep). */
export const TOML_MAX_DEPTH = 64;

export class TomlFileError extends Error {
  override name = 'TomlFileError';
}

export function parseTomlText(file: string, text: string): TomlTable {
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
