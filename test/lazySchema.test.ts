/** A schema built on first use must behave as the schema itself: parsed, nested, composed and refused alike. */
import { describe, expect, it } from 'vitest';
import * as z from 'zod';
import { builtOnce, lazySchema } from '../src/_lib/lazySchema.js';

describe('lazySchema', () => {
  it('builds the schema on the first read only', () => {
    let built = 0;
    const code = lazySchema(() => {
      built++;
      return z.string().regex(/^\d+$/, 'expected digits');
    });
    expect(built).toBe(0);
    expect(code.parse('50')).toBe('50');
    expect(code.safeParse('5x').success).toBe(false);
    expect(built).toBe(1);
  });

  it('nests and composes like the schema, with the same issues', () => {
    const date = lazySchema(() => z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected YYYY-MM-DD'));
    const eager = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected YYYY-MM-DD');
    const lazyInput = z.object({ asOf: date.optional(), dates: z.array(date) }).strict();
    const eagerInput = z.object({ asOf: eager.optional(), dates: z.array(eager) }).strict();
    for (const value of [
      { dates: ['2026-01-02'] },
      { asOf: '2026-1-2', dates: [3] },
      { dates: [], x: 1 },
      null,
    ]) {
      const lazyResult = lazyInput.safeParse(value);
      const eagerResult = eagerInput.safeParse(value);
      expect(lazyResult.success).toBe(eagerResult.success);
      expect(lazyResult.error?.issues).toEqual(eagerResult.error?.issues);
    }
    expect(date instanceof z.ZodString).toBe(true);
  });

  it('gives the same JSON Schema as the schema', () => {
    const shape = () => z.object({ id: z.string(), weight: z.number().int().min(1) }).strict();
    expect(z.toJSONSchema(lazySchema(shape))).toEqual(z.toJSONSchema(shape()));
  });
});

describe('builtOnce', () => {
  it('builds a shape on the first call, then gives the same one, whose schemas keep their JSON Schema', () => {
    let built = 0;
    const shape = builtOnce(() => {
      built++;
      return { note: z.string().optional() };
    });
    expect(built).toBe(0);
    const first = shape();
    expect(shape()).toBe(first);
    expect(built).toBe(1);
    // An optional schema read through a lazySchema stand-in breaks zod's JSON Schema output; a shape built
    // once holds the schemas themselves.
    expect(z.toJSONSchema(z.object({ ...shape(), id: z.string() }))).toEqual(
      z.toJSONSchema(z.object({ note: z.string().optional(), id: z.string() })),
    );
  });
});
