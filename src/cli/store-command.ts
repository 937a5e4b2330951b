/**
 * `wheelhouse store prune --older-than DAYS [--grace-hours H] [--dry-run] [--s3-* …]`: retention
 * for the S3 wheel store (src/cache/s3/s3-prune.ts). Unlike a run's cache use, a failure here is
 * the command's own failure: exit 2 with the message (redacted), never a silent success.
 */
import { createS3Backend } from '../cache/s3/s3-settings.js';
import { S3Store } from '../cache/s3-store.js';
import { pruneStore } from '../cache/s3/s3-prune.js';
import { redactText } from '../index/redact.js';
import type { CliIo } from './cli-io.js';
import { cliS3Settings } from './s3-options.js';
import { StderrLogger } from './stderr-logger.js';

const HELP =
  'Usage: wheelhouse store prune --older-than DAYS [--grace-hours H] [--dry-run] [S3 options]\n\n' +
  'Deletes entries of the S3 wheel store last written more than DAYS days ago, then every stored\n' +
  'object no remaining entry names that is older than the grace period (default 24 hours: saves in\n' +
  'progress upload objects before their entry). Safe while runners restore: a missing object is a\n' +
  'warning for them and the wheel comes from the index.\n\n' +
  'S3 options (default: the WHEELHOUSE_S3_* variables; credentials only from AWS_ACCESS_KEY_ID,\n' +
  'AWS_SECRET_ACCESS_KEY, AWS_SESSION_TOKEN):\n' +
  '  --s3-bucket NAME  --s3-prefix PREFIX  --s3-endpoint URL  --s3-region REGION  --s3-force-path-style\n';

const VALUED = new Set([
  '--older-than',
  '--grace-hours',
  '--s3-bucket',
  '--s3-prefix',
  '--s3-endpoint',
  '--s3-region',
]);

export async function storeCommand(argv: string[], io: CliIo): Promise<number> {
  const fail = (message: string): number => {
    io.stderr.write(`wheelhouse store: ${redactText(message)}\n(see wheelhouse store prune --help)\n`);
    return 2;
  };
  if (argv.includes('-h') || argv.includes('--help')) {
    io.stdout.write(HELP);
    return 0;
  }
  if (argv[0] !== 'prune')
    return fail(`unknown store command ${JSON.stringify(argv[0] ?? '')} (commands: prune)`);
  const values = new Map<string, string>();
  const flags = new Set<string>();
  for (let i = 1; i < argv.length; i++) {
    const arg = argv[i]!;
    const eq = arg.indexOf('=');
    const name = eq > 0 ? arg.slice(0, eq) : arg;
    if (VALUED.has(name)) {
      const value = eq > 0 ? arg.slice(eq + 1) : argv[++i];
      if (value === undefined) return fail(`${name} needs a value`);
      values.set(name, value);
    } else if (name === '--dry-run' || name === '--s3-force-path-style' || name === '--verbose')
      flags.add(name);
    else return fail(`unknown option ${JSON.stringify(arg)}`);
  }
  // Decimal digits only: `Number('')` and `Number(' ')` are 0, so an unset variable in a scheduled
  // `--older-than "$DAYS"` would delete the whole store (review 14c F6); `0x10` and `1e3` are
  // refused too.
  const days = decimal(values.get('--older-than'));
  if (days === undefined) return fail('--older-than DAYS is required (a number of days, 0 or more)');
  const graceHours = values.has('--grace-hours') ? decimal(values.get('--grace-hours')) : 24;
  if (graceHours === undefined) return fail('--grace-hours: expected a number of hours (0 or more)');
  const logger = new StderrLogger(io.stderr, flags.has('--verbose') ? 'verbose' : 'normal');
  let store: S3Store | undefined;
  try {
    const settings = cliS3Settings(
      {
        ...(values.has('--s3-bucket') ? { bucket: values.get('--s3-bucket') } : {}),
        ...(values.has('--s3-prefix') ? { prefix: values.get('--s3-prefix') } : {}),
        ...(values.has('--s3-endpoint') ? { endpoint: values.get('--s3-endpoint') } : {}),
        ...(values.has('--s3-region') ? { region: values.get('--s3-region') } : {}),
        ...(flags.has('--s3-force-path-style') ? { forcePathStyle: 'true' } : {}),
      },
      io.env,
    );
    const backend = createS3Backend(settings, io.env, logger);
    if (!(backend instanceof S3Store))
      return fail('AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY must be set in the environment');
    store = backend;
    const r = await pruneStore(store, {
      olderThanDays: days,
      graceMs: graceHours * 3_600_000,
      logger,
      dryRun: flags.has('--dry-run'),
    });
    io.stdout.write(
      `${flags.has('--dry-run') ? 'would delete' : 'deleted'} ${r.entriesDeleted} entries (${r.entriesKept} kept) and ${r.objectsDeleted} objects, ${r.bytesDeleted} bytes (${r.objectsKept} kept); ${r.builtDeleted} built-wheel records (${r.builtKept} kept)\n`,
    );
    return 0;
  } catch (error) {
    return fail((error as Error).message);
  } finally {
    await store?.close();
  }
}

/** A non-negative decimal number (`30`, `1.5`), or undefined for anything else (empty included). */
function decimal(text: string | undefined): number | undefined {
  return text !== undefined && /^\d{1,9}(\.\d{1,9})?$/.test(text) ? Number(text) : undefined;
}
