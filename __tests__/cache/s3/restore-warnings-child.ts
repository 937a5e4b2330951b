/**
 * Child process for s3-background-restore.test.ts (run with `node --import ./bench/register-swc.mjs`):
 * restores entry KEY of BUCKET/PREFIX at ENDPOINT into DEST with the wheelhouse deferred, 16
 * requests at once, and prints one JSON line: the files placed in the background and every process
 * warning emitted meanwhile. A warning Node emits (MaxListenersExceededWarning…) reaches only the
 * real process's 'warning' event, never jest's sandboxed `process`: hence a process of its own.
 *
 *   restore-warnings-child.ts ENDPOINT BUCKET PREFIX KEY DEST
 */
import { S3Store } from '../../../src/cache/s3-store.js';

const [endpoint, bucket, prefix, key, dest] = process.argv.slice(2);
if (
  endpoint === undefined ||
  bucket === undefined ||
  prefix === undefined ||
  key === undefined ||
  dest === undefined
)
  throw new Error('usage: restore-warnings-child.ts ENDPOINT BUCKET PREFIX KEY DEST');
const warnings: string[] = [];
process.on('warning', (w) => warnings.push(`${w.name}: ${w.message}`));
const quiet = (): void => {};
const store = new S3Store({
  bucket,
  endpoint,
  region: 'us-east-1',
  credentials: {
    accessKeyId: process.env.WHEELHOUSE_TEST_S3_ACCESS_KEY ?? 'TESTKEY',
    secretAccessKey: process.env.WHEELHOUSE_TEST_S3_SECRET_KEY ?? 'TESTSECRET',
  },
  prefix,
  concurrency: 16,
  retries: 1,
  headersTimeoutMs: 600_000,
  logger: { debug: quiet, info: quiet, warn: (m) => warnings.push(`logged: ${m}`), error: quiet },
});
const result = await store.restore([dest], key, [], { deferred: [0] });
const later = await result.pending?.settled.then(() => 'settled');
await store.close();
// A process warning is emitted on a later turn of the event loop.
await new Promise((resolve) => setImmediate(resolve));
process.stdout.write(`${JSON.stringify({ exact: result.exact, later, warnings })}\n`);
