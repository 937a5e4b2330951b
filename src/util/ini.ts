/**
 * The INI dialect of Python's configparser (RawConfigParser defaults, Python 3.11 `_read`), as pip
 * reads pip.conf / pip.ini: `[section]` headers (the name is what lies between the `[` at the start
 * and the last `]`, so `[global]  # note` is `global`); `key = value` or `key: value` (split at the
 * first `=` or `:`); keys lower-cased; whole-line comments starting with `#` or `;` (inline comments
 * are kept as text, as configparser does without inline_comment_prefixes); a line indented deeper
 * than the line that started the key continues its value (joined with a newline) — one indented
 * alike starts a new key; blank lines end nothing (empty_lines_in_values). `[DEFAULT]`'s keys apply
 * to every other section of the file (read first, the section's own after) and it is no section
 * itself (review 15a F4). A later key in a section
 * replaces an earlier one (configparser would refuse the duplicate; pip then ignores the file — here
 * the file still counts, with the last value). A line that is none of these is an error with its
 * line number.
 */

export class IniSyntaxError extends Error {
  override name = 'IniSyntaxError';
  constructor(
    readonly line: number,
    readonly reason: string,
  ) {
    super(`line ${line}: ${reason}`);
  }
}

/** Section name → key → value. Sections and keys in file order. */
export type IniDocument = Map<string, Map<string, string>>;

export function parseIni(text: string): IniDocument {
  const doc: IniDocument = new Map();
  const defaults = new Map<string, string[]>();
  const sections = new Map<string, Map<string, string[]>>();
  let section: Map<string, string[]> | undefined;
  let lastKey: string | undefined;
  // The indentation of the line that started the current key: a continuation is indented deeper.
  let indentLevel = Number.MAX_SAFE_INTEGER;
  const lines = text.replace(/^\uFEFF/, '').split(/\r\n|\n|\r/);
  lines.forEach((raw, i) => {
    const n = i + 1;
    const trimmed = raw.trim();
    const comment = trimmed.startsWith('#') || trimmed.startsWith(';');
    if (trimmed === '' || comment) {
      // empty_lines_in_values: a blank line (not a comment) is part of the value being read.
      if (!comment && section !== undefined && lastKey !== undefined) section.get(lastKey)?.push('');
      return;
    }
    const indent = raw.length - raw.trimStart().length;
    if (section !== undefined && lastKey !== undefined && indent > indentLevel) {
      section.get(lastKey)?.push(trimmed);
      return;
    }
    indentLevel = indent;
    // SECTCRE `\[(?P<header>.+)\]`, matched at the start of the stripped line: what follows the
    // last `]` (a comment) is not part of the name.
    const header = /^\[(.+)\]/.exec(trimmed);
    if (header !== null) {
      const name = header[1] as string;
      if (name === 'DEFAULT') section = defaults;
      else {
        section = sections.get(name) ?? new Map<string, string[]>();
        sections.set(name, section);
      }
      lastKey = undefined;
      return;
    }
    if (section === undefined) throw new IniSyntaxError(n, 'key = value before any [section] header');
    // OPTCRE `(?P<option>.*?)\s*(?P<vi>=|:)\s*(?P<value>.*)$`: split at the first `=` or `:`.
    const sep = trimmed.search(/[=:]/);
    if (sep <= 0)
      throw new IniSyntaxError(
        n,
        `expected [section] or key = value, got ${JSON.stringify(trimmed.slice(0, 60))}`,
      );
    lastKey = trimmed.slice(0, sep).trim().toLowerCase();
    section.set(lastKey, [trimmed.slice(sep + 1).trim()]);
  });
  // A value's lines joined with newlines, trailing white space removed (_join_multiline_values);
  // every section holds the [DEFAULT] keys first, its own after (RawConfigParser.items(section)).
  const join = (v: string[]): string => v.join('\n').trimEnd();
  for (const [name, keys] of sections) {
    const out = new Map<string, string>();
    for (const [k, v] of defaults) out.set(k, join(v));
    for (const [k, v] of keys) out.set(k, join(v));
    doc.set(name, out);
  }
  return doc;
}
