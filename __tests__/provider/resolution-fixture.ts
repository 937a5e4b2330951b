import type { NormalizedName } from '../../src/standards/names.js';
import type { Resolution, ResolvedPackage } from '../../src/provider/resolution.js';

export function pkg(
  name: string,
  version: string,
  overrides: Partial<ResolvedPackage> & { sha?: string; filename?: string; size?: number | null } = {},
): ResolvedPackage {
  const { sha, filename, size, ...rest } = overrides;
  const file = filename ?? `${name.replace(/-/g, '_')}-${version}-py3-none-any.whl`;
  return {
    name: name as NormalizedName,
    version,
    file: {
      filename: file,
      url: `https://user:s3cret@index.example/files/${file}`,
      redactedUrl: `https://user:****@index.example/files/${file}`,
      sha256: sha ?? name.charCodeAt(0).toString(16).padStart(2, '0').repeat(32),
      ...(size === null ? {} : { size: size ?? 1234 }),
      kind: file.endsWith('.whl') ? 'wheel' : 'sdist',
    },
    requested: false,
    extras: [],
    requiresDist: [],
    metadataPath: 'pep658',
    isDirect: false,
    ...rest,
  };
}

/** A small resolution, deliberately unsorted. */
export function sampleResolution(): Resolution {
  return {
    packages: [
      pkg('requests', '2.32.3', {
        requested: true,
        extras: ['socks'],
        requiresDist: ['idna<4,>=2.5', 'PySocks!=1.5.7,>=1.5.6; extra == "socks"'],
        requiresPython: '>=3.8',
        providesExtra: ['socks', 'use-chardet-on-py3'],
      }),
      pkg('idna', '3.10', { metadataPath: 'lazy-wheel', requiresPython: '>=3.6' }),
      pkg('pysocks', '1.7.1', { filename: 'PySocks-1.7.1.tar.gz', metadataPath: 'sdist', size: null }),
    ],
  };
}
