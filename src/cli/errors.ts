/**
 * Errors of the command line: one message a person can act on, and the exit code it ends with.
 *
 * Exit codes: 0 the report was written; 1 the input could not be read or holds a bad record (a missing file,
 * an unreadable line, an unknown column, a record the library rejects); 2 the command was given a bad option
 * (unknown, misspelt, a bad value, a bad config file).
 *
 * @internal
 * @module
 */

/** Exit code of an input or data error. */
export const EXIT_INPUT = 1;
/** Exit code of a bad option or command. */
export const EXIT_USAGE = 2;

/** An error whose message is printed as it is (after `helpdesk-metrics: `). */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode: number = EXIT_INPUT,
  ) {
    super(message);
    this.name = 'CliError';
  }
}

/** A bad option or command (exit code 2). */
export function usageError(message: string): CliError {
  return new CliError(message, EXIT_USAGE);
}

/** An unreadable input or a bad record (exit code 1). */
export function inputError(message: string): CliError {
  return new CliError(message, EXIT_INPUT);
}
