import { expect, it } from '@jest/globals';
import { describeWhenAvailable } from '../../helpers/optional-suite.js';
import { loadScenarios, PACKSE_MISSING } from './scenarios.js';

// Counts documented in ../shared/corpora/packse/SOURCE.txt ("Counts at this commit").
describeWhenAvailable('packse scenario loader', PACKSE_MISSING, () => {
  const scenarios = loadScenarios();
  const ofKind = (kind: string) => scenarios.filter((s) => s.kind === kind);

  it('reads all 150 scenarios and sorts them into uv kinds', () => {
    expect(scenarios).toHaveLength(150);
    expect(ofKind('install')).toHaveLength(101);
    expect(ofKind('compile')).toHaveLength(8);
    expect(ofKind('lock')).toHaveLength(41);
  });

  it('matches the documented expectations', () => {
    const install = ofKind('install');
    expect(install.filter((s) => !s.expected.satisfiable)).toHaveLength(49);
    expect(install.filter((s) => Object.keys(s.expected.packages).length > 0)).toHaveLength(45);
    expect(scenarios.filter((s) => Object.keys(s.expected.packages).length > 0)).toHaveLength(49);
  });

  it('applies defaults and reads the YAML example as strings', () => {
    const yaml = scenarios.find((s) => s.name === 'example-yaml');
    expect(yaml?.expected).toMatchObject({ satisfiable: true, packages: { a: '1.0.0', b: '2.0.0' } });
    expect(yaml?.packages.b?.['1.0.0']).toEqual({
      requires: [],
      extras: {},
      requiresPython: '>=3.12',
      sdist: true,
      wheel: true,
      wheelTags: [],
      yanked: false,
    });
    expect(yaml?.environment.python).toBe('3.12');
  });
});
