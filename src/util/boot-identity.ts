/**
 * What tells this boot of this machine from every other machine and boot: Linux's
 * `/proc/sys/kernel/random/boot_id` (a random UUID the kernel makes at each boot; proc(5)), else
 * the boot time to the ten seconds (the clock minus `os.uptime()`). A cache whose entries are
 * trusted by file identities (lstat of files nobody restores, such as an interpreter that comes
 * with the machine image — identical on every runner started from that image, ctime included)
 * adds it to what an entry must match, so an entry made on another machine — a cache directory
 * persisted between jobs, or planted in such a cache — is never taken for one made here.
 */
import { open } from 'node:fs/promises';
import { uptime } from 'node:os';

let memo: Promise<string> | undefined;

async function linuxBootId(): Promise<string | undefined> {
  const handle = await open('/proc/sys/kernel/random/boot_id', 'r').catch(() => undefined);
  if (handle === undefined) return undefined;
  try {
    const buffer = Buffer.alloc(64);
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
    const id = buffer.toString('latin1', 0, bytesRead).trim();
    return /^[0-9a-f-]{16,40}$/i.test(id) ? id : undefined;
  } finally {
    await handle.close();
  }
}

/** This boot's identity (one read per process). */
export function bootIdentity(platform: NodeJS.Platform = process.platform): Promise<string> {
  memo ??= (async () => {
    const id = platform === 'linux' ? await linuxBootId() : undefined;
    return id !== undefined
      ? `boot-id:${id}`
      : `boot-time:${Math.round((Date.now() / 1000 - uptime()) / 10)}`;
  })();
  return memo;
}
