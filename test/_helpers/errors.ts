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
