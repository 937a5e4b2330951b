/**
 * Where the S3 store lives (bucket, prefix, endpoint, region, addressing), from the action's
 * `s3-*` inputs or the CLI's `--s3-*` options / `WHEELHOUSE_S3_*` variables, and the credentials,
 * which come only from the standard AWS environment (AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY,
 * AWS_SESSION_TOKEN — what aws-actions/configure-aws-credentials sets). The credentials are
 * registered as secrets of the run (src/index/redact.ts) before the store is used, and are never
 * part of the settings, so settings may be logged and handed to the post step.
 */
import { registerSecret } from '../../index/redact.js';
import type { Logger } from '../../util/logger.js';
import type { CacheBackend } from '../backend.js';
import { S3Store } from '../s3-store.js';

export interface S3Settings {
  bucket: string;
  prefix: string;
  endpoint?: string;
  region: string;
  forcePathStyle?: boolean;
}

export interface S3SettingsText {
  bucket?: string;
  prefix?: string;
  endpoint?: string;
  region?: string;
  forcePathStyle?: string;
}

/**
 * Validated settings, or the problems (each naming the input via `shown`). Region falls back to
 * AWS_REGION, AWS_DEFAULT_REGION, then us-east-1; the prefix to "wheelhouse".
 */
export function parseS3Settings(
  text: S3SettingsText,
  env: Record<string, string | undefined>,
  shown: (field: keyof S3SettingsText) => string,
): { settings?: S3Settings; problems: string[] } {
  const problems: string[] = [];
  const bucket = text.bucket?.trim() ?? '';
  // S3 bucket naming rules (S3 User Guide, "Bucket naming rules"): 3–63 of a-z 0-9 . -
  if (bucket === '') problems.push(`${shown('bucket')}: required with the s3 cache backend`);
  else if (!/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/.test(bucket))
    problems.push(
      `${shown('bucket')}: ${JSON.stringify(bucket)} is not an S3 bucket name (3–63 of a-z, 0-9, ".", "-")`,
    );
  const prefix = (text.prefix?.trim() || 'wheelhouse').replace(/^\/+|\/+$/g, '');
  if (!/^[A-Za-z0-9._\-/]{1,200}$/.test(prefix) || prefix.split('/').some((s) => s === '' || s === '..'))
    problems.push(`${shown('prefix')}: ${JSON.stringify(prefix)} is not a key prefix (A-Z a-z 0-9 . _ - /)`);
  const endpoint = text.endpoint?.trim() ?? '';
  if (endpoint !== '') {
    let url: URL | undefined;
    try {
      url = new URL(endpoint);
    } catch {
      url = undefined;
    }
    if (url === undefined || (url.protocol !== 'http:' && url.protocol !== 'https:'))
      problems.push(`${shown('endpoint')}: not an http(s) URL`);
    else if (url.username !== '' || url.password !== '')
      problems.push(
        `${shown('endpoint')}: credentials go in AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY, not in the URL`,
      );
    // Refused rather than kept (review 14c F5): requests are addressed from the endpoint's host
    // only (s3-address.ts, the plain-GET sockets), and a path would have to be signed and placed
    // differently for path-style and virtual-host URLs; silently dropping it sent every request
    // to the host's root.
    else if (url.pathname !== '/' || url.search !== '' || url.hash !== '')
      problems.push(
        `${shown('endpoint')}: a path, query or fragment is not supported (give the scheme, host and port only)`,
      );
  }
  const region = text.region?.trim() || env.AWS_REGION || env.AWS_DEFAULT_REGION || 'us-east-1';
  if (!/^[a-z0-9-]{1,40}$/.test(region))
    problems.push(`${shown('region')}: ${JSON.stringify(region)} is not a region name`);
  let forcePathStyle: boolean | undefined;
  const style = text.forcePathStyle?.trim() ?? '';
  if (/^(true|True|TRUE)$/.test(style)) forcePathStyle = true;
  else if (/^(false|False|FALSE)$/.test(style)) forcePathStyle = false;
  else if (style !== '')
    problems.push(
      `${shown('forcePathStyle')}: ${JSON.stringify(style)} is not a boolean (use true or false)`,
    );
  if (problems.length > 0) return { problems };
  return {
    problems,
    settings: {
      bucket,
      prefix,
      region,
      ...(endpoint !== '' ? { endpoint } : {}),
      ...(forcePathStyle !== undefined ? { forcePathStyle } : {}),
    },
  };
}

/** A backend that only warns: the s3 backend was chosen but cannot be used (no credentials). */
function unusable(logger: Logger, why: string): CacheBackend {
  return {
    name: 's3',
    restore: () => {
      logger.warn(`S3 cache not used: ${why}; nothing restored`);
      return Promise.resolve({ exact: false });
    },
    save: () => {
      logger.warn(`S3 cache not used: ${why}; not saved`);
      return Promise.resolve({ saved: false, reason: why });
    },
  };
}

/** The S3 store for `settings`, with the credentials of the AWS environment variables. */
export function createS3Backend(
  settings: S3Settings,
  env: Record<string, string | undefined>,
  logger: Logger,
): CacheBackend {
  const accessKeyId = env.AWS_ACCESS_KEY_ID ?? '';
  const secretAccessKey = env.AWS_SECRET_ACCESS_KEY ?? '';
  const sessionToken = env.AWS_SESSION_TOKEN || undefined;
  for (const value of [accessKeyId, secretAccessKey, sessionToken]) if (value) registerSecret(value);
  if (accessKeyId === '' || secretAccessKey === '')
    return unusable(logger, 'AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY must be set in the environment');
  return new S3Store({
    ...settings,
    credentials: { accessKeyId, secretAccessKey, ...(sessionToken !== undefined ? { sessionToken } : {}) },
    logger,
  });
}
