/**
 * Which lock file a requirement input is, by its name alone: its own module so that a run whose
 * input is not a lock does not load the lock readers before its first request (issue 14 §2
 * start-up; prepare.ts loads lock-input.ts only for a lock).
 */
export type LockKind = 'uv' | 'pylock';

/** `uv.lock`, or PEP 751's `pylock.toml` / `pylock.<name>.toml`, by the file's name. */
export function lockKindOf(path: string): LockKind | undefined {
  const base = path.split(/[/\\]/).pop() ?? '';
  if (base === 'uv.lock') return 'uv';
  if (/^pylock\.([^.]+\.)?toml$/.test(base)) return 'pylock';
  return undefined;
}
