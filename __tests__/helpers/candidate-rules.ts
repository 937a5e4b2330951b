/**
 * The candidate rules most page and candidate tests use: a target's tags and Python, every file
 * allowed (no --only-binary / --no-binary), no --prefer-binary; `over` changes any of them.
 */
import type { CandidateRules } from '../../src/provider/candidates.js';
import type { TargetEnvironment } from '../../src/provider/target.js';

export function openRules(target: TargetEnvironment, over: Partial<CandidateRules> = {}): CandidateRules {
  return {
    tagPriority: target.tagPriority,
    pythonVersion: target.pythonVersion,
    tagSummary: target.summary,
    mayUseWheel: () => true,
    mayUseSdist: () => true,
    preferBinary: false,
    ...over,
  };
}
