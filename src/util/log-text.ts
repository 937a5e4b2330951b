/**
 * The one escaping step of every line wheelhouse prints (the CLI's stderr logger, the action's
 * core logger, failure messages): text that came from an index or a file (a distribution file
 * name, a yanked reason, a Requires-Python value, a METADATA field) must not drive the terminal or
 * the workflow runner.
 *
 *   - Control characters other than newline and tab (ESC starts ANSI sequences; CR rewrites the
 *     line; NUL, BEL, backspace…), DEL, the C1 controls (U+0080–U+009F; U+009B is a one-byte CSI),
 *     Unicode format characters (bidi overrides, zero-width marks) and the line/paragraph
 *     separators U+2028/U+2029 are written as `\xNN` / `\u{NNNN}`.
 *   - A line whose first non-blank characters are `::` would be a workflow command for the GitHub
 *     Actions runner (`::error::`, `::add-mask::`, `::stop-commands::`…; it reads commands from
 *     the step's stdout and stderr lines): its first colon is written as `\x3a`.
 *   - `##[` anywhere in a line is the runner's legacy command form (actions/runner
 *     ActionCommandManager falls back to ActionCommand.TryParse, which looks for `##[` with IndexOf:
 *     `##[set-output name=…;]…`, `##[add-mask]…`; review 15a F13): its second `#` is written as `\x23`.
 *
 * Newlines stay: messages are multi-line on purpose; the `::` rule covers a newline smuggled in by
 * a yanked reason. Escaping is idempotent on its own output only in the sense that it never makes
 * a line unsafe; a backslash itself is not escaped (it controls nothing).
 */

const UNSAFE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u2028\u2029]|\p{Cf}/gu;
const WORKFLOW_COMMAND = /^([ \t]*):(?=:)/gm;
const LEGACY_COMMAND = /(?<=#)#(?=\[)/g;

function escapeChar(c: string): string {
  const code = c.codePointAt(0) as number;
  return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u{${code.toString(16)}}`;
}

export function escapeLogText(text: string): string {
  return text
    .replace(UNSAFE, escapeChar)
    .replace(WORKFLOW_COMMAND, '$1\\x3a')
    .replace(LEGACY_COMMAND, '\\x23');
}
