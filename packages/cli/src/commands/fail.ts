import { UserError } from "../user-error.js";

/** Prints an error that says what went wrong and what to do next, and marks the process as failed. */
export function fail(message: string, next?: string): void {
  process.stderr.write(`error: ${message}\n${next ? `  ${next}\n` : ""}`);
  process.exitCode = 1;
}

/**
 * Runs a command's action; a UserError it throws becomes an error line with its fix and exit status 1.
 * Any other error is a bug and propagates with its stack.
 */
export async function reportUserErrors(action: () => Promise<void>): Promise<void> {
  try {
    await action();
  } catch (error) {
    if (!(error instanceof UserError)) throw error;
    fail(error.message, error.fix);
  }
}
