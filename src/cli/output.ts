/**
 * How the CLI ends, and what happens when its output cannot be written: the exit codes every command uses,
 * and guards so that a closed pipe (`overturn … | head -1`) or a full disk ends the program with one line,
 * never an "Unhandled 'error' event" and a stack trace.
 */

/** Exit codes, the same for every command (README "Exit codes"). */
export const EXIT = {
  /** Everything was done. */
  ok: 0,
  /** An input could not be analysed (a bad case file, a record with an error line) or a fixture failed. */
  input: 1,
  /** The command was called wrongly (an unknown option, a bad value, a missing file) or the rule set is bad. */
  usage: 2,
  /** The output could not be written (a full disk, a folder that does not exist). */
  output: 3,
  /** The reader closed the pipe (`| head`): as a program killed by SIGPIPE, 128 + 13. */
  closedPipe: 141,
} as const;

/** A problem with how the command was called (exit 2), not with an input file. */
export class UsageError extends Error {}

/** Whether an error is a write to a pipe whose reader has gone. */
export function isClosedPipe(error: unknown): boolean {
  return Boolean(error && typeof error === 'object' && 'code' in error && error.code === 'EPIPE');
}

/** One line saying why the output could not be written. */
export function outputErrorLine(target: string, error: unknown): string {
  // Node's messages start with the code ("ENOSPC: no space left on device, write"): it goes to the end.
  const code = error && typeof error === 'object' && 'code' in error ? ` (${String(error.code)})` : '';
  const message = error instanceof Error ? error.message.replace(/^[A-Z]+: /, '') : String(error);
  return `overturn: cannot write ${target}: ${message}${code}\n`;
}

let guarded = false;

/**
 * Ends the process quietly when stdout's reader has gone (exit 141, as a program killed by SIGPIPE), and with
 * one line and exit 3 when stdout cannot be written for another reason. Installed once, by the bin.
 */
export function guardStandardOutput(): void {
  if (guarded) return;
  guarded = true;
  process.stdout.on('error', (error) => {
    if (isClosedPipe(error)) process.exit(EXIT.closedPipe);
    try {
      process.stderr.write(outputErrorLine('the output', error));
    } finally {
      process.exit(EXIT.output);
    }
  });
  // stderr has no one to tell: end quietly.
  process.stderr.on('error', () => process.exit(EXIT.output));
}
