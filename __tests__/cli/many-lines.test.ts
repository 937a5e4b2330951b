/**
 * A requirements file naming one project on many lines (issue 10 §2, docs/reliability.md): the
 * clauses are intersected in linear time (SpecifierSetBuilder; `and` one line at a time was
 * quadratic: 100,000 `demo!=9.N` lines did not finish in 120 s), and an unsatisfiable run's
 * explanation names a few of the lines and how many there are, not every one of them (100,000
 * lines made a 4 MB message).
 */
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { Specifier, SpecifierSet, SpecifierSetBuilder } from '../../src/standards/specifier.js';
import { Version } from '../../src/standards/version.js';
import { runCliCaptured } from '../helpers/cli-capture.js';

const TARGET = ['--python-version', '3.12', '--platform', 'manylinux_2_17_x86_64'];

describe('many requirement lines naming one project', () => {
  it('an unsatisfiable run names a few of the lines and how many there are in all', async () => {
    const work = await mkdtemp(join(tmpdir(), 'wh-many-lines-'));
    await mkdir(join(work, 'empty'));
    const lines = Array.from({ length: 300 }, (_, i) => `demo>=3.${i}`);
    await writeFile(join(work, 'requirements.txt'), `${lines.join('\n')}\n`);
    const r = await runCliCaptured(
      ['resolve', '-r', 'requirements.txt', '--no-index', '-f', 'empty', ...TARGET],
      { env: { HOME: work }, cwd: work },
    );
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('requirements.txt:1, requirements.txt:2,');
    expect(r.stderr).toContain('(300 in all)');
    expect(r.stderr).not.toContain('requirements.txt:300');
    // Was every line (4 MB of stderr for 100,000 lines).
    expect(r.stderr.length).toBeLessThan(3000);
  });

  it('SpecifierSetBuilder intersects like `and`, each distinct clause once', () => {
    const sets = ['>=1', '!=1.5', '>=1', '<3,!=2.0', ''].map((t) => SpecifierSet.parse(t));
    const chained = sets.reduce((a, b) => a.and(b), new SpecifierSet());
    const builder = new SpecifierSetBuilder();
    for (const s of sets) builder.add(s);
    expect(builder.set.toString()).toBe(chained.toString());
    expect(builder.set.specifiers).toHaveLength(4);
    expect(builder.set).toBe(builder.set); // built once until a clause is added
    builder.add(new SpecifierSet([Specifier.parse('!=2.5')]));
    expect(builder.set.matches(Version.parse('2.5'))).toBe(false);
    expect(new SpecifierSetBuilder(sets[0]!, sets[3]!).set.toString()).toBe('!=2.0,<3,>=1');
  });
});
