/**
 * The property every fast input check must keep: it never lets through what its schema refuses, and what it lets
 * through is exactly what the schema gives (the function then uses the input as it is). Inputs are valid ones,
 * arbitrary JSON, and valid ones with up to three fields replaced by odd values.
 */
import fc from 'fast-check';
import { expect } from 'vitest';

export interface FastCheckCase {
  valid: fc.Arbitrary<Record<string, unknown>>;
  /** The fields to replace: the input's own, and a few it must not have. */
  keys: readonly string[];
  /** The values to put there. */
  values: fc.Arbitrary<unknown>;
  check: (value: unknown) => boolean;
  schema: { safeParse(value: unknown): { success: boolean; data?: unknown } };
}

/** Asserts the property on `runs` random inputs. */
export function assertFastCheckAgreesWithSchema(
  { valid, keys, values, check, schema }: FastCheckCase,
  runs = 3000,
): void {
  const mutated = fc
    .tuple(valid, fc.array(fc.tuple(fc.constantFrom(...keys), values), { maxLength: 3 }))
    .map(([input, changes]) => {
      const copy: Record<string, unknown> = { ...input };
      for (const [key, value] of changes) copy[key] = value;
      return copy;
    });
  fc.assert(
    fc.property(fc.oneof(fc.jsonValue(), valid, mutated), (input) => {
      if (!check(input)) return;
      const result = schema.safeParse(input);
      expect(result.success).toBe(true);
      expect(result.data).toEqual(input);
    }),
    { numRuns: runs },
  );
}
