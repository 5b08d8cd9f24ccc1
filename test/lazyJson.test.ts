/**
 * The package keeps each bundled rule file as JSON text until a call reads it (tsup.config.ts): the value must be
 * the file's, parsed once, and the public `defaultRuleSetSource` must read as plain data.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { bundledFiles, LazyJson, LazyRowMap, readBundled } from '../src/_lib/lazyJson.js';
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

describe('LazyRowMap', () => {
  // A code table's text and its row index, as the build writes them (tsup.config.ts, codeRowIndex).
  const rows = [
    { code: '50', weight: 4 },
    { code: '197', weight: 3 },
  ];
  const text = JSON.stringify({ kind: 'code-table', rows });
  const spanOf = (row: object) => {
    const start = text.indexOf(JSON.stringify(row));
    return [start, start + JSON.stringify(row).length];
  };
  const index = JSON.stringify({ '50': spanOf(rows[0] as object), '197': spanOf(rows[1] as object) });
  const byCode = (row: { code: string }) => row.code;

  it('reads each row alone, once, without parsing the file', () => {
    const file = new LazyJson(text, index);
    const map = new LazyRowMap(file, byCode);
    expect(map.get('197')).toEqual(rows[1]);
    expect(map.get('197')).toBe(map.get('197'));
    expect(map.has('50')).toBe(true);
    for (const key of ['51', '__proto__', 'constructor', 'hasOwnProperty', ''])
      expect(map.has(key)).toBe(false);
    expect(file.readsRows).toBe(true);
    // Reading it whole keeps the rows already read.
    const read = map.get('50');
    expect([...map.entries()]).toEqual([
      ['50', rows[0]],
      ['197', rows[1]],
    ]);
    expect(map.get('50')).toBe(read);
    expect(map.size).toBe(2);
  });

  it('maps the parsed file once it was read whole', () => {
    const file = new LazyJson(text, index);
    const value = readBundled(file) as { rows: { code: string }[] };
    expect(file.readsRows).toBe(false);
    const map = new LazyRowMap(file, byCode);
    expect(map.get('50')).toBe(value.rows[0]);
    expect(map.has('51')).toBe(false);
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
