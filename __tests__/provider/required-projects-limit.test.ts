/**
 * The requirements may name at most MAX_REQUIRED_PROJECTS distinct projects (issue 10 §2: 100,000
 * distinct names took 14 s and 1.1 GB before any answer): past it, an input error naming the file
 * and line of the first project over the limit; repeated names do not count twice.
 */
import { describe, expect, it } from '@jest/globals';
import {
  MAX_REQUIRED_PROJECTS,
  readRequirementInputs,
  RequirementInputError,
} from '../../src/provider/requirement-inputs.js';

function io(text: string) {
  return { readFile: async () => text };
}

describe('distinct projects in the requirements', () => {
  it('one more than the limit is an input error at the line of the first project over it', async () => {
    const lines = Array.from({ length: MAX_REQUIRED_PROJECTS + 5 }, (_, i) => `pkg${i}`);
    const error = await readRequirementInputs(['req.txt'], [], io(lines.join('\n'))).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RequirementInputError);
    expect((error as Error).message).toBe(
      `req.txt:${MAX_REQUIRED_PROJECTS + 1}: pkg${MAX_REQUIRED_PROJECTS} is project number ${MAX_REQUIRED_PROJECTS + 1}: the requirements may name at most ${MAX_REQUIRED_PROJECTS} distinct projects (each is a page request and a node of the resolution)`,
    );
  });

  it('the limit itself, and any number of lines naming those projects again, are accepted', async () => {
    const names = Array.from({ length: MAX_REQUIRED_PROJECTS }, (_, i) => `pkg${i}`);
    const text = [...names, ...names.map((n) => `${n}>=1`)].join('\n');
    const inputs = await readRequirementInputs(['req.txt'], [], io(text));
    expect(inputs.requirements).toHaveLength(2 * MAX_REQUIRED_PROJECTS);
  });
});
