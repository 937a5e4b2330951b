/**
 * The handoff from the main step to the post step (GITHUB_STATE through core.saveState /
 * core.getState): what to prune and save, and with which backend. Only keys, paths and file
 * names: no URL, so no credential, is ever written to the state file.
 */
import * as core from '@actions/core';
import type { S3Settings } from '../cache/s3/s3-settings.js';
import type { SavePlan } from '../flow/save.js';

const STATE_KEY = 'wheelhouse-plan';
const STATE_VERSION = 1;

export interface PostState extends SavePlan {
  version: typeof STATE_VERSION;
  /** `actions-cache` or `local-dir` (post re-creates the same backend). */
  backend: string;
  /** For the local-dir backend. */
  cacheDir?: string;
  /** For the s3 backend: bucket, prefix, endpoint, region (never credentials). */
  s3?: S3Settings;
}

export interface StateStore {
  save(name: string, value: string): void;
  get(name: string): string;
}

export const coreState: StateStore = {
  save: (name, value) => core.saveState(name, value),
  get: (name) => core.getState(name),
};

export function savePostState(state: Omit<PostState, 'version'>, store: StateStore = coreState): void {
  store.save(STATE_KEY, JSON.stringify({ version: STATE_VERSION, ...state }));
}

/** The plan, or undefined when main did not get as far as planning a save (or state is unusable). */
export function loadPostState(store: StateStore = coreState): PostState | undefined {
  const text = store.get(STATE_KEY);
  if (text === '') return undefined;
  try {
    const data = JSON.parse(text) as Partial<PostState>;
    if (
      data.version !== STATE_VERSION ||
      typeof data.key !== 'string' ||
      typeof data.cacheHit !== 'boolean' ||
      !Array.isArray(data.cachePaths) ||
      !Array.isArray(data.files) ||
      typeof data.backend !== 'string'
    ) {
      return undefined;
    }
    return data as PostState;
  } catch {
    return undefined;
  }
}
