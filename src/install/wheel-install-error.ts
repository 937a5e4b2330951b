/**
 * A wheel that cannot be installed, naming the wheel and the archive entry at fault. Its own module
 * so that code which only recognises the error (flow/failure.ts, loaded by every CLI command) does
 * not load the wheel planner with it (issue 14 §2 "Start-up").
 */
export class WheelInstallError extends Error {
  override name = 'WheelInstallError';
  constructor(
    /** The wheel's file name. */
    readonly wheel: string,
    detail: string,
    /** The archive entry at fault, when there is one. */
    readonly entry?: string,
  ) {
    super(`${wheel}: ${entry !== undefined ? `${JSON.stringify(entry)}: ` : ''}${detail}`);
  }
}

/** Any failure while installing one wheel, as a WheelInstallError naming the wheel. */
export function asWheelError(filename: string, error: unknown): WheelInstallError {
  if (error instanceof WheelInstallError) return error;
  const e = error as Error;
  const message = e.message.startsWith(`${filename}: `) ? e.message.slice(filename.length + 2) : e.message;
  const wrapped = new WheelInstallError(filename, message);
  wrapped.cause = error;
  return wrapped;
}
