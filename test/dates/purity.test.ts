/**
 * The date core must give the same answer in every time zone and run in browsers and edge runtimes, so its
 * source may not touch `Date`, `Intl`, the clock, Node built-ins or any package. This reads the source text
 * to keep it that way (comments may mention `Date`; code may not call it).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const dir = join(import.meta.dirname, '../../src/dates');
const files = readdirSync(dir).filter((f) => f.endsWith('.ts'));

describe('src/dates stays pure', () => {
  it('has the expected files', () => {
    expect(files.sort()).toEqual([
      '_civil.ts',
      'arithmetic.ts',
      'holidays.ts',
      'index.ts',
      'isoDate.ts',
      'rollForward.ts',
    ]);
  });

  it.each(files)('%s uses no Date, Intl, clock, Node built-in or package', (file) => {
    const code = readFileSync(join(dir, file), 'utf8')
      .replace(/\/\*[\s\S]*?\*\//g, '')
      .replace(/\/\/.*$/gm, '');
    expect(code).not.toMatch(/\bDate\b/);
    expect(code).not.toMatch(/\bIntl\b|toLocale|performance\.now|process\./);
    for (const [, specifier] of code.matchAll(/\bfrom\s+'([^']+)'/g)) {
      expect(specifier).toMatch(/^\.\/[\w]+\.js$/);
    }
    expect(code).not.toMatch(/\bimport\s*\(|\brequire\s*\(/);
  });
});
