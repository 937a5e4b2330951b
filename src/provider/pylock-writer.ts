/**
 * A PEP 751 lock file (`pylock.toml`, lock-version "1.0") for one explicit target environment.
 *
 * Written keys, in the order the specification lists them: top level `lock-version`, `environments`
 * (one marker expression describing the target), `requires-python`, `created-by`, then one
 * `[[packages]]` table per package with `name`, `version`, `requires-python`, and either
 * `[[packages.wheels]]` (`name`, `url`, `size`, `hashes`) or `[packages.sdist]` with the same keys,
 * or for a direct URL (`name @ URL`) `[packages.archive]` (`url`, `size`, `hashes`).
 * Not written: `extras`, `dependency-groups`, `default-groups`, `dependencies`, `index`,
 * `upload-time`, attestation identities and `[tool]` (all optional in PEP 751).
 *
 * The TOML is serialized here (PEP 751 asks tools to write keys and arrays in a consistent order to
 * keep diffs small): packages sorted by name, basic strings escaped per TOML 1.0, `\n` line ends.
 * Only public URLs are written (src/index/redact.ts `publicUrl`: no userinfo, no query, the run's
 * secrets masked), so the file stays usable with credentials from netrc or the environment.
 */
import { isAbsolute, relative, resolve, sep } from 'node:path';
import { publicUrl } from '../index/redact.js';
import { pipQuotedUrl } from './pip-quoted-url.js';
import type { LocalProject } from './project-inputs.js';
import type { Resolution, ResolvedFile } from './resolution.js';

export interface PylockWriterOptions {
  /** `created-by`: the tool name (PEP 751 says the tool's name, not its version). */
  createdBy?: string;
  /** A PEP 508 marker expression that is true only for the target, e.g. `sys_platform == 'linux' and ...`. */
  environment?: string;
  /** The target's Python as a specifier, e.g. `==3.11.*`. */
  requiresPython?: string;
  /** Local projects: `[[packages]]` with a `[packages.directory]` table (PEP 751), no files. */
  localProjects?: readonly LocalProject[];
  /**
   * Where the lock is written and where the local projects' relative paths are taken from: PEP
   * 751 reads `packages.directory.path` relative to the lock file's directory, so a relative path
   * is rewritten from `cwd` to `lockDirectory` (POSIX separators). Absent (a lock on standard
   * output): paths as written, relative to the working directory.
   */
  paths?: { cwd: string; lockDirectory: string };
}

/** A local project's path for `packages.directory.path` (see PylockWriterOptions.paths). */
function directoryPath(path: string, paths: PylockWriterOptions['paths']): string {
  if (paths === undefined || isAbsolute(path)) return path;
  const rebased = relative(paths.lockDirectory, resolve(paths.cwd, path)).split(sep).join('/');
  return rebased === '' ? '.' : rebased;
}

/** TOML 1.0 basic string: `"` and `\` escaped, control characters as `\uXXXX` or short escapes. */
export function tomlString(value: string): string {
  let out = '"';
  for (const ch of value) {
    const code = ch.codePointAt(0) as number;
    if (ch === '"') out += '\\"';
    else if (ch === '\\') out += '\\\\';
    else if (ch === '\n') out += '\\n';
    else if (ch === '\t') out += '\\t';
    else if (ch === '\r') out += '\\r';
    else if (code < 0x20 || code === 0x7f) out += `\\u${code.toString(16).padStart(4, '0').toUpperCase()}`;
    else out += ch;
  }
  return out + '"';
}

function tomlKey(key: string): string {
  return /^[A-Za-z0-9_-]+$/.test(key) ? key : tomlString(key);
}

function inlineTable(record: Record<string, string>): string {
  const keys = Object.keys(record).sort();
  if (keys.length === 0) return '{}';
  return `{ ${keys.map((k) => `${tomlKey(k)} = ${tomlString(record[k] as string)}`).join(', ')} }`;
}

/**
 * One file's keys. A file found on an index or a find-links page: its URL quoted as pip quotes a
 * collected link (`+` → `%2B`, as pip 26 `pip lock` writes it); a `name @ URL` the user gave:
 * `[packages.archive]` (no `name` key in that table), the URL as written (review 18a F5).
 */
function fileLines(file: ResolvedFile, direct: boolean): string[] {
  const url = direct ? publicUrl(file.redactedUrl) : publicUrl(pipQuotedUrl(publicUrl(file.redactedUrl)));
  const lines = direct ? [] : [`name = ${tomlString(file.filename)}`];
  lines.push(`url = ${tomlString(url)}`);
  if (file.size !== undefined) lines.push(`size = ${Math.trunc(file.size)}`);
  lines.push(`hashes = ${inlineTable({ sha256: file.sha256.toLowerCase() })}`);
  return lines;
}

export function writePylock(resolution: Resolution, options: PylockWriterOptions = {}): string {
  const out: string[] = ['lock-version = "1.0"'];
  if (options.environment !== undefined) out.push(`environments = [${tomlString(options.environment)}]`);
  if (options.requiresPython !== undefined)
    out.push(`requires-python = ${tomlString(options.requiresPython)}`);
  out.push(`created-by = ${tomlString(options.createdBy ?? 'wheelhouse')}`);
  const packages = [...resolution.packages].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const pkg of packages) {
    out.push('', '[[packages]]', `name = ${tomlString(pkg.name)}`, `version = ${tomlString(pkg.version)}`);
    if (pkg.requiresPython !== undefined && pkg.requiresPython !== '') {
      out.push(`requires-python = ${tomlString(pkg.requiresPython)}`);
    }
    // A wheel wheelhouse built locally has no URL: the lock names the sdist it came from.
    const source = pkg.builtFrom ?? pkg.file;
    // PEP 751 `packages.archive`: "a direct reference to an archive file" — a `name @ URL`.
    if (pkg.isDirect) out.push('', '[packages.archive]', ...fileLines(source, true));
    else if (source.kind === 'wheel') out.push('', '[[packages.wheels]]', ...fileLines(source, false));
    else out.push('', '[packages.sdist]', ...fileLines(source, false));
  }
  for (const p of [...(options.localProjects ?? [])].sort((a, b) =>
    a.name < b.name ? -1 : a.name > b.name ? 1 : 0,
  )) {
    out.push('', '[[packages]]', `name = ${tomlString(p.name)}`, '', '[packages.directory]');
    out.push(
      `path = ${tomlString(directoryPath(p.path, options.paths))}`,
      `editable = ${p.editable ? 'true' : 'false'}`,
    );
  }
  return out.join('\n') + '\n';
}
