/**
 * @actions/core writes its own lines (`::warning::`, `::debug::`) to this process's stdout, where a
 * test run only shows them as noise. These run `fn` with process.stdout.write replaced by a sink —
 * calling a write's callback, so a writer that waits for it goes on — and put the real one back.
 */

/** `fn`'s value and all it wrote to stdout meanwhile (so a test can check a swallowed failure still warned). */
export async function captureStdout<T>(fn: () => Promise<T>): Promise<{ value: T; out: string }> {
  const original = process.stdout.write.bind(process.stdout);
  let out = '';
  process.stdout.write = ((chunk: string | Uint8Array, ...rest: unknown[]) => {
    out += typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8');
    (rest.find((r) => typeof r === 'function') as (() => void) | undefined)?.();
    return true;
  }) as typeof process.stdout.write;
  try {
    return { value: await fn(), out };
  } finally {
    process.stdout.write = original;
  }
}

/** `fn`'s value; what it wrote to stdout is dropped. */
export async function quietly<T>(fn: () => Promise<T>): Promise<T> {
  return (await captureStdout(fn)).value;
}
