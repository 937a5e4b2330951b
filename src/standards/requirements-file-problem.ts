/**
 * Problems found in pip requirements files (see requirements-file.ts): where each is (file,
 * 1-based line and column in the physical line), what is wrong, and the offending text as
 * written; all of them thrown together as one RequirementsFileError whose message has one
 * `path:line:col: message: text` per line. Passwords in `scheme://user:password@host` URLs are
 * masked in everything shown.
 * Not supported: nothing beyond that.
 */

/** A place in a requirements file: the path as given (or as joined for included files), 1-based. */
export interface SourceLocation {
  file: string;
  line: number;
  column: number;
}

export interface RequirementsFileProblem {
  file: string;
  /** 1-based; 0 when the problem is the file as a whole (the top file could not be read). */
  line: number;
  column: number;
  message: string;
  /** The offending text as written in the file (before `${VAR}` expansion). */
  text: string;
}

/** Hides the password of `scheme://user:password@host` URLs in text shown to people. */
export function redactCredentials(text: string): string {
  return text.replace(
    // The look-behind keeps it linear on a long run of scheme-like characters (`a.a.a…`): a match
    // starts where the run starts (what runs before the scheme is kept as written).
    /(?<![A-Za-z0-9+.-])([A-Za-z0-9+.-]+:\/\/)([^/@\s]*)@/g,
    (_m, scheme: string, userinfo: string) => {
      const colon = userinfo.indexOf(':');
      return `${scheme}${colon >= 0 ? `${userinfo.slice(0, colon)}:****` : '****'}@`;
    },
  );
}

export function formatProblem(p: RequirementsFileProblem): string {
  const where = p.line > 0 ? `${p.file}:${p.line}:${p.column}` : p.file;
  return p.text === '' ? `${where}: ${p.message}` : `${where}: ${p.message}: ${p.text}`;
}

export class RequirementsFileError extends Error {
  constructor(readonly problems: RequirementsFileProblem[]) {
    super(problems.map(formatProblem).join('\n'));
    this.name = 'RequirementsFileError';
  }
}
