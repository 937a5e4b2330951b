/**
 * The S3 store's settings in the CLI: `--s3-*` options, else `WHEELHOUSE_S3_*` variables
 * (credentials only from AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY / AWS_SESSION_TOKEN).
 */
import { parseS3Settings, type S3Settings, type S3SettingsText } from '../cache/s3/s3-settings.js';
import { FlowInputError } from '../flow/flow-errors.js';

const SHOWN: Record<keyof S3SettingsText, string> = {
  bucket: '--s3-bucket / WHEELHOUSE_S3_BUCKET',
  prefix: '--s3-prefix / WHEELHOUSE_S3_PREFIX',
  endpoint: '--s3-endpoint / WHEELHOUSE_S3_ENDPOINT',
  region: '--s3-region / WHEELHOUSE_S3_REGION',
  forcePathStyle: '--s3-force-path-style / WHEELHOUSE_S3_FORCE_PATH_STYLE',
};

export function cliS3Settings(given: S3SettingsText, env: Record<string, string | undefined>): S3Settings {
  const fromEnv = (name: string): string | undefined => env[`WHEELHOUSE_S3_${name}`] || undefined;
  const text: S3SettingsText = {
    bucket: given.bucket ?? fromEnv('BUCKET'),
    prefix: given.prefix ?? fromEnv('PREFIX'),
    endpoint: given.endpoint ?? fromEnv('ENDPOINT'),
    region: given.region ?? fromEnv('REGION'),
    forcePathStyle: given.forcePathStyle ?? fromEnv('FORCE_PATH_STYLE'),
  };
  const parsed = parseS3Settings(text, env, (field) => SHOWN[field]);
  if (parsed.settings === undefined) throw new FlowInputError(parsed.problems.join('; '));
  return parsed.settings;
}
