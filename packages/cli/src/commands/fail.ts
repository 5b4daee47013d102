/** Prints an error that says what went wrong and what to do next, and marks the process as failed. */
export function fail(message: string, next?: string): void {
  process.stderr.write(`error: ${message}\n${next ? `  ${next}\n` : ""}`);
  process.exitCode = 1;
}
