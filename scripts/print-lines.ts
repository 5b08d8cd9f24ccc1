/**
 * Writes a report's lines to stdout at once. Piped into `head`, the reader may close early: that is the end of the
 * report, not an error, so the script exits quietly rather than with a stack trace (the stem audits,
 * scripts/stem-audit.ts and scripts/condition-stem-audit.ts).
 *
 * @example
 * ```ts
 * printLines(['abuse [abus] ~ abusively (1)', '1 phrase words share their stem with another word']);
 * ```
 */
export function printLines(lines: readonly string[]): void {
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(0);
    throw error;
  });
  process.stdout.write(`${lines.join('\n')}\n`);
}
