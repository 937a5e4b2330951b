/**
 * The action's backend choice with the s3-* inputs: parseInputs validates them (each problem names
 * its input), chooseBackend builds the S3 store for the main step and again for the post step from
 * the saved state, which carries the settings but never the credentials.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { chooseBackend } from '../../src/action/backend-choice.js';
import { ActionInputError, parseInputs } from '../../src/action/inputs.js';
import { loadPostState, savePostState } from '../../src/action/state.js';
import { S3Store } from '../../src/cache/s3-store.js';
import { redactText } from '../../src/index/redact.js';
import { recorder } from '../helpers/line-recorder.js';

let ws: string;
beforeAll(async () => {
  ws = await mkdtemp(join(tmpdir(), 'wh-backend-choice-'));
});
afterAll(async () => {
  await rm(ws, { recursive: true, force: true });
});

const getter = (values: Record<string, string>) => (name: string) => values[name] ?? '';
const S3_INPUTS = {
  'cache-backend': 's3',
  's3-bucket': 'fleet-wheels',
  's3-prefix': '/team/wheels/',
  's3-endpoint': 'http://127.0.0.1:9',
  's3-force-path-style': 'true',
};
const CREDENTIALS = {
  AWS_ACCESS_KEY_ID: 'AKIDCHOICETEST0001',
  AWS_SECRET_ACCESS_KEY: 'choice-secret-7f3a9c',
  AWS_SESSION_TOKEN: 'choice-session-token-51e2',
};

describe('s3-* inputs', () => {
  it('parse into settings: prefix trimmed of slashes, region from AWS_REGION, path style', async () => {
    const inputs = await parseInputs({
      getInput: getter(S3_INPUTS),
      env: { GITHUB_WORKSPACE: ws, RUNNER_TEMP: ws, AWS_REGION: 'eu-west-1' },
    });
    expect(inputs.cacheBackend).toBe('s3');
    expect(inputs.s3).toEqual({
      bucket: 'fleet-wheels',
      prefix: 'team/wheels',
      endpoint: 'http://127.0.0.1:9',
      region: 'eu-west-1',
      forcePathStyle: true,
    });
  });

  it('every bad s3 input is named; a credential in the endpoint URL is refused without echoing it', async () => {
    const error = await parseInputs({
      getInput: getter({
        'cache-backend': 's3',
        's3-bucket': 'Bad_Bucket',
        's3-endpoint': 'https://AKID:hunter2@s3.example.org',
        's3-region': 'EU WEST',
        's3-force-path-style': 'yes',
      }),
      env: { GITHUB_WORKSPACE: ws, RUNNER_TEMP: ws },
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ActionInputError);
    const text = (error as Error).message;
    for (const name of [
      'input s3-bucket',
      'input s3-endpoint',
      'input s3-region',
      'input s3-force-path-style',
    ])
      expect(text).toContain(name);
    expect(text).not.toContain('hunter2');
    const missing = await parseInputs({
      getInput: getter({ 'cache-backend': 's3' }),
      env: { GITHUB_WORKSPACE: ws, RUNNER_TEMP: ws },
    }).catch((e: unknown) => e);
    expect((missing as Error).message).toContain('input s3-bucket: required with the s3 cache backend');
  });
});

describe('chooseBackend with s3', () => {
  it('main step: the S3 store, its credentials registered as secrets; the post step gets the same store from the state', async () => {
    const inputs = await parseInputs({
      getInput: getter(S3_INPUTS),
      env: { GITHUB_WORKSPACE: ws, RUNNER_TEMP: ws },
    });
    const log = recorder();
    const env = { ...CREDENTIALS };
    expect(redactText(CREDENTIALS.AWS_SECRET_ACCESS_KEY)).toBe(CREDENTIALS.AWS_SECRET_ACCESS_KEY);
    const main = chooseBackend(log, env, undefined, { cacheBackend: 's3', s3: inputs.s3! });
    expect(main.name).toBe('s3');
    expect(main.backend).toBeInstanceOf(S3Store);
    expect(main.s3).toEqual(inputs.s3);
    expect(
      redactText(`x ${CREDENTIALS.AWS_SECRET_ACCESS_KEY} ${CREDENTIALS.AWS_SESSION_TOKEN} y`),
    ).not.toMatch(/choice-secret|choice-session/);
    await (main.backend as S3Store).close();

    // The handoff: settings only.
    const saved = new Map<string, string>();
    const store = { save: (k: string, v: string) => saved.set(k, v), get: (k: string) => saved.get(k) ?? '' };
    savePostState(
      { key: 'k', cacheHit: false, cachePaths: [ws], files: [], backend: main.name, s3: main.s3! },
      store,
    );
    const stateText = [...saved.values()].join('\n');
    for (const value of Object.values(CREDENTIALS)) expect(stateText).not.toContain(value);
    const state = loadPostState(store)!;
    const post = chooseBackend(log, env, { name: state.backend, s3: state.s3! });
    expect(post.name).toBe('s3');
    expect(post.backend).toBeInstanceOf(S3Store);
    expect(post.s3).toEqual(inputs.s3);
    await (post.backend as S3Store).close();
    expect(log.lines).toEqual([]);
  });

  it('without AWS credentials: an s3 backend that only warns, restore and save both', async () => {
    const log = recorder();
    const choice = chooseBackend(log, {}, undefined, {
      cacheBackend: 's3',
      s3: { bucket: 'fleet-wheels', prefix: 'wheelhouse', region: 'us-east-1' },
    });
    expect(choice.name).toBe('s3');
    expect(await choice.backend.restore([ws], 'k', [])).toEqual({ exact: false });
    expect((await choice.backend.save([ws], 'k')).saved).toBe(false);
    expect(log.lines.filter((l) => l.startsWith('warn'))).toHaveLength(2);
    expect(log.lines.join('\n')).toContain('AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY must be set');
  });

  it('a post step whose main step used another backend does not switch to s3', async () => {
    const choice = chooseBackend(recorder(), CREDENTIALS, { name: 'local-dir', cacheDir: ws });
    expect(choice).toMatchObject({ name: 'local-dir', cacheDir: ws });
    const local = chooseBackend(recorder(), { XDG_CACHE_HOME: ws }, undefined, { cacheBackend: 'local' });
    expect(local.name).toBe('local-dir');
    expect(local.cacheDir).toBe(join(ws, 'wheelhouse'));
  });
});
