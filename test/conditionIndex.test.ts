import { describe, expect, it } from 'vitest';
import { renderIcd10Coverage } from '../scripts/icd10-coverage.js';
import {
  createOverturn,
  defaultRuleSetSource,
  type RuleSetSource,
  recommendSpecialist,
} from '../src/index.js';
import { ConditionIndex, type IndexRow } from '../src/recommendSpecialist/conditionIndex.js';
import { issuesOf } from './_helpers/errors.js';

// biome-ignore lint/suspicious/noExplicitAny: tests reach into the rule JSON to break it on purpose
type Json = any;

const INDEX = 'specialists/icd10cm.json';

function copy(): RuleSetSource & { files: Record<string, Json>; manifest: Json } {
  return structuredClone(defaultRuleSetSource) as never;
}

const ruleSetIssues = (source: unknown) =>
  issuesOf((rules: RuleSetSource) => createOverturn({ rules }), source, 'INVALID_RULE_SET');

const row = (id: string, from: string, title: string, terms?: string[], to?: string): IndexRow => ({
  id,
  level: to ? 'block' : 'category',
  from,
  ...(to ? { to } : {}),
  title,
  ...(terms ? { terms } : {}),
  citation: 'test',
  sourceUrl: 'https://example.org/',
  verifiedOn: '2026-12-02',
  status: 'confirmed',
});

describe('ConditionIndex', () => {
  const index = new ConditionIndex([
    { row: row('b.hep', 'B15', 'Viral hepatitis', ['hepatitis c'], 'B19'), target: 'liver' },
    { row: row('c.i47', 'I47', 'Paroxysmal tachycardia', ['supraventricular tachycardia']), target: 'heart' },
    { row: row('g.chapter', 'G00', 'Diseases of the nervous system', undefined, 'G99'), target: 'nerves' },
    { row: row('g.other', 'G89', 'Other disorders of the nervous system', undefined, 'G99'), target: 'pain' },
  ]);

  it('finds a row by its title or its terms, stemmed', () => {
    expect(index.find('chronic hepatitis')?.target).toBe('liver');
    expect(index.find('tachycardias')?.row.id).toBe('c.i47');
    expect(index.find('supraventricular tachycardia')?.words).toEqual(['supraventricular', 'tachycardia']);
  });

  it('forgives a small typo in a long word, not in a short one', () => {
    expect(index.find('tachycardai')?.row.id).toBe('c.i47');
    // Five letters or fewer must be spelt right: "vyral" is not "viral".
    expect(index.find('vyral')).toBeUndefined();
    expect(index.find('viral')?.row.id).toBe('b.hep');
  });

  it('gives nothing for words that say nothing about the condition', () => {
    expect(index.find('a disorder of the')).toBeUndefined();
    expect(index.find('my son has a chronic problem')).toBeUndefined();
    expect(index.find('xyzzy')).toBeUndefined();
    expect(index.find('')).toBeUndefined();
  });

  it('reads no condition in "frequent" or "support", which titles use for other things', () => {
    const titles = new ConditionIndex([
      { row: row('n.n92', 'N92', 'Excessive, frequent and irregular menstruation'), target: 'gynecology' },
      { row: row('k.k08', 'K08', 'Other disorders of teeth and supporting structures'), target: 'dental' },
    ]);
    expect(titles.find('frequent loss of consciousness')).toBeUndefined();
    expect(titles.find('lacked the necessary support')).toBeUndefined();
    expect(titles.find('irregular menstruation')?.row.id).toBe('n.n92');
  });

  it('does not prefer "Other disorders of …" for a generic disorder: generic words are not searched', () => {
    // Both titles keep "nervous system" once "other", "disorders" and "diseases" are dropped: a tie, kept in
    // file order, so the chapter answers.
    expect(index.find('a nervous system disorder')?.row.id).toBe('g.chapter');
  });

  it('prefers a row with a whole term in the text, then more words matched, then a disease over a symptom', () => {
    const ranked = new ConditionIndex([
      {
        row: row('i.rheumatic', 'I00', 'Acute rheumatic fever', ['rheumatic fever'], 'I02'),
        target: 'heart',
      },
      {
        row: row('r.general', 'R50', 'General symptoms and signs', ['fever', 'fatigue'], 'R69'),
        target: 'general',
      },
      {
        row: row('r.urine', 'R30', 'Symptoms involving the genitourinary system', ['blood in urine'], 'R39'),
        target: 'uro',
      },
      {
        row: row('n.kidney', 'N10', 'Renal tubulo-interstitial diseases', ['kidney infection'], 'N16'),
        target: 'kidney',
      },
    ]);
    // "fever" is a whole term of the symptoms block; "rheumatic fever" is not in the text.
    expect(ranked.find('fever')?.target).toBe('general');
    expect(ranked.find('rheumatic fever')?.target).toBe('heart');
    // Both rows have a whole term and two words in the text: the disease wins over the symptom.
    expect(ranked.find('kidney infection with blood in the urine')?.target).toBe('kidney');
  });

  it("finds a term whole only with every word but grammar and an illness's generic names", () => {
    const whole = new ConditionIndex([
      { row: row('d.blood', 'D50', 'Diseases of the blood', ['blood disorder'], 'D89'), target: 'blood' },
      { row: row('g.ms', 'G35', 'Multiple sclerosis'), target: 'nerves' },
      { row: row('m.ssc', 'M34', 'Systemic sclerosis [scleroderma]'), target: 'joints' },
      { row: row('a.q', 'A78', 'Q fever'), target: 'infection' },
      {
        row: row('r.general', 'R50', 'General symptoms and signs', ['fever', 'fatigue'], 'R69'),
        target: 'general',
      },
      { row: row('o.delivery', 'O80', 'Encounter for delivery', ['c section'], 'O82'), target: 'obstetrics' },
      { row: row('k.bowel', 'K55', 'Other diseases of intestines', ['bowel'], 'K64'), target: 'bowel' },
    ]);
    // "disorder" is a generic name: "blood disorder" is whole in "a blood disorder" and "blood problems" alike.
    expect(whole.find('a rare blood disorder')?.whole).toBe(true);
    expect(whole.find('blood problems')?.target).toBe('blood');
    // "multiple" is left out of the search's scoring, not out of what "multiple sclerosis" says: without it the
    // row is not whole, and the row matching more of the text's words wins.
    expect(whole.find('multiple sclerosis')).toMatchObject({ target: 'nerves', whole: true });
    expect(whole.find('systemic sclerosis')).toMatchObject({ target: 'joints', whole: false });
    // A single letter is part of a title: "high fever" is no Q fever, "a section of the bowel" no C section.
    expect(whole.find('high fever')?.target).toBe('general');
    expect(whole.find('q fever')?.target).toBe('infection');
    expect(whole.find('a section of the bowel removed')?.target).toBe('bowel');
    expect(whole.find('c-section')?.target).toBe('obstetrics');
  });

  it('keeps "conduction" and "personality" apart from "conduct" and "person"', () => {
    const stems = new ConditionIndex([
      { row: row('f.conduct', 'F91', 'Conduct disorders'), target: 'mind' },
      { row: row('i.conduction', 'I45', 'Other conduction disorders'), target: 'heart' },
      {
        row: row('f.personality', 'F60', 'Specific personality disorders', ['personality disorder']),
        target: 'mind',
      },
    ]);
    expect(stems.find('conduction abnormality')?.target).toBe('heart');
    expect(stems.find('conduct problems')?.target).toBe('mind');
    expect(stems.find('borderline personality disorder')?.target).toBe('mind');
    expect(stems.find('multiple personalities')?.target).toBe('mind');
    expect(stems.find('a person who cannot walk')).toBeUndefined();
  });

  it('keeps enteritis, conjunctivitis, appendicitis and an aide apart from the common words that share their stems', () => {
    const stems = new ConditionIndex([
      { row: row('k.enteritis', 'K50', "Crohn's disease [regional enteritis]"), target: 'gut' },
      { row: row('h.conjunctivitis', 'H10', 'Conjunctivitis'), target: 'eye' },
      { row: row('k.appendicitis', 'K35', 'Acute appendicitis'), target: 'surgery' },
      {
        row: row('b.hiv', 'B20', 'Human immunodeficiency virus [HIV] disease', ['aids']),
        target: 'infection',
      },
      {
        row: row('f.skills', 'F81', 'Specific developmental disorders of scholastic skills'),
        target: 'child',
      },
    ]);
    expect(stems.find('a physician who entered psychoanalysis')).toBeUndefined();
    expect(stems.find('in conjunction with')).toBeUndefined();
    expect(stems.find('the report appended to the claim')).toBeUndefined();
    expect(stems.find('needs a home health aide')).toBeUndefined();
    expect(stems.find('skilled nursing')).toBeUndefined();
    expect(stems.find('regional enteritis')?.target).toBe('gut');
    expect(stems.find('allergic conjunctivitis')?.target).toBe('eye');
    expect(stems.find('appendicitis')?.target).toBe('surgery');
    expect(stems.find('AIDS')?.target).toBe('infection');
  });

  it("scores no word of a plan's or a person's sentence that only shares a stem with a title's", () => {
    const plain = new ConditionIndex([
      { row: row('o.termination', 'O07', 'Failed attempted termination of pregnancy'), target: 'pregnancy' },
      {
        row: row('g.lateral', 'G12', 'Spinal muscular atrophy and related syndromes', [
          'amyotrophic lateral sclerosis',
        ]),
        target: 'nerves',
      },
      { row: row('m.continuity', 'M84', 'Disorder of continuity of bone'), target: 'bone' },
    ]);
    expect(plain.find('coverage terminated')).toBeUndefined();
    expect(plain.find('later diagnosed with it')).toBeUndefined();
    expect(plain.find('continued care')).toBeUndefined();
    expect(plain.find('amyotrophic lateral sclerosis')?.target).toBe('nerves');
  });

  it("reads a typo only where the word begins as the text's does, or past a silent first letter", () => {
    const typos = new ConditionIndex([
      {
        row: row('z.vasectomy', 'Z30', 'Encounter for contraceptive management', ['vasectomy']),
        target: 'gyn',
      },
      { row: row('l.psoriasis', 'L40', 'Psoriasis'), target: 'skin' },
      {
        row: row('f.mutism', 'F94', 'Disorders of social functioning', [
          'selective mutism',
          'elective mutism',
        ]),
        target: 'mind',
      },
      { row: row('m.adult', 'M83', 'Adult osteomalacia'), target: 'bone' },
    ]);
    // "mastectomy" is a word of its own, one letter from "vasectomy": no typo.
    expect(typos.find('mastectomy')).toBeUndefined();
    expect(typos.find('vasectomy')?.target).toBe('gyn');
    // People spell by ear: "soriasis" is psoriasis.
    expect(typos.find('soriasis')?.target).toBe('skin');
    // "selective" is also "elective" past its first letter; the row still holds "selective mutism" as typed.
    expect(typos.find('adult selective mutism')?.target).toBe('mind');
  });

  it('prefers a word matched as written over one matched only through a typo, even in a status row', () => {
    const typo = new ConditionIndex([
      { row: row('e.stature', 'E34', 'Other endocrine disorders', ['short stature']), target: 'glands' },
      {
        row: row('z.status', 'Z77', 'Other factors influencing health status', undefined, 'Z99'),
        target: 'general',
      },
    ]);
    // "status" is a word of the status block as written, and "stature" only a typo away: the status block
    // wins, though a disease row otherwise outranks a status row.
    expect(typo.find('status dystonicus')?.target).toBe('general');
    // Alone, the typo still finds the row it is close to.
    expect(typo.find('statures')?.target).toBe('glands');
  });

  it('keeps a misspelt disease ahead of a generic word matched as written, when no row holds the misspelling', () => {
    const misspelt = new ConditionIndex([
      { row: row('g.migraine', 'G43', 'Migraine', ['migraine']), target: 'nerves' },
      {
        row: row('z.drugs', 'Z79', 'Long term (current) drug therapy', ['long term medication use']),
        target: 'general',
      },
    ]);
    // "migrane" is no row's word: its typo reading of "migraine" stands beside "medication" read as written, and
    // the disease outranks the status row.
    expect(misspelt.find('migrane medication')?.target).toBe('nerves');
  });

  it('reads "cancer", "carcinoma" and organ adjectives as the tabular list words them', () => {
    const neoplasms = new ConditionIndex([
      { row: row('c15', 'C15', 'Malignant neoplasm of esophagus'), target: 'oncology' },
      { row: row('k22', 'K22', 'Other diseases of esophagus'), target: 'gi' },
      { row: row('d49', 'D49', 'Neoplasms of unspecified behavior'), target: 'oncology' },
      { row: row('i44', 'I44', 'Atrioventricular and left bundle-branch block'), target: 'heart' },
    ]);
    // "adenocarcinoma" is "malignant neoplasm": the whole title is in the text, which beats "esophagus" alone.
    expect(neoplasms.find('adenocarcinoma of the esophagus')?.row.id).toBe('c15');
    expect(neoplasms.find('esophageal cancer')).toMatchObject({ row: { id: 'c15' }, whole: true });
    expect(neoplasms.find('esophageal stricture')?.row.id).toBe('k22');
    // "behavior" alone is not a tumour's behaviour; "left" and "right" name a side, not a condition.
    expect(neoplasms.find('limited insight into his behavior')?.whole).toBe(false);
    expect(neoplasms.find('a left frontal hematoma')).toBeUndefined();
  });

  it('lists every row with its target, in file order', () => {
    expect(index.rows.map((entry) => entry.row.id)).toEqual(['b.hep', 'c.i47', 'g.chapter', 'g.other']);
  });
});

describe('the ICD-10-CM index of the bundled rule set', () => {
  it('routes a condition that no phrase names, at medium confidence, saying it was a search', () => {
    const result = recommendSpecialist({ condition: 'supraventricular tachycardia' });
    expect(result.area.id).toBe('cardiac');
    expect(result.subspecialty?.taxonomyCode).toBe('207RC0001X');
    expect(result.confidence).toBe('medium');
    expect(result.evidence).toEqual([
      {
        kind: 'condition',
        value: 'supraventricular tachycardia',
        ruleId: 'icd10cm.I47',
        area: 'cardiac',
        use: 'routing',
      },
    ]);
    expect(result.ruleIds.slice(0, 3)).toEqual(['icd10cm.I47', 'icd10.I44-I49', 'cardiac']);
    expect(result.warnings[0]).toBe(
      '"supraventricular tachycardia" is not a condition overturn lists by name, so it was searched in the ICD-10-CM titles: the closest is I47 (Paroxysmal tachycardia). Check that this is the condition, or give its ICD-10-CM code.',
    );
    expect(result.rationale).toMatch(
      /^"supraventricular tachycardia" is closest to ICD-10-CM I47 \(Paroxysmal tachycardia\), in the condition area "Heart disease"\./,
    );
  });

  it('is not searched when a phrase names the condition', () => {
    const result = recommendSpecialist({ condition: 'heart attack' });
    expect(result.evidence[0]?.ruleId).toBe('icd10.I20-I25');
    expect(result.confidence).toBe('high');
  });

  it('keeps the fallback, with its warning, when nothing matches', () => {
    const result = recommendSpecialist({ condition: 'xyzzy' });
    expect(result.area.id).toBe('internal-medicine');
    expect(result.confidence).toBe('low');
    expect(result.warnings).toContain(
      '"xyzzy" does not name a condition overturn recognises; the specialist was chosen from the rest of the input.',
    );
  });

  it('routes every block to a specialty other than the general internist, except symptom, status and complication blocks', () => {
    const markdown = renderIcd10Coverage();
    const defaulted = markdown
      .split('\n')
      .filter((line) => line.endsWith('| default |') && !line.includes('| category |'))
      .map((line) => line.split(' | ')[0]?.slice(2));
    expect(defaulted).toEqual([
      'R00–R99',
      'Z00–Z99',
      'U00–U85',
      'R00–R09',
      'R50–R69',
      'R83–R89',
      'R90–R94',
      'R99',
      'T80–T88',
      'U00–U49',
      'Z00–Z13',
      'Z16',
      'Z18',
      'Z40–Z53',
      'Z66',
      'Z67',
      'Z68',
      'Z69–Z76',
      'Z77–Z99',
    ]);
  });

  it('holds every FY2026 3-character category outside chapter 20, titles in a table under one provenance', () => {
    const file = defaultRuleSetSource.files[INDEX] as Json;
    const titles = file.categories.titles as Record<string, string>;
    const rowCodes = (file.rows as IndexRow[])
      .filter((item) => item.level === 'category' || (item.level === 'block' && !item.to))
      .map((item) => item.from);
    // 1,918 categories in the CDC/NCHS April 2026 release, 273 of them external causes (V00–Y99).
    expect(Object.keys(titles).length + rowCodes.length).toBe(1918 - 273);
    expect(titles.A00).toBe('Cholera');
    expect(titles.J4A).toBe('Chronic lung allograft dysfunction');
    expect(rowCodes).toContain('QA0');
    expect(Object.keys(titles).some((code) => /^[VWXY]/.test(code))).toBe(false);
    expect(file.categories).toMatchObject({ id: 'icd10cm.categories', status: 'unconfirmed' });
  });

  it('routes a category found only in the table, and warns that its title is not yet confirmed', () => {
    const result = recommendSpecialist({ condition: 'chronic lung allograft dysfunction' });
    expect(result.specialty.taxonomyCode).toBe('207RP1001X');
    expect(result.evidence[0]).toMatchObject({ kind: 'condition', ruleId: 'icd10cm.J4A' });
    expect(result.warnings).toContain(
      "Not yet checked against a primary source: the ICD-10-CM category J4A (Chronic lung allograft dysfunction). Treat these as suggestions, and check the specialist's board certification (certificationmatters.org).",
    );
    // Gastroenteritis without a cause is K52.9 in the alphabetic index, not the infectious A09.
    expect(recommendSpecialist({ condition: 'gastroenteritis' }).evidence[0]?.ruleId).toBe('icd10cm.K52');
  });

  it('reads FY2026 codes whose second or third character is a letter (QA0, J4A)', () => {
    expect(recommendSpecialist({ icd10: ['QA0.1'] })).toMatchObject({
      specialty: { taxonomyCode: '207SG0201X' },
      evidence: [{ kind: 'icd10', value: 'QA0.1', ruleId: 'icd10.Q00-QA0' }],
    });
    expect(recommendSpecialist({ icd10: ['J4A.0'] }).evidence[0]?.ruleId).toBe('icd10.J40-J4A');
    // Only Q takes a letter second: a claim adjustment code is not read as a diagnosis.
    expect(issuesOf(recommendSpecialist, { icd10: ['CO45'] })).toHaveLength(1);
  });

  it('refuses a category that is both a row and a title of the table, and terms without a title', () => {
    const source = copy();
    source.files[INDEX].categories.titles.I47 = 'Paroxysmal tachycardia';
    source.files[INDEX].categories.terms = { A00: ['cholera morbus'], I48: ['afib'] };
    expect(ruleSetIssues(source).map((issue) => [issue.path.join('.'), issue.message])).toEqual([
      ['categories.terms.I48', 'I48 has terms but no title'],
      ['categories.titles.I47', 'I47 is also a row of rows: keep it in one place'],
    ]);
    const misshapen = copy();
    misshapen.files[INDEX].categories.titles.Z99X = 'Not a category';
    expect(ruleSetIssues(misshapen).map((issue) => [issue.path.join('.'), issue.message])).toEqual([
      ['categories.titles.Z99X', 'a 3-character ICD-10-CM category such as I21 or I5A'],
    ]);
  });

  it('works without the index: a rule set may leave it out', () => {
    const source = copy();
    delete source.manifest.domains.specialists.conditionIndex;
    delete source.files[INDEX];
    const overturn = createOverturn({ rules: source });
    expect(overturn.recommendSpecialist({ condition: 'supraventricular tachycardia' }).area.id).toBe(
      'internal-medicine',
    );
    expect(overturn.recommendSpecialist({ condition: 'heart attack' }).area.id).toBe('cardiac');
  });

  it('refuses a row that no range of areas.json holds, naming the row', () => {
    const source = copy();
    source.files[INDEX].rows.push({
      ...source.files[INDEX].rows.at(-1),
      id: 'icd10cm.V01',
      level: 'category',
      from: 'V01',
      title: 'Pedestrian injured in collision with pedal cycle',
    });
    const issues = ruleSetIssues(source);
    expect(issues).toEqual([
      {
        file: INDEX,
        path: ['rows', source.files[INDEX].rows.length - 1],
        message:
          'no range of specialists/areas.json holds all of icd10cm.V01: add one, so that it reaches a specialist',
        ruleId: 'icd10cm.V01',
      },
    ]);
  });

  it('refuses a child word of three words, which could never match (one word or a pair can)', () => {
    const source = copy();
    source.files['specialists/context.json'].children.words.push('in the nicu');
    const issues = ruleSetIssues(source);
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({
      file: 'specialists/context.json',
      message: 'one word or two (the condition is matched word by word, and by pairs of words)',
    });
    expect(issues[0]?.path.slice(0, 2)).toEqual(['children', 'words']);
  });

  it('refuses a malformed row: an unknown level, a code that is not a code, a range written at two levels', () => {
    const source = copy();
    const rows = source.files[INDEX].rows;
    rows[0].level = 'section';
    rows[1].from = 'A0';
    rows[2].to = 'A19.9';
    const issues = ruleSetIssues(source);
    expect(issues.map((issue) => [issue.file, issue.path.join('.')])).toEqual([
      [INDEX, 'rows.0.level'],
      [INDEX, 'rows.1.from'],
      [INDEX, 'rows.2.to'],
    ]);
  });
});

describe('scripts/icd10cm-import (checking the index against the CDC/NCHS tabular list XML)', () => {
  // A small file in the tabular list's shape, written for this test (two blocks, three categories).
  const xml = `<?xml version="1.0" encoding="utf-8"?>
<ICD10CM.tabular>
  <version>2026</version>
  <chapter>
    <name>1</name>
    <desc>Certain infectious and parasitic diseases (A00-B99)</desc>
    <section id="A00-A09">
      <desc>Intestinal infectious diseases (A00-A09)</desc>
      <diag>
        <name>A00</name>
        <desc>Cholera</desc>
        <diag><name>A00.0</name><desc>Cholera due to Vibrio cholerae 01, biovar cholerae</desc></diag>
      </diag>
      <diag>
        <name>A01</name>
        <desc>Typhoid and paratyphoid fevers</desc>
        <inclusionTerm><note>enteric fever</note><note>infection due to Salmonella typhi 01</note></inclusionTerm>
      </diag>
    </section>
    <section id="A15-A19">
      <desc>Tuberculosis (A15-A19)</desc>
      <diag><name>A15</name><desc>Respiratory tuberculosis</desc></diag>
    </section>
  </chapter>
</ICD10CM.tabular>`;

  it('reads chapters, blocks, categories and inclusion terms', async () => {
    const { parseTabular } = await import('../scripts/icd10cm-import.js');
    expect(parseTabular(xml)).toEqual({
      chapters: [{ title: 'Certain infectious and parasitic diseases', from: 'A00', to: 'B99' }],
      blocks: [
        { title: 'Intestinal infectious diseases', from: 'A00', to: 'A09' },
        { title: 'Tuberculosis', from: 'A15', to: 'A19' },
      ],
      categories: [
        { code: 'A00', title: 'Cholera', inclusions: [] },
        {
          code: 'A01',
          title: 'Typhoid and paratyphoid fevers',
          inclusions: ['enteric fever', 'infection due to Salmonella typhi 01'],
        },
        { code: 'A15', title: 'Respiratory tuberculosis', inclusions: [] },
      ],
    });
  });

  it('reads the same tabular list from CSV tables derived from it', async () => {
    const { parseTabularCsv } = await import('../scripts/icd10cm-import.js');
    const tabular = parseTabularCsv(
      'ICD10-CM-CODE,description,section,chapter\nA00,Cholera,A00-A09,1\nB20,Human immunodeficiency virus [HIV] disease,B20,1\n',
      'section_range,chapter,description\nA00-A09,1,Intestinal infectious diseases (A00-A09)\nB20,1,Human immunodeficiency virus [HIV] disease (B20)\n',
      'chapter,description\n17,"Congenital malformations, deformations and chromosomal abnormalities (Q00-QA0)"\n',
    );
    expect(tabular).toEqual({
      chapters: [
        {
          title: 'Congenital malformations, deformations and chromosomal abnormalities',
          from: 'Q00',
          to: 'QA0',
        },
      ],
      blocks: [
        { title: 'Intestinal infectious diseases', from: 'A00', to: 'A09' },
        { title: 'Human immunodeficiency virus [HIV] disease', from: 'B20', to: 'B20' },
      ],
      categories: [
        { code: 'A00', title: 'Cholera', inclusions: [] },
        { code: 'B20', title: 'Human immunodeficiency virus [HIV] disease', inclusions: [] },
      ],
    });
    // A derived table confirms nothing, and leaves a one-category block's category to the block's row.
    const { mergeTabular } = await import('../scripts/icd10cm-import.js');
    const index = structuredClone(defaultRuleSetSource.files[INDEX]) as Json;
    index.rows = index.rows.filter(
      (item: IndexRow) => item.id === 'icd10cm.A00-A09' || item.id === 'icd10cm.B20',
    );
    delete index.categories;
    const { file } = mergeTabular(index, tabular, {
      kind: 'csv',
      url: 'https://example.org/tables',
      verifiedOn: '2026-12-03',
    });
    expect(file.rows.map((item) => item.status)).toEqual(['unconfirmed', 'unconfirmed']);
    expect(file.categories).toMatchObject({
      status: 'unconfirmed',
      sourceUrl: 'https://example.org/tables',
      titles: { A00: 'Cholera' },
    });
    expect(Object.keys(file.categories?.titles ?? {})).toEqual(['A00']);
  });

  it('confirms the rows the file agrees with, reports the ones it does not, adds the missing categories', async () => {
    const { mergeTabular, parseTabular } = await import('../scripts/icd10cm-import.js');
    const index = structuredClone(defaultRuleSetSource.files[INDEX]) as Json;
    index.rows = index.rows.filter((item: IndexRow) => item.from.startsWith('A'));
    const tuberculosis = index.rows.find((item: IndexRow) => item.id === 'icd10cm.A15-A19');
    tuberculosis.title = 'TB';
    delete index.categories;
    const { file, report } = mergeTabular(index, parseTabular(xml), {
      kind: 'xml',
      verifiedOn: '2026-12-03',
    });
    const byId = new Map(file.rows.map((item) => [item.id, item]));
    expect(byId.get('icd10cm.A00-B99')?.status).toBe('confirmed');
    expect(byId.get('icd10cm.A00-A09')).toMatchObject({
      status: 'confirmed',
      verifiedOn: '2026-12-03',
      citation: 'ICD-10-CM Tabular List of Diseases and Injuries, FY2026 (CDC/NCHS and CMS): block A00–A09',
    });
    expect(byId.get('icd10cm.A15-A19')?.status).toBe('unconfirmed');
    // Categories without a row of their own go to the table, titles and inclusion terms, under one provenance.
    expect(file.categories).toMatchObject({
      id: 'icd10cm.categories',
      status: 'confirmed',
      verifiedOn: '2026-12-03',
      titles: { A00: 'Cholera', A01: 'Typhoid and paratyphoid fevers', A15: 'Respiratory tuberculosis' },
      terms: { A01: ['enteric fever'] },
    });
    expect(Object.keys(file.categories?.titles ?? {})).toEqual(['A00', 'A01', 'A15']);
    expect(report).toContain('icd10cm.A15-A19: title "TB" differs from the file\'s "Tuberculosis"');
    expect(report).toContain('icd10cm.A20-A28: no block A20–A28 in the file');
  });
});
