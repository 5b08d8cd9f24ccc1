/**
 * `import 'overturn'` builds no zod schema (issue 16: import cost): every schema of the library is built the
 * first time something reads it (`lazySchema`, `builtOnce`). A schema made at module level instead (a
 * `tableFileSchema(...)` call not wrapped, a shape object of schemas) fails this test, naming the factory called.
 */
import { expect, it, vi } from 'vitest';

const calls: string[] = [];

vi.mock('zod', async (importOriginal) => {
  const real = await importOriginal<Record<string, unknown>>();
  const counted: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(real)) {
    // zod's schema factories are its lowercase functions (string, object, enum…); classes and types pass through.
    counted[name] =
      typeof value === 'function' && /^[a-z]/.test(name)
        ? (...args: unknown[]) => {
            calls.push(name);
            return (value as (...args: unknown[]) => unknown)(...args);
          }
        : value;
  }
  return counted;
});

it('builds no zod schema at import, and a schema read is built then', async () => {
  const overturn = await import('../src/index.js');
  expect(calls).toEqual([]);
  // The counting works: explaining a refusal reads the input schemas, which are built now.
  expect(() => overturn.classifyDenial({ codes: 'CO-50' } as never)).toThrow();
  expect(calls.length).toBeGreaterThan(0);
});
