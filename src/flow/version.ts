/** The version of wheelhouse (kept equal to package.json's by __tests__/flow/version.test.ts). */
export const WHEELHOUSE_VERSION = '0.1.0';

/** What lock and report headers name as their generator. */
export const GENERATED_BY = `wheelhouse ${WHEELHOUSE_VERSION}`;
