import { describe, expect, it } from 'vitest';
import { tokenize } from '../src/engine/phraseMatcher.js';
import { defaultRuleSetSource, recommendSpecialist } from '../src/index.js';
import {
  codeFamily,
  isCodesOnly,
  PROCEDURE_CODE,
  ProcedureCodeIndex,
  procedureCodesIn,
} from '../src/recommendSpecialist/procedureCodes.js';
import { proceduresFileSchema } from '../src/recommendSpecialist/ruleData.js';

describe('procedure billing codes', () => {
  it('knows the shapes of CPT, Category III and HCPCS Level II codes', () => {
    for (const code of ['27447', '0275T', 'J9271', 'E0601', 'D7240'])
      expect(PROCEDURE_CODE.test(code)).toBe(true);
    for (const code of ['2744', '274470', 'J927', 'JJ271', '27447-RT', 'e0601'])
      expect(PROCEDURE_CODE.test(code)).toBe(false);
  });

  it('groups codes into families that compare as strings', () => {
    expect(codeFamily('27447')).toBe('0');
    expect(codeFamily('J9271')).toBe('J');
    expect(codeFamily('0275T')).toBe('#T');
  });

  it('finds the codes a treatment field names, in any case, with their word positions', () => {
    expect(procedureCodesIn('CPT 27447-RT and e0601 (CPAP)')).toEqual([
      { code: '27447', word: 1 },
      { code: 'E0601', word: 4 },
    ]);
    expect(procedureCodesIn('12 visits of 2744')).toEqual([]);
  });

  it('does not read an amount or an identifier as a code', () => {
    for (const text of [
      'billed $25000',
      '$ 25000',
      '25000 dollars',
      '12345.50',
      '1.23456',
      'claim 94110',
      'member id A1234',
      'auth 94110',
      'diagnosis code J9601',
      'ICD-10 D5700',
      'Roswell Park, Buffalo NY 14203',
      'Duarte, CA 91010',
      'Pittsburgh, PA. 15213',
      'ZIP 14203-1234',
      'box 1234, 19103-2799',
      'Houston, TX 77030',
      'Hartford, CT 06106',
      'total 25000',
    ])
      expect(procedureCodesIn(text), text).toEqual([]);
    // A state's abbreviation in lower case is a word, and a modifier is not a ZIP code's four digits.
    expect(procedureCodesIn('seen in ny 27447')).toEqual([{ code: '27447', word: 3 }]);
    expect(procedureCodesIn('27447-RT')).toEqual([{ code: '27447', word: 0 }]);
    // A clinical abbreviation that is also a state's is no ZIP code's state without a comma; a letter code never is one.
    expect(procedureCodesIn('OR 27447')).toEqual([{ code: '27447', word: 1 }]);
    expect(procedureCodesIn('CT 71250')).toEqual([{ code: '71250', word: 1 }]);
    expect(procedureCodesIn('NY E0601')).toEqual([{ code: 'E0601', word: 1 }]);
    expect(procedureCodesIn('total knee 27447')).toEqual([{ code: '27447', word: 2 }]);
    expect(procedureCodesIn('CPT 27447,27446')).toEqual([
      { code: '27447', word: 1 },
      { code: '27446', word: 2 },
    ]);
    expect(procedureCodesIn('#43644 and code:29881')).toEqual([
      { code: '43644', word: 0 },
      { code: '29881', word: 3 },
    ]);
  });

  it('answers the narrowest range that holds a code, and nothing across families', () => {
    const index = new ProcedureCodeIndex([
      { range: { from: '40490', to: '49999' }, row: 'digestive' },
      { range: { from: '43644', to: '43645' }, row: 'bariatric' },
      { range: { from: 'J9000', to: 'J9999' }, row: 'cancer drug' },
      { range: { from: '0362T' }, row: 'aba' },
    ]);
    expect(index.find('43644')).toBe('bariatric');
    expect(index.find('43646')).toBe('digestive');
    expect(index.find('40489')).toBeUndefined();
    expect(index.find('J9271')).toBe('cancer drug');
    expect(index.find('E9271')).toBeUndefined();
    expect(index.find('0362T')).toBe('aba');
    expect(index.find('0363T')).toBeUndefined();
  });
});

describe('a procedure row with billing codes', () => {
  const row = {
    id: 'code.test',
    name: 'surgery on bones and joints',
    phrases: [] as string[],
    codes: [{ from: '20000', to: '29999' }],
    performedBy: '207X00000X',
    area: 'musculoskeletal',
    citation: 'a test',
    sourceUrl: 'https://example.org',
    verifiedOn: '2026-12-05',
    status: 'unconfirmed',
  };
  const file = (rows: unknown[]) => ({ kind: 'procedure-table', rows });
  const messages = (rows: unknown[]) => {
    const result = proceduresFileSchema.safeParse(file(rows));
    return result.success ? [] : result.error.issues.map((issue) => issue.message);
  };

  it('may be read by its codes alone', () => {
    expect(messages([row])).toEqual([]);
  });

  it('is refused with neither phrases nor codes', () => {
    const { codes: _, ...withoutCodes } = row;
    expect(messages([withoutCodes])).toEqual(['a treatment is read by its phrases, its codes or both']);
  });

  it('is refused with a range across code shapes or ending before it starts', () => {
    expect(messages([{ ...row, codes: [{ from: '20000', to: 'J9999' }] }])).toEqual([
      'from and to are codes of the same shape and letter',
    ]);
    expect(messages([{ ...row, codes: [{ from: '29999', to: '20000' }] }])).toEqual([
      '20000 is before 29999',
    ]);
    expect(messages([{ ...row, codes: [{ from: '2000' }] }])).toHaveLength(1);
  });
});

describe('recommendSpecialist with a treatment given by its billing code', () => {
  const procedureEvidence = (procedure: string, condition?: string) =>
    recommendSpecialist(condition ? { procedure, condition } : { procedure }).evidence.filter(
      (item) => item.kind === 'procedure',
    );

  it('reads the code as the treatment it names, and says how it read it', () => {
    const advice = recommendSpecialist({ procedure: '27447' });
    expect(procedureEvidence('27447')).toEqual([
      {
        kind: 'procedure',
        value: '27447',
        ruleId: 'procedure.knee-replacement',
        area: 'joint-replacement',
        use: 'routing',
      },
    ]);
    expect(advice.warnings[0]).toBe(
      '"27447" was read by its billing code 27447 as knee replacement; if that is not the treatment\'s procedure code (a diagnosis code or an amount, say), name the treatment in words.',
    );
  });

  it('reads the words first: a code beside a treatment in words is not read', () => {
    expect(procedureEvidence('knee arthroscopy (29881)').map((item) => item.value)).toEqual([
      'knee arthroscopy',
    ]);
  });

  it('never lets a code take the route from a condition, however weakly the condition was found', () => {
    // "fall at home" only says how an injury came about: a treatment named in words takes the route from it.
    expect(recommendSpecialist({ condition: 'fall at home', procedure: 'D5700' }).area.id).not.toBe(
      'dental-oral',
    );
    expect(recommendSpecialist({ condition: 'fall at home', procedure: 'dental implant' }).area.id).toBe(
      'dental-oral',
    );
  });

  it('never lets a code take the route from a diagnosis code', () => {
    const advice = recommendSpecialist({ icd10: ['C53.9'], procedure: '58210' });
    expect(advice.specialty.taxonomyCode).toBe('207VX0201X');
    expect(procedureEvidence('58210')[0]?.ruleId).toBe('procedure.hysterectomy');
  });

  it('says when a code names no specialist', () => {
    expect(recommendSpecialist({ procedure: '70553' }).warnings[0]).toBe(
      '"70553" gives a billing code overturn does not map to a specialist (office visits, imaging, most laboratory tests and some surgical sections name none); the specialist was chosen from the rest of the input. Name the treatment in words for its specialist.',
    );
  });
});

describe('a treatment field of codes only', () => {
  it('is told apart from one with words', () => {
    expect(isCodesOnly(tokenize('CPT 27447'))).toBe(true);
    expect(isCodesOnly(tokenize('27447 and 27446'))).toBe(true);
    expect(isCodesOnly(tokenize('27447-RT'))).toBe(false);
    expect(isCodesOnly(tokenize('knee replacement 27447'))).toBe(false);
    expect(isCodesOnly(tokenize('  '))).toBe(false);
  });

  it('can hold no treatment phrase, so its phrase search is skipped safely', () => {
    const rows = (
      defaultRuleSetSource.files['specialists/procedures.json'] as { rows: { phrases: string[] }[] }
    ).rows;
    for (const row of rows)
      for (const phrase of row.phrases) expect(isCodesOnly(tokenize(phrase)), phrase).toBe(false);
  });
});
