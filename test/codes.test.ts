import { describe, expect, it } from 'vitest';
import { parseCode } from '../src/classifyDenial/codes.js';

describe('parseCode', () => {
  it.each([
    ['CO-50', { system: 'CARC', code: '50', group: 'CO', display: 'CO-50' }],
    ['CO50', { system: 'CARC', code: '50', group: 'CO', display: 'CO-50' }],
    ['co 50', { system: 'CARC', code: '50', group: 'CO', display: 'CO-50' }],
    [' Co - 050 ', { system: 'CARC', code: '50', group: 'CO', display: 'CO-50' }],
    ['50', { system: 'CARC', code: '50', display: '50' }],
    ['PR-204', { system: 'CARC', code: '204', group: 'PR', display: 'PR-204' }],
    ['OA 18', { system: 'CARC', code: '18', group: 'OA', display: 'OA-18' }],
    ['PI-B8', { system: 'CARC', code: 'B8', group: 'PI', display: 'PI-B8' }],
    ['CR:A1', { system: 'CARC', code: 'A1', group: 'CR', display: 'CR-A1' }],
    ['b8', { system: 'CARC', code: 'B8', display: 'B8' }],
    ['N115', { system: 'RARC', code: 'N115', display: 'N115' }],
    ['n 115', { system: 'RARC', code: 'N115', display: 'N115' }],
    ['MA130', { system: 'RARC', code: 'MA130', display: 'MA130' }],
    ['M25', { system: 'RARC', code: 'M25', display: 'M25' }],
    ['CARC 50', { system: 'CARC', code: '50', display: '50' }],
    ['RARC: N661', { system: 'RARC', code: 'N661', display: 'N661' }],
  ])('reads %j', (raw, expected) => {
    expect(parseCode(raw)).toEqual(expected);
  });

  it.each(['', 'CO', 'PR-', 'hello', 'CO-50-1', '12345', 'Z', 'N', 'MA', 'CO--'])('refuses %j', (raw) => {
    expect(parseCode(raw)).toBeUndefined();
  });
});
