/**
 * The action's outputs (action.yml): every one is set on every path, so later steps can read them
 * without guards. After a failure the values say what is known (e.g. `cache-hit=false`,
 * `packages=0`, `installed=0`, the wheelhouse path).
 */
import * as core from '@actions/core';
import type { FetchResult } from '../flow/fetch.js';

export const OUTPUT_NAMES = [
  'cache-key',
  'cache-hit',
  'cache-matched-key',
  'resolution-hash',
  'wheelhouse',
  'lock-file',
  'report-file',
  'packages',
  'downloaded',
  'downloaded-bytes',
  'reused',
  'installed',
] as const;

export type OutputName = (typeof OUTPUT_NAMES)[number];
export type Outputs = Record<OutputName, string>;
export type SetOutput = (name: string, value: string) => void;

export const coreSetOutput: SetOutput = (name, value) => core.setOutput(name, value);

/** `installed`: distributions installed by `install: true` (0 without it). */
export function outputsOf(result: FetchResult, installed = 0): Outputs {
  return {
    'cache-key': result.key.key,
    'cache-hit': result.cacheHit ? 'true' : 'false',
    'cache-matched-key': result.matchedKey ?? '',
    'resolution-hash': result.key.resolutionHash,
    wheelhouse: result.wheelhouse,
    // Absent only for an install with wheels used in place, which the action never asks for.
    'lock-file': result.lockFile ?? '',
    'report-file': result.reportFile ?? '',
    packages: String(result.resolution.packages.length),
    downloaded: String(result.downloaded),
    'downloaded-bytes': String(result.downloadedBytes),
    reused: String(result.reused),
    installed: String(installed),
  };
}

/** What a failed run reports: nothing resolved, nothing downloaded, no hit. */
export function failureOutputs(wheelhouse: string | undefined): Outputs {
  return {
    'cache-key': '',
    'cache-hit': 'false',
    'cache-matched-key': '',
    'resolution-hash': '',
    wheelhouse: wheelhouse ?? '',
    'lock-file': '',
    'report-file': '',
    packages: '0',
    downloaded: '0',
    'downloaded-bytes': '0',
    reused: '0',
    installed: '0',
  };
}

export function setOutputs(outputs: Outputs, set: SetOutput = coreSetOutput): void {
  for (const name of OUTPUT_NAMES) set(name, outputs[name]);
}
