/**
 * The errors a flow throws for the user's input and for a resolution that does not exist, apart
 * from failure.ts (which tells what any failure means and so imports every error class of the
 * tool): a flow needs only these, and the CLI loads failure.ts only when a run fails (start-up,
 * issue 14 §2).
 */

export interface FailureLocation {
  file: string;
  line: number;
  column?: number;
  message: string;
}

/** A problem with what the user gave (files, options, target): exit 2. */
export class FlowInputError extends Error {
  override name = 'FlowInputError';
  constructor(
    message: string,
    readonly locations: FailureLocation[] = [],
  ) {
    super(message);
  }
}

/** No set of versions satisfies the requirements: exit 1, the explanation is the message. */
export class UnsatisfiableError extends Error {
  override name = 'UnsatisfiableError';
}
