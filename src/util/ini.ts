/**
 * The INI dialect of Python's configparser (RawConfigParser defaults), as pip reads pip.conf /
 * pip.ini: `[section]` headers; `key = value` or `key: value` (split at the first `=` or `:`);
 * keys lower-cased; whole-line comments starting with `#` or `;` (inline comments are kept as
 * text, as configparser does without inline_comment_prefixes); an indented line continues the
 * previous value (joined with a newline); blank lines end nothing. A later key in a section
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
  let section: Map<string, string> | undefined;
  let lastKey: string | undefined;
  const lines = text.replace(/^\uFEFF/, '').split(/\r\n|\n|\r/);
  lines.forEach((raw, i) => {
    const n = i + 1;
    const trimmed = raw.trim();
    if (trimmed === '' || trimmed.startsWith('#') || trimmed.startsWith(';')) return;
    if (/^\s/.test(raw) && section !== undefined && lastKey !== undefined) {
      const prev = section.get(lastKey) ?? '';
      section.set(lastKey, prev === '' ? trimmed : `${prev}\n${trimmed}`);
      return;
    }
    const header = /^\[([^\]]+)\]\s*$/.exec(trimmed);
    if (header !== null) {
      const name = header[1] as string;
      section = doc.get(name) ?? new Map<string, string>();
      doc.set(name, section);
      lastKey = undefined;
      return;
    }
    const sep = trimmed.search(/[=:]/);
    if (sep <= 0)
      throw new IniSyntaxError(
        n,
        `expected [section] or key = value, got ${JSON.stringify(trimmed.slice(0, 60))}`,
      );
    if (section === undefined) throw new IniSyntaxError(n, 'key = value before any [section] header');
    lastKey = trimmed.slice(0, sep).trim().toLowerCase();
    section.set(lastKey, trimmed.slice(sep + 1).trim());
  });
  return doc;
}
