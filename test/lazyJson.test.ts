/**
 * The package keeps each bundled rule file as JSON text until a call reads it (tsup.config.ts): the value must be
 * the file's, parsed once, and the public `defaultRuleSetSource` must read as plain data.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { bundledFiles, LazyJson, readBundled } from '../src/_lib/lazyJson.js';
import { defaultRuleSetSource } from '../src/index.js';

describe('LazyJson', () => {
  it('parses its text on the first read only, and gives the same value after', () => {
    const file = new LazyJson('{"id":"carc.50","weight":4}');
    const first = readBundled(file);
    expect(first).toEqual({ id: 'carc.50', weight: 4 });
    expect(readBundled(file)).toBe(first);
  });

  it('passes a value that is not one through (a rule file imported as its object, from source)', () => {
    const value = { id: 'x' };
    expect(readBundled(value)).toBe(value);
    expect(readBundled(undefined)).toBeUndefined();
  });

  it('reads each file of every group on access, as enumerable properties that copy as data', () => {
    const files = bundledFiles({ 'a.json': new LazyJson('[1,2]') }, { 'b.json': { b: true } });
    expect(Object.keys(files)).toEqual(['a.json', 'b.json']);
    expect(files['a.json']).toEqual([1, 2]);
    expect(structuredClone(files)).toEqual({ 'a.json': [1, 2], 'b.json': { b: true } });
    expect(JSON.parse(JSON.stringify(files))).toEqual({ 'a.json': [1, 2], 'b.json': { b: true } });
    files['a.json'] = [3];
    expect(files['a.json']).toEqual([3]);
  });
});

describe('defaultRuleSetSource', () => {
  it('holds every rule file of the manifest, equal to the file on disk', () => {
    const root = join(import.meta.dirname, '..');
    const paths = Object.keys(defaultRuleSetSource.files);
    expect(paths).toContain('classification/carc.json');
    expect(paths).toContain('states/ca.json');
    for (const path of ['classification/carc.json', 'deadlines/windows.json', 'states/ny.json']) {
      expect(defaultRuleSetSource.files[path]).toEqual(
        JSON.parse(readFileSync(join(root, 'rules', path), 'utf8')),
      );
    }
  });
});
