/**
 * Per-host memory of what a file host can do with byte ranges (RFC 9110 §14), so one refusal
 * costs one wasted request per host, not one per wheel:
 *   - `ranges: false`  the host ignores Range (200 + whole body), lies in Content-Range, or fails
 *                      range requests: download whole files there;
 *   - `suffix: false`  the host refuses suffix ranges `bytes=-N` (the main public CDN answers 501):
 *                      learn the size first (HEAD, or `bytes=0-0`) and use positive ranges;
 *   - `head: false`    the host refuses HEAD (405): learn the size from `bytes=0-0` instead.
 * Keys are `host[:port]` from the URL (never userinfo). Persistable as JSON so later runs start
 * informed; unknown fields and versions are ignored when loading.
 */
import { mkdir, readFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { writeFileAtomic } from '../util/atomic-file.js';

export interface HostCapability {
  ranges?: boolean;
  suffix?: boolean;
  head?: boolean;
  /** Why the last `false` was recorded, for logs and reports. */
  reason?: string;
}

interface MemoFile {
  version: 1;
  hosts: Record<string, HostCapability>;
}

export class CapabilityMemo {
  private readonly hosts = new Map<string, HostCapability>();

  /** The host key of a URL: `host[:port]`, lower case, without userinfo. */
  static hostOf(url: string | URL): string {
    return new URL(String(url)).host.toLowerCase();
  }

  get(host: string): HostCapability {
    return { ...(this.hosts.get(host) ?? {}) };
  }

  /** Records facts learned about a host (merged into what is known). */
  record(host: string, facts: Omit<HostCapability, 'reason'>, reason?: string): void {
    const next = { ...(this.hosts.get(host) ?? {}), ...facts };
    if (reason !== undefined) next.reason = reason;
    this.hosts.set(host, next);
  }

  toJSON(): MemoFile {
    const hosts: Record<string, HostCapability> = {};
    for (const [host, cap] of [...this.hosts].sort(([a], [b]) => a.localeCompare(b)))
      hosts[host] = { ...cap };
    return { version: 1, hosts };
  }

  static fromJSON(value: unknown): CapabilityMemo {
    const memo = new CapabilityMemo();
    const file = value as Partial<MemoFile> | null;
    if (file === null || typeof file !== 'object' || file.version !== 1 || typeof file.hosts !== 'object')
      return memo;
    for (const [host, cap] of Object.entries(file.hosts ?? {})) {
      if (cap === null || typeof cap !== 'object') continue;
      const clean: HostCapability = {};
      for (const key of ['ranges', 'suffix', 'head'] as const) {
        if (typeof cap[key] === 'boolean') clean[key] = cap[key];
      }
      if (typeof cap.reason === 'string') clean.reason = cap.reason;
      memo.hosts.set(host, clean);
    }
    return memo;
  }

  /** Loads a memo file; a missing or unreadable file gives an empty memo. */
  static async load(path: string): Promise<CapabilityMemo> {
    try {
      return CapabilityMemo.fromJSON(JSON.parse(await readFile(path, 'utf8')));
    } catch {
      return new CapabilityMemo();
    }
  }

  /** Writes the memo atomically (temporary sibling + rename). */
  async save(path: string): Promise<void> {
    await mkdir(dirname(path), { recursive: true });
    await writeFileAtomic(path, JSON.stringify(this.toJSON(), null, 2) + '\n');
  }
}
