import { expect } from 'vitest';
import { OverturnError, type OverturnErrorCode, type OverturnIssue } from '../../src/index.js';

/** Calls `run(input)` and returns the issues of the OverturnError it must throw with `code`. */
export function issuesOf(
  run: (input: never) => unknown,
  input: unknown,
  code: OverturnErrorCode = 'INVALID_INPUT',
): OverturnIssue[] {
  try {
    run(input as never);
  } catch (error) {
    expect(error).toBeInstanceOf(OverturnError);
    expect((error as OverturnError).code).toBe(code);
    return (error as OverturnError).issues;
  }
  throw new Error(`expected ${code}`);
}

/**
 * Calls `run(input)` and proves the only thing that can escape is a well-formed INVALID_INPUT: returns the
 * answer, or undefined when the input was refused.
 */
export function answerOrInvalid<Answer>(run: () => Answer): Answer | undefined {
  try {
    return run();
  } catch (error) {
    expect(error).toBeInstanceOf(OverturnError);
    const overturnError = error as OverturnError;
    expect(overturnError.code).toBe('INVALID_INPUT');
    expect(overturnError.issues.length).toBeGreaterThan(0);
    for (const issue of overturnError.issues) {
      expect(Array.isArray(issue.path)).toBe(true);
      expect(typeof issue.message).toBe('string');
      expect(issue.message.length).toBeGreaterThan(0);
    }
    return undefined;
  }
}
