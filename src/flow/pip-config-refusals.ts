/**
 * pip settings wheelhouse cannot honour (pip-config.ts collects them in `PipConfig.refused`):
 * refused with an error naming where they were set, or — pip's `proxy` — warned about.
 */
import { FlowInputError } from './flow-errors.js';
import type { PipConfig } from './pip-config.js';

/**
 * The error for a setting of `config` that wheelhouse refuses for `command` (see `refused`), or
 * undefined: named by its variable or file and key, as the refused flags are.
 */
export function refusedSetting(config: PipConfig, command: string): FlowInputError | undefined {
  const hit = (config.refused ?? []).find(
    (r) => (!r.installOnly || command === 'install') && r.key !== 'proxy',
  );
  if (hit === undefined) return undefined;
  const why = hit.installOnly
    ? "wheelhouse installs into the interpreter's own environment only (--python); unset it, or use pip"
    : hit.key === 'requirement'
      ? 'wheelhouse does not read requirement files from pip settings; give them with -r and unset it'
      : `wheelhouse does not honour pip's ${hit.key} (the result would differ from pip's); unset it, or use pip`;
  return new FlowInputError(`${hit.source}: pip setting not supported: ${why}`);
}

/**
 * A warning when pip's `proxy` setting is given but wheelhouse's traffic goes elsewhere: wheelhouse
 * and its build frontend follow HTTPS_PROXY / HTTP_PROXY (a machine-wide pip.conf's proxy beside
 * the same HTTPS_PROXY is common on corporate runners; refusing it blocked every command — review
 * 15e F3). Undefined when the environment names that proxy, or pip's setting is absent.
 */
export function proxySettingWarning(
  config: PipConfig,
  env: Record<string, string | undefined>,
): string | undefined {
  const hit = (config.refused ?? []).find((r) => r.key === 'proxy');
  if (hit === undefined) return undefined;
  const named = ['HTTPS_PROXY', 'https_proxy', 'HTTP_PROXY', 'http_proxy'].map((k) => env[k]);
  if (named.some((v) => v !== undefined && v.trim() !== '' && sameProxy(v, hit.value))) return undefined;
  return `${hit.source}: pip's proxy setting is not used by wheelhouse, which follows HTTPS_PROXY / HTTP_PROXY; set those to it`;
}

function sameProxy(a: string, b: string): boolean {
  const norm = (x: string): string => {
    const t = x.trim();
    return (t.includes('://') ? t : `http://${t}`).replace(/\/+$/, '').toLowerCase();
  };
  return norm(a) === norm(b);
}
