import fc from 'fast-check';
import { describe, expect, expectTypeOf, it } from 'vitest';
import {
  CLAIM_TYPES,
  createOverturn,
  DENIAL_CATEGORIES,
  defaultRuleSetSource,
  OverturnError,
  type RuleSetSource,
  recommendSpecialist,
  type SpecialistInput,
  type SpecialistRecommendation,
} from '../src/index.js';
import { ordinal, parseIcd10, rangeHolds } from '../src/recommendSpecialist/icd10.js';
import { issuesOf } from './_helpers/errors.js';

// biome-ignore lint/suspicious/noExplicitAny: tests reach into the rule JSON to break it on purpose
type Json = any;

const AREAS = 'specialists/areas.json';
const SPECIALTIES = 'specialists/specialties.json';
const PROCEDURES = 'specialists/procedures.json';
const CONTEXT = 'specialists/context.json';

function copy(): RuleSetSource & { files: Record<string, Json>; manifest: Json } {
  return structuredClone(defaultRuleSetSource) as never;
}

const invalid = (input: unknown) => issuesOf(recommendSpecialist, input);

const ruleSetIssues = (source: unknown) =>
  issuesOf((rules: RuleSetSource) => createOverturn({ rules }), source, 'INVALID_RULE_SET');

const codesOf = (result: SpecialistRecommendation) => result.alternatives.map((item) => item.taxonomyCode);

describe('parseIcd10', () => {
  it('reads codes by shape, in any case, with or without the dot', () => {
    expect(parseIcd10('I21.4')).toEqual({ code: 'I214', display: 'I21.4' });
    expect(parseIcd10(' i214 ')).toEqual({ code: 'I214', display: 'I21.4' });
    expect(parseIcd10('C50.911')).toEqual({ code: 'C50911', display: 'C50.911' });
    expect(parseIcd10('M17.11')).toEqual({ code: 'M1711', display: 'M17.11' });
    expect(parseIcd10('F32.A')).toEqual({ code: 'F32A', display: 'F32.A' });
    expect(parseIcd10('U07.1')).toEqual({ code: 'U071', display: 'U07.1' });
    expect(parseIcd10('S06.2X1A')).toEqual({ code: 'S062X1A', display: 'S06.2X1A' });
    expect(parseIcd10('O9A')).toEqual({ code: 'O9A', display: 'O9A' });
  });

  it('refuses what is not shaped like an ICD-10-CM code', () => {
    for (const raw of [
      '',
      'I2',
      'I21.',
      'I2.14',
      '121.4',
      'II1.4',
      'CO-50',
      'I21.4567X',
      'I21 4',
      'I21..4',
      '410.9',
    ]) {
      expect(parseIcd10(raw), raw).toBeUndefined();
    }
  });

  it('tells whether one range lies inside another, dotted or not', () => {
    expect(rangeHolds({ from: 'C00', to: 'D49' }, { from: 'C61' })).toBe(true);
    expect(rangeHolds({ from: 'E70', to: 'E88' }, { from: 'E88.01' })).toBe(true);
    expect(rangeHolds({ from: 'D01.0', to: 'D01.3' }, { from: 'D0130' })).toBe(true);
    expect(rangeHolds({ from: 'I20', to: 'I25' }, { from: 'I26' })).toBe(false);
    expect(rangeHolds({ from: 'Q00', to: 'Q99' }, { from: 'QA0' })).toBe(false);
    expect(rangeHolds({ from: 'Q00', to: 'QA0' }, { from: 'QA0' })).toBe(true);
  });

  it('orders codes of a length the way ICD-10-CM lists them (digits before letters)', () => {
    expect(ordinal('O99')).toBeLessThan(ordinal('O9A'));
    expect(ordinal('C49')).toBeLessThan(ordinal('C4A'));
    expect(ordinal('I25') - ordinal('I20')).toBe(5);
  });
});

describe('recommendSpecialist: worked examples', () => {
  it('routes a heart attack on a critical-illness claim to an interventional cardiologist, citing the MI definition', () => {
    const result = recommendSpecialist({ icd10: ['I21.4'], claimType: 'critical_illness' });
    expect(result).toMatchObject({
      specialty: {
        name: 'Cardiovascular Disease',
        taxonomyCode: '207RC0000X',
        board: 'American Board of Internal Medicine',
      },
      subspecialty: { name: 'Interventional Cardiology', taxonomyCode: '207RI0011X' },
      area: { id: 'cardiac', name: 'Heart disease' },
      confidence: 'high',
      requirements: [
        'board_certified',
        'no_insurer_ties',
        'examines_patient',
        'written_report_addresses_denial',
        'cites_guidelines',
        'addresses_policy_definition',
      ],
      evidence: [
        { kind: 'icd10', value: 'I21.4', ruleId: 'icd10.I20-I25', area: 'cardiac', use: 'routing' },
        {
          kind: 'claim_type',
          value: 'critical_illness',
          ruleId: 'context.claim.critical-illness',
          use: 'context',
        },
      ],
      warnings: [],
      ruleSet: { id: 'overturn-us', version: '0.1.0' },
    });
    expect(result.guidelines.slice(0, 2)).toEqual([
      'Fourth Universal Definition of Myocardial Infarction (ESC/ACC/AHA/WHF, 2018)',
      'ACC/AHA clinical practice guidelines',
    ]);
    expect(result.rationale).toContain('Diagnosis code I21.4 is in I20–I25 (Ischemic heart diseases).');
    expect(result.rationale).toContain('An interventional cardiologist is the preferred subspecialist');
    expect(result.rationale).toContain("meets the policy's own definition");
    expect(result.ruleIds.slice(0, 3)).toEqual([
      'context.claim.critical-illness',
      'icd10.I20-I25',
      'cardiac',
    ]);
    expect(result.notes.map((note) => note.id)).toEqual([...result.requirements, ...result.avoid]);
  });

  it('accepts the code in every printed form and reports it as ICD-10-CM prints it', () => {
    for (const raw of ['I21.4', 'i21.4', 'i214', ' I214 ']) {
      expect(recommendSpecialist({ icd10: [raw] }).evidence[0]?.value).toBe('I21.4');
    }
  });

  it('picks the most specific range: M54 (dorsalgia) inside M40–M54 (dorsopathies) inside M00–M99', () => {
    expect(recommendSpecialist({ icd10: ['M54.50'] }).area.id).toBe('chronic-pain');
    expect(recommendSpecialist({ icd10: ['M51.16'] }).area.id).toBe('spine');
    expect(recommendSpecialist({ icd10: ['M62.81'] })).toMatchObject({
      area: { id: 'musculoskeletal' },
      confidence: 'medium',
    });
    // A range written at a deeper level wins over a wider one: D01.0–D01.3 over D00–D09.
    expect(recommendSpecialist({ icd10: ['D01.2'] }).area.id).toBe('colorectal-cancer');
    expect(recommendSpecialist({ icd10: ['D01.4'] }).area.id).toBe('oncology');
    // A code less specific than a range is not inside it: Z68 is not in Z68.35–Z68.45.
    expect(recommendSpecialist({ icd10: ['Z68.41'] }).area.id).toBe('bariatric');
    expect(recommendSpecialist({ icd10: ['Z68'] }).area.id).toBe('internal-medicine');
  });

  it('lists the specialists of the other codes as alternatives, with the reason', () => {
    const result = recommendSpecialist({ icd10: ['C50.911', 'E11.9', 'I10'] });
    expect(result.specialty.taxonomyCode).toBe('207RX0202X');
    expect(result.alternatives.slice(0, 2)).toEqual([
      {
        name: 'Endocrinology, Diabetes & Metabolism',
        taxonomyCode: '207RE0101X',
        board: 'American Board of Internal Medicine',
        reason: 'For E11.9 (Diabetes mellitus)',
      },
      {
        name: 'Cardiovascular Disease',
        taxonomyCode: '207RC0000X',
        board: 'American Board of Internal Medicine',
        reason: 'For I10 (Diseases of the circulatory system)',
      },
    ]);
    expect(result.evidence.map((item) => item.use)).toEqual(['routing', 'alternative', 'alternative']);
  });

  it('never routes on an external-cause code, and says so', () => {
    const result = recommendSpecialist({ icd10: ['W19.XXXA', 'S72.001A'] });
    expect(result.specialty.taxonomyCode).toBe('207X00000X');
    expect(result.evidence[0]).toEqual({
      kind: 'icd10',
      value: 'W19.XXXA',
      ruleId: 'icd10.V00-Y99',
      use: 'ignored',
    });
    expect(result.warnings[0]).toBe(
      'W19.XXXA is an external-cause code (how an injury happened); it is never the diagnosis that picks the specialist, so it was not used.',
    );
    expect(result.warnings[1]).toContain('S72.001A was taken as the principal diagnosis');
    const alone = recommendSpecialist({ icd10: ['V43.52XA'] });
    expect(alone).toMatchObject({ specialty: { taxonomyCode: '207R00000X' }, confidence: 'low' });
  });

  it('follows the code when a condition disagrees, and warns', () => {
    const result = recommendSpecialist({ icd10: ['I21.4'], condition: 'lung cancer' });
    expect(result).toMatchObject({ area: { id: 'cardiac' }, confidence: 'medium' });
    expect(codesOf(result)[0]).toBe('207RX0202X');
    expect(result.warnings[0]).toBe(
      'The condition "lung cancer" points to Lung cancer, but the principal diagnosis code I21.4 is in Ischemic heart diseases; the code was followed. Check that the code is right.',
    );
  });

  it('lets a named condition beat a symptom or catch-all code', () => {
    expect(recommendSpecialist({ icd10: ['R07.9'], condition: 'heart attack' }).area.id).toBe('cardiac');
    expect(recommendSpecialist({ icd10: ['C80.1'], condition: 'breast cancer' }).area.id).toBe(
      'breast-cancer',
    );
  });

  it('finds conditions in plain words: the longest phrase wins, in any case and punctuation', () => {
    expect(recommendSpecialist({ condition: 'Stage II BREAST-CANCER' }).area.id).toBe('breast-cancer');
    expect(recommendSpecialist({ condition: "Alzheimer's disease" }).area.id).toBe('cognitive');
    const lyme = recommendSpecialist({ condition: 'chronic Lyme' });
    expect(lyme).toMatchObject({
      specialty: { taxonomyCode: '207RI0200X' },
      evidence: [{ kind: 'condition', value: 'chronic lyme', ruleId: 'icd10.A69.2', use: 'routing' }],
    });
    expect(lyme.warnings[0]).toMatch(/^Chronic Lyme disease is a contested diagnosis/);
    expect(lyme.guidelines[0]).toMatch(/^IDSA\/AAN\/ACR 2020/);
  });

  it('adds the specialty that performs a disputed procedure', () => {
    const result = recommendSpecialist({
      icd10: ['I25.10'],
      procedure: 'Coronary artery bypass graft (CABG)',
      denialCategory: 'medical_necessity',
    });
    expect(result.specialty.taxonomyCode).toBe('207RC0000X');
    expect(result.alternatives[0]).toMatchObject({
      taxonomyCode: '208G00000X',
      reason:
        "Performs coronary artery bypass surgery: when the dispute is whether it is needed, this specialty's view counts too",
    });
    expect(result.rationale).toContain(
      'Because coronary artery bypass surgery is in dispute, add the view of a cardiothoracic surgeon',
    );
    expect(recommendSpecialist({ procedure: 'lumbar fusion' })).toMatchObject({
      specialty: { taxonomyCode: '207X00000X' },
      subspecialty: { taxonomyCode: '207XS0117X' },
      area: { id: 'spine' },
      confidence: 'medium',
    });
    // NUCC: adult reconstructive orthopaedics is a specialization of the Orthopaedic Surgery classification.
    expect(recommendSpecialist({ procedure: 'total knee arthroplasty' })).toMatchObject({
      specialty: { taxonomyCode: '207X00000X', name: 'Orthopaedic Surgery' },
      subspecialty: { taxonomyCode: '207XS0114X', name: 'Adult Reconstructive Orthopaedic Surgery' },
    });
  });

  it("does not let a treatment yield to children's care when a given age says adult", () => {
    // Occupational therapy yields to a child's developmental disorder (`yieldsTo: pediatrics`), a sensory processing
    // disorder too (found as F88 by the search since session 55): the developmental-behavioral pediatrician judges
    // the plan, as the rule's documentation has said since round 32; an adult's goes to the physiatrist, with the
    // occupational therapist.
    for (const condition of ['developmental delay', 'sensory processing disorder']) {
      const child = recommendSpecialist({ condition, procedure: 'occupational therapy', age: 5 });
      expect(child.subspecialty?.taxonomyCode).toBe('2080P0006X');
      const adult = recommendSpecialist({ condition, procedure: 'occupational therapy', age: 25 });
      expect(adult.area.id).toBe('rehabilitation');
      expect(adult.specialty.taxonomyCode).toBe('208100000X');
      expect(adult.subspecialty?.taxonomyCode).toBe('225X00000X');
    }
    // For an adult a children's range takes no treatment's yield: an adult's personal care with autism is the
    // physiatrist's (judged on function), with the psychiatrist, the range's adult area, beside him.
    const autismCare = recommendSpecialist({
      condition: 'autism',
      procedure: 'personal care attendant',
      age: 30,
    });
    expect(autismCare.specialty.taxonomyCode).toBe('208100000X');
    expect(autismCare.alternatives.map((item) => item.taxonomyCode)).toContain('2084P0800X');
    // A childhood range outside children's care keeps its yield too: an adult's ADHD in a rehabilitation stay.
    expect(
      recommendSpecialist({ condition: 'ADHD', procedure: 'inpatient rehabilitation', age: 30 }).area.id,
    ).toBe('mental-health');
    // Without an age, the childhood condition says child: it keeps the yield.
    expect(
      recommendSpecialist({ condition: 'developmental delay', procedure: 'occupational therapy' }).area.id,
    ).toBe('pediatrics');
  });

  it("never answers with children's care for a given adult age: each children's range names the adult's area", () => {
    const route = (condition: string, age: number) => {
      const result = recommendSpecialist({ condition, age });
      return [result.area.id, result.specialty.taxonomyCode];
    };
    // Developmental disorders (F81–F89) are chapter 5's: the psychiatrist's for an adult, the developmental
    // pediatrician's for a child; speech and language disorders (F80) are judged in rehabilitation for an adult.
    expect(route('dyslexia', 30)).toEqual(['mental-health', '2084P0800X']);
    expect(route('dyslexia', 9)).toEqual(['pediatrics', '208000000X']);
    expect(route('stuttering', 40)).toEqual(['rehabilitation', '208100000X']);
    expect(route('stuttering', 6)).toEqual(['pediatrics', '208000000X']);
    // An adult's failure to thrive (R62.7) is the internist's; a chest deformity (Q67.6–Q67.8) the thoracic
    // surgeon's, a skull's (Q67) the plastic surgeon's; a perinatal condition still present in an adult the internist's.
    expect(route('failure to thrive', 50)).toEqual(['internal-medicine', '207R00000X']);
    expect(route('pectus excavatum', 30)).toEqual(['cardiac-surgery', '208G00000X']);
    expect(route('pectus excavatum', 12)).toEqual(['pediatrics', '208000000X']);
    expect(route('plagiocephaly', 30)).toEqual(['reconstructive', '208200000X']);
    expect(route('neonatal jaundice', 30)).toEqual(['internal-medicine', '207R00000X']);
    expect(route('failure to thrive', 1)).toEqual(['pediatrics', '208000000X']);
    // A condition of the perinatal period is history from age 2: a child of 5 whose prematurity still routes has
    // the general pediatrician, not the neonatologist (a baby keeps him).
    expect(recommendSpecialist({ condition: 'prematurity', age: 5 }).subspecialty).toBeUndefined();
    expect(recommendSpecialist({ condition: 'prematurity', age: 0 }).subspecialty?.taxonomyCode).toBe(
      '2080N0001X',
    );
    // For an adult, a children's range takes no treatment's yield: inpatient rehabilitation for autism is the
    // physiatrist's, as before, not the psychiatrist's (the range's adult area).
    expect(
      recommendSpecialist({ condition: 'autism', procedure: 'inpatient rehabilitation', age: 25 }).area.id,
    ).toBe('rehabilitation');
  });

  it('reads a treatment named across the condition and the treatment fields', () => {
    const carpal = recommendSpecialist({ condition: 'carpal tunnel', procedure: 'release surgery' });
    expect(carpal.area.id).toBe('musculoskeletal');
    expect(carpal.evidence.find((item) => item.kind === 'procedure')).toMatchObject({
      value: 'carpal tunnel release',
      use: 'routing',
    });
    expect(
      recommendSpecialist({ condition: 'knee', procedure: 'replacement' }).subspecialty?.taxonomyCode,
    ).toBe('207XS0114X');
    // Only where the treatment field alone names nothing: "hospital stay" is named, so "knee replacement" is not read.
    const named = recommendSpecialist({ condition: 'knee', procedure: 'replacement, hospital stay' });
    expect(named.evidence.filter((item) => item.kind === 'procedure').map((item) => item.value)).toEqual([
      'hospital stay',
    ]);
    // Only a wording that begins with the whole condition: "weight loss surgery" is not read here.
    expect(
      recommendSpecialist({ condition: 'cancer with weight loss', procedure: 'surgery' }).evidence.some(
        (item) => item.kind === 'procedure',
      ),
    ).toBe(false);
    // A wording inside the condition alone is not a treatment in dispute.
    expect(
      recommendSpecialist({ condition: 'after knee replacement', procedure: 'the pills' }).evidence.some(
        (item) => item.kind === 'procedure' && item.value === 'knee replacement',
      ),
    ).toBe(false);
  });

  it('adds the surgical specialty of the area when the procedure is not recognised', () => {
    const result = recommendSpecialist({ icd10: ['M17.11'], procedure: 'some knee operation' });
    expect(result.warnings[0]).toBe(
      '"some knee operation" is not a procedure overturn recognises; the specialist was chosen from the rest of the input.',
    );
    const spine = recommendSpecialist({ icd10: ['I63.9'], procedure: 'some operation' });
    expect(codesOf(spine)[0]).toBe('207T00000X');
  });

  it('routes disability to functional capacity and long-term care to cognition', () => {
    expect(recommendSpecialist({ claimType: 'disability' })).toMatchObject({
      area: { id: 'functional-capacity' },
      specialty: { taxonomyCode: '208100000X' },
      subspecialty: { taxonomyCode: '2083X0100X' },
      confidence: 'medium',
    });
    expect(recommendSpecialist({ claimType: 'long_term_care' })).toMatchObject({
      area: { id: 'cognitive' },
      specialty: { taxonomyCode: '207RG0300X' },
      subspecialty: { taxonomyCode: '2084P0805X' },
    });
    const stroke = recommendSpecialist({ icd10: ['I63.9'], claimType: 'disability' });
    expect(stroke.area.id).toBe('stroke');
    expect(codesOf(stroke)).toContain('208100000X');
    expect(stroke.requirements).toContain('assesses_functional_capacity');
  });

  it('sends a contested psychiatric diagnosis to a psychiatrist, not a psychologist', () => {
    const result = recommendSpecialist({ condition: 'psychotherapy', denialCategory: 'diagnosis_dispute' });
    expect(result.specialty).toEqual({
      name: 'Psychiatry',
      taxonomyCode: '2084P0800X',
      board: 'American Board of Psychiatry and Neurology',
    });
    expect(result.avoid).toContain('psychologist_for_contested_psychiatric_diagnosis');
    expect(codesOf(result).filter((code) => code.startsWith('103'))).toEqual([]);
    // Outside mental health the psychologist warning has no place.
    expect(
      recommendSpecialist({ condition: 'chronic Lyme', denialCategory: 'diagnosis_dispute' }).avoid,
    ).not.toContain('psychologist_for_contested_psychiatric_diagnosis');
  });

  it('asks for a research-literate subspecialist on an experimental denial (WAC 284-43A-060(3)(d))', () => {
    const result = recommendSpecialist({
      icd10: ['C50.911'],
      denialCategory: 'experimental_investigational',
    });
    expect(result.requirements).toContain('judges_research_evidence');
    expect(result.citations).toContain('WAC 284-43A-060(3)(d)');
    expect(result.rationale).toContain('apply scientific standards of evidence');
  });

  it('prefers the pediatric subspecialist, or the pediatric area, for a child', () => {
    expect(recommendSpecialist({ icd10: ['C91.00'], age: 6 }).specialty.taxonomyCode).toBe('2080P0207X');
    expect(recommendSpecialist({ icd10: ['C91.00'], age: 40 }).specialty.taxonomyCode).toBe('207RH0003X');
    expect(recommendSpecialist({ icd10: ['I47.1'], age: 10 }).subspecialty?.taxonomyCode).toBe('2080P0202X');
    // No pediatric subspecialist in the table for the area: the pediatrician is added.
    expect(codesOf(recommendSpecialist({ icd10: ['M51.16'], age: 16 }))).toContain('208000000X');
  });

  it("searches the perinatal chapter only for a child: an adult's scalp bruise is not a birth injury", () => {
    const routeOf = (input: Parameters<typeof recommendSpecialist>[0]) =>
      recommendSpecialist(input).evidence.find((item) => item.use === 'routing')?.ruleId;
    expect(routeOf({ condition: 'bruising on the scalp', age: 0 })).toBe('icd10cm.P12');
    // Without an age, a word of birth or childhood keeps the chapter in.
    expect(routeOf({ condition: 'bruising on the scalp of a newborn' })).toBe('icd10cm.P00-P96');
    expect(routeOf({ condition: 'bruising on the scalp', age: 45 })).toBeUndefined();
    expect(routeOf({ condition: 'bruising on the scalp' })).toBeUndefined();
  });

  it('keeps the orthodontist for a child with malocclusion: a range whose subspecialist treats children too', () => {
    // M26–M27 (dentofacial anomalies) names orthodontics and says it serves children too; the dental area's
    // pediatric subspecialist (pediatric dentistry) does not replace it.
    const child = recommendSpecialist({ icd10: ['M26.4'], age: 13 });
    expect(child.subspecialty?.taxonomyCode).toBe('1223X0400X');
    expect(
      recommendSpecialist({ condition: 'misaligned teeth', procedure: 'orthodontic braces', age: 13 })
        .subspecialty?.taxonomyCode,
    ).toBe('1223X0400X');
    // A dental condition of another range still goes to the pediatric dentist for a child.
    expect(recommendSpecialist({ icd10: ['K02.9'], age: 8 }).subspecialty?.taxonomyCode).toBe('1223P0221X');
  });

  it('prefers the speech-language pathologist for an adult’s speech therapy, and names alternatives for the age', () => {
    // performerPreferred: the performer is the preferred subspecialist for an adult, under the condition's
    // specialist; the developmental pediatrician, an alternative only for children, is left out at 70.
    const adult = recommendSpecialist({
      condition: 'stroke with aphasia',
      procedure: 'speech therapy',
      age: 70,
    });
    expect(adult.specialty.taxonomyCode).toBe('2084N0400X');
    expect(adult.subspecialty?.taxonomyCode).toBe('235Z00000X');
    expect(codesOf(adult)).not.toContain('2080P0006X');
    // A child keeps the pediatric subspecialist; the pathologist is an alternative.
    const child = recommendSpecialist({ condition: 'speech delay', procedure: 'speech therapy', age: 3 });
    expect(child.subspecialty?.taxonomyCode).toBe('2080P0006X');
    expect(codesOf(child)).toContain('235Z00000X');
    // The pediatrics area offers no intensive-care specialist for every child's condition (it did for apraxia).
    expect(codesOf(child)).not.toContain('2080P0203X');
    // The geriatrician offered with a nursing-home stay is for older patients: not at 50, still there at 80.
    const stay = { condition: 'hip fracture', procedure: 'skilled nursing facility' };
    expect(codesOf(recommendSpecialist({ ...stay, age: 50 }))).not.toContain('207RG0300X');
    expect(recommendSpecialist({ ...stay, age: 80 }).subspecialty?.taxonomyCode).toBe('207RG0300X');
    // Without an age nothing is left out.
    expect(codesOf(recommendSpecialist({ condition: 'stroke', procedure: 'speech therapy' }))).toContain(
      '2080P0006X',
    );
  });

  it('prefers a therapist of the treatment’s own profession as reviewer of a physical, occupational or chiropractic therapy dispute', () => {
    // Session 50: development cases accept the therapist (physical therapist 58 of 93, occupational therapist 19 of
    // 24, chiropractor 19 of 19); the physiatrist stays the specialty, and a child keeps the pediatric physiatrist
    // for physical therapy.
    const physical = recommendSpecialist({ condition: 'low back pain', procedure: 'physical therapy' });
    expect(physical.specialty.taxonomyCode).toBe('208100000X');
    expect(physical.subspecialty?.taxonomyCode).toBe('225100000X');
    expect(physical.rationale).toContain(
      'A physical therapist, of the profession that gives this care, is the preferred reviewer where one is available.',
    );
    expect(physical.rationale).not.toContain('physical therapist is the preferred subspecialist');
    const child = recommendSpecialist({ condition: 'cerebral palsy', procedure: 'physical therapy', age: 6 });
    expect(child.subspecialty?.taxonomyCode).toBe('2081P0010X');
    const occupational = recommendSpecialist({
      condition: 'broken wrist',
      procedure: 'occupational therapy',
      age: 7,
    });
    expect(occupational.subspecialty?.taxonomyCode).toBe('225X00000X');
    const chiropractic = recommendSpecialist({ condition: 'neck pain', procedure: 'chiropractic care' });
    expect(chiropractic.subspecialty?.taxonomyCode).toBe('111N00000X');
    // A dentist's own subspecialist is still a subspecialist.
    expect(
      recommendSpecialist({ condition: 'impacted wisdom teeth', procedure: 'wisdom tooth extraction' })
        .rationale,
    ).toContain('An oral and maxillofacial surgeon is the preferred subspecialist where one is available.');
  });

  it("prefers a cancer's surgeon for an operation it does not know by name, for an adult, and says why", () => {
    const tumor = recommendSpecialist({
      condition: 'pancreatic tumor',
      procedure: 'surgery to remove the tumor',
    });
    expect(tumor.specialty.taxonomyCode).toBe('207RX0202X');
    expect(tumor.subspecialty?.taxonomyCode).toBe('2086X0206X');
    expect(tumor.rationale).toContain(
      'Because "surgery to remove the tumor" is an operation, a surgical oncologist, who operates on these conditions, is the preferred subspecialist where one is available.',
    );
    // Not for a child (the pediatric route holds), not for a treatment that is no operation, not for a billing code.
    expect(
      recommendSpecialist({ condition: 'pancreatic tumor', procedure: 'surgery to remove the tumor', age: 9 })
        .subspecialty?.taxonomyCode,
    ).not.toBe('2086X0206X');
    expect(
      recommendSpecialist({ condition: 'pancreatic tumor', procedure: 'nutrition counseling' }).subspecialty
        ?.taxonomyCode,
    ).toBe('207RH0003X');
    // An area without `surgeonJudgesOperations` keeps its surgeon as an alternative only.
    const gallstones = recommendSpecialist({ condition: 'gallstones', procedure: 'surgery', age: 50 });
    expect(gallstones.subspecialty).toBeUndefined();
    expect(gallstones.alternatives.map((a) => a.taxonomyCode)).toContain('208C00000X');
  });

  it('reads a wilderness therapy program, not the word wilderness, as a sign of a child', () => {
    const program = recommendSpecialist({ condition: 'depression', procedure: 'wilderness therapy program' });
    expect(program.subspecialty?.taxonomyCode).toBe('2084P0804X');
    // A stated adult age decides: no child and adolescent psychiatrist.
    expect(
      recommendSpecialist({ condition: 'depression', procedure: 'wilderness therapy program', age: 30 })
        .subspecialty,
    ).toBeUndefined();
    const hike = recommendSpecialist({
      condition: 'ankle fracture from a fall while hiking in the wilderness',
    });
    expect(hike.specialty.taxonomyCode).toBe('207X00000X');
    expect(hike.subspecialty).toBeUndefined();
  });

  it("lets an emergency visit decide over the condition area's treatment only when it is named first", () => {
    const feeFirst = recommendSpecialist({
      condition: 'abscess',
      procedure: 'emergency department fee (incision and drainage)',
    });
    expect(feeFirst.specialty.taxonomyCode).toBe('207P00000X');
    const fusionFirst = recommendSpecialist({
      condition: 'spinal stenosis',
      procedure: 'lumbar fusion and emergency room visit',
    });
    expect(fusionFirst.area.id).toBe('spine');
    expect(fusionFirst.subspecialty?.taxonomyCode).toBe('207XS0117X');
  });

  it('searches the ICD-10-CM titles past a denied condition, and the whole text when nothing else is named', () => {
    // "no diabetes" is not the patient's: the kidney disease after it is searched.
    expect(
      recommendSpecialist({ condition: 'no diabetes, chronic kidney disease' }).specialty.taxonomyCode,
    ).toBe('207RN0300X');
    // Up to "and": what follows is the patient's again.
    expect(
      recommendSpecialist({ condition: 'no diabetes and chronic kidney disease' }).specialty.taxonomyCode,
    ).toBe('207RN0300X');
    // A text that only denies is still searched whole, as before.
    expect(recommendSpecialist({ condition: 'not hypertension' }).specialty.taxonomyCode).toBe('207RC0000X');
  });

  it("keeps a diagnosis's subspecialist under a treatment only where the treatment's row says so (keepsDiagnosisRange)", () => {
    // The area's general services do not take the diagnosis's subspecialist.
    expect(
      recommendSpecialist({ condition: 'heart attack', procedure: 'cardiac rehab' }).subspecialty,
    ).toBeUndefined();
    expect(
      recommendSpecialist({ condition: 'chronic respiratory failure', procedure: 'home oxygen' })
        .subspecialty,
    ).toBeUndefined();
    // Psychiatric treatment keeps the addiction psychiatrist of an opioid use disorder.
    expect(
      recommendSpecialist({ condition: 'opioid use disorder', procedure: 'psychiatric treatment' })
        .subspecialty?.taxonomyCode,
    ).toBe('2084P0802X');
  });

  it("reads a condition of childhood as an adult's where the text states an adult age or says adult", () => {
    for (const condition of ['undescended testicle in a 30 year old man', 'undescended testis, adult']) {
      const answer = recommendSpecialist({ condition });
      expect(answer.specialty.taxonomyCode).toBe('208800000X');
      expect(answer.subspecialty).toBeUndefined();
    }
    // Without such words the condition of infancy still says child.
    expect(recommendSpecialist({ condition: 'undescended testicle' }).subspecialty?.taxonomyCode).toBe(
      '2088P0231X',
    );
  });

  it('keeps the session 50 rows to their own wordings (review of 2026-12-06)', () => {
    // Arm strength is no lost arm (Z89); a celiac artery is no celiac disease; a jaw lengthened by distraction is no
    // limb lengthening.
    expect(recommendSpecialist({ condition: 'lost arm strength' }).area.id).not.toBe('rehabilitation');
    expect(recommendSpecialist({ condition: 'celiac artery aneurysm' }).confidence).not.toBe('high');
    expect(
      recommendSpecialist({
        condition: 'Pierre Robin sequence',
        procedure: 'mandibular bone lengthening by distraction osteogenesis',
        age: 1,
      }).subspecialty?.taxonomyCode,
    ).not.toBe('207XP3100X');
    // Carpal tunnel syndrome's own code (G56.01) agrees with its name: no warning that they disagree.
    const carpal = recommendSpecialist({ condition: 'carpal tunnel syndrome', icd10: ['G56.01'] });
    expect(carpal.specialty.taxonomyCode).toBe('207X00000X');
    expect(carpal.confidence).toBe('high');
    expect(carpal.warnings.join(' ')).not.toContain('Check that the code is right');
    // A child with cerebral palsy and seizures treated for the seizures: the child neurologist, not the physiatrist.
    const seizures = recommendSpecialist({
      condition: 'cerebral palsy with seizures',
      procedure: 'Epidiolex',
      age: 9,
    });
    expect(seizures.specialty.taxonomyCode).toBe('2084N0400X');
    expect(seizures.subspecialty?.taxonomyCode).toBe('2084N0402X');
    // The child neurologist is cerebral palsy's alternative for a child; the adult neurologist for an adult.
    expect(codesOf(recommendSpecialist({ condition: 'cerebral palsy', age: 9 }))).toContain('2084N0402X');
    expect(codesOf(recommendSpecialist({ condition: 'cerebral palsy', age: 40 }))).not.toContain(
      '2084N0402X',
    );
    // A psychological evaluation does not take the route from a psychiatric illness or from dementia.
    expect(
      recommendSpecialist({ condition: 'schizophrenia', procedure: 'psychological evaluation' }).specialty
        .taxonomyCode,
    ).toBe('2084P0800X');
    expect(
      recommendSpecialist({ condition: 'dementia', procedure: 'psychological evaluation', age: 80 }).area.id,
    ).toBe('cognitive');
    // An older patient's physical therapist is preferred, and the field's geriatrician stays an alternative.
    const older = recommendSpecialist({ condition: 'hip fracture', procedure: 'physical therapy', age: 82 });
    expect(older.subspecialty?.taxonomyCode).toBe('225100000X');
    expect(codesOf(older)).toContain('207RG0300X');
    // Another profession under a dentist is a reviewer, not a subspecialist.
    expect(
      recommendSpecialist({ condition: 'dental', procedure: 'neuropsychological testing' }).rationale,
    ).toContain('A neuropsychologist, of the profession that gives this care, is the preferred reviewer');
  });

  it('gives a general internist with low confidence and a warning for what it cannot route', () => {
    const result = recommendSpecialist({ condition: 'something is wrong' });
    expect(result).toMatchObject({
      specialty: { name: 'Internal Medicine', taxonomyCode: '207R00000X' },
      area: { id: 'internal-medicine' },
      confidence: 'low',
      evidence: [],
    });
    expect(result.ruleIds.slice(0, 3)).toEqual(['context.fallback', 'internal-medicine', 'nucc.207R00000X']);
    expect(result.avoid).not.toContain('general_practitioner');
    expect(result.warnings).toContain(
      'Nothing in the input named a condition overturn knows, so a general internist is shown. Give the ICD-10-CM diagnosis code from the denial or the claim, or the condition in plain words, for a matched specialist.',
    );
    expect(recommendSpecialist({ icd10: ['D95.1'] }).warnings[0]).toBe(
      'D95.1 is not in any ICD-10-CM chapter overturn knows; check the code (it was not used).',
    );
  });

  it('warns once, in plain words, about data not yet checked against a primary source', () => {
    const result = recommendSpecialist({ icd10: ['C61'] });
    expect(result.warnings).toEqual([
      "Not yet checked against a primary source: the certifying board for Urology (American Board of Urology); the certifying board for Radiation Oncology (American Board of Radiology). Treat these as suggestions, and check the specialist's board certification (certificationmatters.org).",
    ]);
  });
});

describe('recommendSpecialist: bad input', () => {
  it('refuses malformed codes, naming the code and its place', () => {
    const [issue] = invalid({ icd10: ['I21.4', 'CO-50'] });
    expect(issue).toEqual({
      path: ['icd10', 1],
      message: '"CO-50" is not an ICD-10-CM code (expected forms like I21.4, i214, C50.911, F32.A)',
    });
  });

  it('refuses input with nothing to route from, unknown fields and bad values', () => {
    expect(invalid({})[0]?.message).toBe(
      'give at least one of `icd10`, `condition`, `procedure` or `claimType`',
    );
    expect(invalid({ icd10: [] })[0]?.path).toEqual([]);
    expect(invalid({ condition: '   ' })[0]?.path).toEqual([]);
    expect(invalid({ denialCategory: 'medical_necessity' })[0]?.path).toEqual([]);
    expect(invalid({ condition: 'asthma', icd: ['J45'] })[0]?.message).toMatch(/icd/);
    expect(invalid({ condition: 'asthma', age: 1.5 })[0]?.path).toEqual(['age']);
    expect(invalid({ condition: 'x'.repeat(2_001) })[0]?.path).toEqual(['condition']);
    expect(invalid({ icd10: Array.from({ length: 51 }, () => 'I10') })[0]?.path).toEqual(['icd10']);
    for (const value of [null, 42, 'I21.4', [], ['I21.4']]) invalid(value);
  });

  it('returns an answer or INVALID_INPUT for any JSON value, without mutating the input', () => {
    const code = fc.oneof(
      fc.constantFrom(
        'I21.4',
        'i214',
        'C50.911',
        'F32.A',
        'W19.XXXA',
        'Z68.41',
        'D95.1',
        'O9A.1',
        'CO-50',
        '',
      ),
      fc.stringMatching(/^[A-Z][0-9][0-9A-Z](\.[0-9A-Z]{1,4})?$/),
      fc.anything(),
    );
    const near = fc.record(
      {
        icd10: fc.oneof(fc.array(code, { maxLength: 4 }), fc.anything()),
        condition: fc.oneof(
          fc.constantFrom('heart attack', 'chronic Lyme', '', 'cancer of the breast'),
          fc.string(),
        ),
        procedure: fc.oneof(fc.constantFrom('lumbar fusion', 'CABG', 'nothing'), fc.string()),
        claimType: fc.oneof(fc.constantFrom(...CLAIM_TYPES), fc.anything()),
        denialCategory: fc.oneof(fc.constantFrom(...DENIAL_CATEGORIES), fc.anything()),
        age: fc.oneof(fc.integer({ min: -2, max: 140 }), fc.anything()),
      },
      { requiredKeys: [] },
    );
    fc.assert(
      fc.property(fc.oneof(near, fc.jsonValue()), (input) => {
        const before = structuredClone(input);
        try {
          const result = recommendSpecialist(input as SpecialistInput);
          expect(result.specialty.taxonomyCode).toMatch(/^\d{3}[0-9A-Z]{6}X$/);
          expect(result.rationale.length).toBeGreaterThan(0);
          expect(codesOf(result)).not.toContain(result.specialty.taxonomyCode);
        } catch (error) {
          expect(error).toBeInstanceOf(OverturnError);
          expect((error as OverturnError).code).toBe('INVALID_INPUT');
        }
        expect(input).toEqual(before);
      }),
      { numRuns: 1000 },
    );
  });

  it("reads the names of an object's built-in properties as plain words", () => {
    // "constructor" once reached the synonym table's prototype and threw a TypeError (session 68).
    const names = [...Object.getOwnPropertyNames(Object.prototype), 'prototype'];
    for (const name of names) {
      for (const input of [
        { condition: name },
        { condition: `${name} of the knee`, procedure: name },
        { condition: 'low back pain', procedure: name, age: 7 },
      ]) {
        const result = recommendSpecialist(input);
        expect(result.specialty.taxonomyCode).toMatch(/^\d{3}[0-9A-Z]{6}X$/);
      }
    }
    expect(recommendSpecialist({ condition: 'constructor' }).confidence).toBe('low');
  });
});

describe('the ICD-10-CM range index', () => {
  // The rule file itself, read without the index: every range that holds the code, the most specific first.
  const areas = defaultRuleSetSource.files[AREAS] as Json;
  const ranges = [
    ...areas.rows.flatMap((area: Json) => area.ranges.map((range: Json) => ({ ...range, area: area.id }))),
    ...areas.secondaryOnly.map((range: Json) => ({ ...range, area: undefined })),
  ].map((range: Json) => {
    const from = parseIcd10(range.from)?.code as string;
    const to = parseIcd10(range.to ?? range.from)?.code as string;
    return { id: range.id, area: range.area, from, to, span: ordinal(to) - ordinal(from) };
  });
  const bruteForce = (code: string) =>
    ranges
      .filter((range) => code >= range.from && (code <= range.to || code.startsWith(range.to)))
      .sort((a, b) => b.from.length - a.from.length || a.span - b.span)[0];

  it('agrees with a linear scan of the rule file for any code', () => {
    const letters = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
    const code = fc
      .tuple(
        fc.constantFrom(...letters),
        fc.integer({ min: 0, max: 9 }),
        fc.constantFrom(...'0123456789AB'),
        fc.stringMatching(/^[0-9A-Z]{0,4}$/),
      )
      .map(([letter, digit, third, rest]) => `${letter}${digit}${third}${rest ? `.${rest}` : ''}`);
    fc.assert(
      fc.property(code, (raw) => {
        const expected = bruteForce(parseIcd10(raw)?.code as string);
        const result = recommendSpecialist({ icd10: [raw] });
        const evidence = result.evidence.find((item) => item.kind === 'icd10');
        expect(evidence?.ruleId).toBe(expected?.id);
        if (expected?.area) expect(evidence?.area).toBe(expected.area);
      }),
      { numRuns: 3000 },
    );
  });

  it('covers every ICD-10-CM chapter', () => {
    for (const code of ['A00', 'B99', 'C00', 'D49', 'D50', 'D89', 'E00', 'E89', 'F01', 'F99', 'G00', 'G99']) {
      expect(bruteForce(parseIcd10(code)?.code as string), code).toBeDefined();
    }
    for (const code of ['H00', 'H59', 'H60', 'H95', 'I00', 'I99', 'J00', 'J99', 'K00', 'K95', 'L00', 'L99']) {
      expect(bruteForce(parseIcd10(code)?.code as string), code).toBeDefined();
    }
    for (const code of ['M00', 'M99', 'N00', 'N99', 'O00', 'O9A', 'P00', 'P96', 'Q00', 'Q99', 'R00', 'R99']) {
      expect(bruteForce(parseIcd10(code)?.code as string), code).toBeDefined();
    }
    for (const code of ['S00', 'T88', 'V00', 'Y99', 'Z00', 'Z99', 'U00', 'U85']) {
      expect(bruteForce(parseIcd10(code)?.code as string), code).toBeDefined();
    }
  });
});

describe('the specialist rule files', () => {
  it('carry the NUCC notice and a taxonomy code of the right shape on every row', () => {
    const table = defaultRuleSetSource.files[SPECIALTIES] as Json;
    expect(table.notice).toContain('American Medical Association');
    expect(table.notice).toContain('National Uniform Claim Committee');
    for (const row of table.rows) expect(row.code).toMatch(/^\d{3}[0-9A-Z]{6}X$/);
  });

  it('refuse a code that is not in the specialty table, naming file, row and path', () => {
    const source = copy();
    source.files[AREAS].rows[0].alternatives[0].code = '999900000X';
    expect(ruleSetIssues(source)).toEqual([
      {
        file: AREAS,
        path: ['rows', 0, 'alternatives', 0, 'code'],
        message: '999900000X is not in the specialty table (specialists/specialties.json)',
        ruleId: 'cardiac',
      },
    ]);
  });

  it('refuse billing code ranges of two treatments that overlap without nesting, or repeat', () => {
    const source = copy();
    const rows = source.files[PROCEDURES].rows as Json[];
    const knee = rows.findIndex((row) => row.id === 'procedure.knee-replacement');
    const hip = rows.findIndex((row) => row.id === 'procedure.hip-replacement');
    rows[hip].codes = [
      { from: '27440', to: '27446' },
      { from: '27486', to: '27487' },
    ];
    const issues = ruleSetIssues(source).filter((issue) => issue.file === PROCEDURES);
    expect(issues.map((issue) => issue.message)).toEqual([
      '27440–27446 overlaps 27445–27447 of procedure.knee-replacement: code ranges of two rows nest or stay apart',
      '27486–27487 is also 27486–27487 of procedure.knee-replacement: code ranges of two rows nest or stay apart',
    ]);
    expect(knee).toBeLessThan(hip);
  });

  it('refuse ranges that overlap without nesting, or repeat', () => {
    const source = copy();
    const cardiac = source.files[AREAS].rows[0];
    cardiac.ranges.push({
      ...cardiac.ranges[1],
      id: 'icd10.test-overlap',
      from: 'I24',
      to: 'I27',
      phrases: [],
    });
    cardiac.ranges.push({ ...cardiac.ranges[1], id: 'icd10.test-repeat', phrases: [] });
    const messages = ruleSetIssues(source).map((issue) => issue.message);
    expect(messages).toContain('icd10.test-overlap overlaps icd10.I20-I25 without lying inside it');
    expect(
      messages.some((message) => message.includes('icd10.test-repeat') && message.includes('also the range')),
    ).toBe(true);
  });

  it('refuse malformed ranges, unknown fields, duplicate phrases and a missing notice', () => {
    const source = copy();
    source.files[AREAS].rows[0].ranges[1].to = 'I2';
    source.files[AREAS].rows[1].ranges = [{ ...source.files[AREAS].rows[0].ranges[2], id: 'x', to: 'I3' }];
    source.files[PROCEDURES].rows[0].surgeon = '207XS0114X';
    delete source.files[SPECIALTIES].notice;
    const issues = ruleSetIssues(source);
    expect(issues.map((issue) => [issue.file, issue.path.join('.')])).toEqual([
      [SPECIALTIES, 'notice'],
      [AREAS, 'rows.0.ranges.1.to'],
      [AREAS, 'rows.1.ranges.0.to'],
      [PROCEDURES, 'rows.0'],
    ]);
    const phrases = copy();
    phrases.files[AREAS].rows[1].phrases.push('Heart Attack!');
    expect(ruleSetIssues(phrases)[0]?.message).toBe(
      'the phrase "Heart Attack!" is listed by both icd10.I20-I25 and cardiac-surgery',
    );
  });

  it('refuse a context rule that names an unknown area or requirement', () => {
    const source = copy();
    source.files[CONTEXT].claimTypes[1].defaultArea = 'nowhere';
    source.files[CONTEXT].denialCategories[0].requirements = ['be_nice'];
    expect(ruleSetIssues(source).map((issue) => issue.message)).toEqual([
      '"be_nice" is not in the requirements table',
      'no condition area has id "nowhere"',
    ]);
  });

  it('refuse a procedure that yields to an unknown area, naming its path', () => {
    const source = copy();
    const rehab = source.files[PROCEDURES].rows.find((row: Json) => row.id === 'procedure.rehabilitation');
    rehab.yieldsTo = ['mental-health', 'nowhere'];
    const issues = ruleSetIssues(source);
    expect(issues.map((issue) => [issue.message, issue.path.slice(-2).join('.')])).toEqual([
      ['no condition area or range has id "nowhere"', 'yieldsTo.1'],
    ]);
  });

  it('refuse a treatment that takes the route over an unknown area, and use the one it names', () => {
    const source = copy();
    const cancerDrugs = source.files[PROCEDURES].rows.find((row: Json) => row.id === 'drug.oncology');
    cancerDrugs.decidesOver = ['dermatology', 'nowhere'];
    expect(ruleSetIssues(source).map((issue) => [issue.message, issue.path.slice(-2).join('.')])).toEqual([
      ['no condition area or range has id "nowhere"', 'decidesOver.1'],
    ]);
    // Without the skin area in the list, melanoma keeps the dermatologist though a cancer drug is named.
    cancerDrugs.decidesOver = ['ent'];
    const edited = createOverturn({ rules: source });
    expect(edited.recommendSpecialist({ condition: 'melanoma', procedure: 'Keytruda' }).area.id).toBe(
      'dermatology',
    );
    const bundled = recommendSpecialist({ condition: 'melanoma', procedure: 'Keytruda' });
    expect([bundled.area.id, bundled.specialty.taxonomyCode]).toEqual(['oncology', '207RX0202X']);
    expect(bundled.rationale).toContain(
      'The dispute is over cancer drugs: the specialty that prescribes the treatment is best placed',
    );
  });

  it("refuse a range whose adults' area is unknown, and use the one it names only for an adult by age", () => {
    const source = copy();
    const pediatrics = source.files[AREAS].rows.find((row: Json) => row.id === 'pediatrics');
    const autism = pediatrics.ranges.find((range: Json) => range.id === 'icd10.F84');
    autism.adultArea = 'nowhere';
    const rangeIndex = pediatrics.ranges.indexOf(autism);
    expect(ruleSetIssues(source).map((issue) => [issue.message, issue.path.slice(-3).join('.')])).toEqual([
      ['no condition area has id "nowhere"', `ranges.${rangeIndex}.adultArea`],
    ]);
    autism.adultArea = 'neurology';
    const edited = createOverturn({ rules: source });
    expect(edited.recommendSpecialist({ condition: 'autism', age: 30 }).area.id).toBe('neurology');
    // No age: a condition of childhood says child, and the range's own area answers.
    expect(edited.recommendSpecialist({ condition: 'autism' }).area.id).toBe('pediatrics');
    expect(edited.recommendSpecialist({ condition: 'autism', age: 17 }).area.id).toBe('pediatrics');
    expect(recommendSpecialist({ condition: 'autism', age: 18 }).specialty.taxonomyCode).toBe('2084P0800X');
  });

  it("refuse a treatment that decides for a child but names no child's area, and obey one edited", () => {
    const source = copy();
    const rows = source.files[PROCEDURES].rows as Json[];
    const homeCare = rows.find((row) => row.id === 'procedure.home-care') as Json;
    const index = rows.indexOf(homeCare);
    delete homeCare.childArea;
    expect(ruleSetIssues(source).map((issue) => [issue.message, issue.path.slice(-3).join('.')])).toEqual([
      ['childDecides routes a child to the childArea: name one', `rows.${index}.childDecides`],
    ]);
    homeCare.childArea = 'pediatrics';
    // An exception or an override names an area or a range of the rule set.
    homeCare.childAreaExceptFor = [...homeCare.childAreaExceptFor, 'icd10.nowhere'];
    const heart = rows.find((row) => row.id === 'drug.heart') as Json;
    heart.decidesOver = ['icd10.E85', 'nowhere'];
    expect(ruleSetIssues(source).map((issue) => [issue.message, issue.path.slice(-2).join('.')])).toEqual([
      [
        'no condition area or range has id "icd10.nowhere"',
        `childAreaExceptFor.${homeCare.childAreaExceptFor.length - 1}`,
      ],
      ['no condition area or range has id "nowhere"', 'decidesOver.1'],
    ]);
    homeCare.childAreaExceptFor.pop();
    heart.decidesOver = ['icd10.E85'];
    delete homeCare.childDecides;
    // Without childDecides the syndrome routes, as it did before 2026-12-06.
    const input = {
      condition: 'Down syndrome with a feeding tube',
      procedure: 'private duty nursing',
      age: 2,
    };
    expect(createOverturn({ rules: source }).recommendSpecialist(input).area.id).toBe('genetics');
    expect(recommendSpecialist(input).area.id).toBe('pediatrics');
  });

  it('refuse a qualifier that reads a phrase as a range outside its own, and obey one edited', () => {
    const source = copy();
    const oncology = source.files[AREAS].rows.find((row: Json) => row.id === 'oncology');
    const chapter = oncology.ranges.find((range: Json) => range.id === 'icd10.C00-D49');
    const rangeIndex = oncology.ranges.indexOf(chapter);
    chapter.qualifiers = [{ after: ['benign'], readAs: 'icd10.I20-I25' }];
    expect(ruleSetIssues(source).map((issue) => [issue.message, issue.path.slice(-5).join('.')])).toEqual([
      ['"icd10.I20-I25" is not a range inside icd10.C00-D49', `ranges.${rangeIndex}.qualifiers.0.readAs`],
    ]);
    // Without the qualifier, "benign" says nothing: the chapter's "neoplasm" is the oncologist's again.
    delete chapter.qualifiers;
    const input = { condition: 'benign neoplasm of ovary', procedure: 'surgery', age: 35 };
    expect(createOverturn({ rules: source }).recommendSpecialist(input).area.id).toBe('oncology');
    const bundled = recommendSpecialist(input);
    expect([bundled.area.id, bundled.evidence[0]?.value]).toEqual(['gynecology', 'benign neoplasm of ovary']);
    expect(bundled.warnings).toContain(
      '"benign neoplasm" was read as D10–D36 (Benign neoplasms) and its code searched in the ICD-10-CM titles: the closest is D27 (Benign neoplasm of ovary). Check that this is the condition, or give its ICD-10-CM code.',
    );
  });

  it('refuse an unknown subspecialist area, and obey the list as edited', () => {
    const source = copy();
    const rows = source.files[AREAS].rows as Json[];
    const rehabilitation = rows.find((row) => row.id === 'rehabilitation') as Json;
    const index = rows.indexOf(rehabilitation);
    rehabilitation.subspecialistAreas = ['spinal-cord-injury', 'nowhere'];
    expect(ruleSetIssues(source).map((issue) => [issue.message, issue.path.slice(-3).join('.')])).toEqual([
      ['no condition area has id "nowhere"', `${index}.subspecialistAreas.1`],
    ]);
    // Without the list, a quadriplegic's wheelchair is any physiatrist's, as before 2026-12-06 (session 58).
    delete rehabilitation.subspecialistAreas;
    const input = { condition: 'quadriplegic', procedure: 'power wheelchair', age: 45 };
    expect(createOverturn({ rules: source }).recommendSpecialist(input).subspecialty).toBeUndefined();
    expect(recommendSpecialist(input).subspecialty?.taxonomyCode).toBe('2081P0004X');
  });

  it("refuse a range of children's care that names no adults' area", () => {
    const source = copy();
    const pediatrics = source.files[AREAS].rows.find((row: Json) => row.id === 'pediatrics');
    const stuttering = pediatrics.ranges.find((range: Json) => range.id === 'icd10.F80');
    delete stuttering.adultArea;
    const rangeIndex = pediatrics.ranges.indexOf(stuttering);
    expect(ruleSetIssues(source).map((issue) => [issue.message, issue.path.slice(-3).join('.')])).toEqual([
      [
        "icd10.F80 is a range of children's care: name the area that judges it for an adult (adultArea)",
        `ranges.${rangeIndex}.adultArea`,
      ],
    ]);
  });

  it('are used as edited: a changed subspecialty changes the answer', () => {
    const source = copy();
    const cardiac = source.files[AREAS].rows.find((row: Json) => row.id === 'cardiac');
    const ischemic = cardiac.ranges.find((range: Json) => range.id === 'icd10.I20-I25');
    ischemic.subspecialty = '207RC0001X';
    const overturn = createOverturn({ rules: source });
    expect(overturn.recommendSpecialist({ condition: 'heart attack' }).subspecialty?.taxonomyCode).toBe(
      '207RC0001X',
    );
    expect(recommendSpecialist({ condition: 'heart attack' }).subspecialty?.taxonomyCode).toBe('207RI0011X');
  });
});

describe('how the condition is read', () => {
  const areaOf = (input: SpecialistInput) => recommendSpecialist(input).area.id;
  /** The evidence row of the treatment in an answer (its rule and how it was used). */
  const procedureOf = (result: SpecialistRecommendation) =>
    result.evidence.find((item) => item.kind === 'procedure');
  const childSign = (input: SpecialistInput) =>
    recommendSpecialist(input).evidence.find((item) => item.ruleId === 'context.children')?.value;

  it('takes a treatment a search-only condition names, but not a drug it names (what was taken)', () => {
    const hysterectomy = recommendSpecialist({ condition: 'hysterectomy and other procedures' });
    expect([hysterectomy.area.id, procedureOf(hysterectomy)?.ruleId]).toEqual([
      'gynecology',
      'procedure.hysterectomy',
    ]);
    // "fentanyl" is a row of opioid pain treatment; in a condition it is the poison, not the care in dispute.
    const ingestion = recommendSpecialist({ condition: 'accidental fentanyl ingestion', age: 1 });
    expect(ingestion.area.id).not.toBe('chronic-pain');
    expect(procedureOf(ingestion)).toBeUndefined();
    // A treatment field that names one that decides keeps it.
    const withStent = recommendSpecialist({
      condition: 'hysterectomy and other procedures',
      procedure: 'coronary stent',
    });
    expect(procedureOf(withStent)?.ruleId).toBe('procedure.cardiac-catheterization');
  });

  it('reads an age written in words as a child: days, weeks and months always, years under 18', () => {
    expect(childSign({ condition: 'a six-month-old with reflux' })).toBe('"six month old"');
    expect(childSign({ condition: 'reflux in a 4 month old' })).toBe('"4 month old"');
    expect(childSign({ condition: 'a 12 year old with asthma' })).toBe('"12 year old"');
    expect(childSign({ condition: 'a 40 year old with reflux' })).toBeUndefined();
    expect(childSign({ condition: 'an 18-year-old with asthma' })).toBeUndefined();
    // Shorthand and "age N": "16yo", "16 y/o", "age 9", "aged 12".
    expect(childSign({ condition: 'my 16yo has asthma' })).toBe('"16yo"');
    expect(childSign({ condition: 'asthma, 16 y/o' })).toBe('"16 y/o"');
    expect(childSign({ condition: 'asthma (age 9)' })).toBe('"age 9"');
    expect(childSign({ condition: 'asthma, aged 12' })).toBe('"aged 12"');
    // "at age 9" is when something happened, not the patient's age.
    expect(childSign({ condition: 'type 1 diabetes diagnosed at age 9' })).toBeUndefined();
    expect(childSign({ condition: 'asthma since age 5' })).toBeUndefined();
    expect(childSign({ condition: 'asthma, age 999' })).toBeUndefined();
    // A possessive age ("my 12-year-old's Crohn's disease") and a parent's "my daughter, 16, has …".
    expect(childSign({ condition: "my 12-year-old's Crohn's disease" })).toBe('"12 year old"');
    expect(childSign({ condition: "the 12-year-old's mother has breast cancer" })).toBeUndefined();
    expect(childSign({ condition: 'my daughter, 16, has severe depression' })).toBe('"daughter, 16"');
    expect(childSign({ condition: 'my daughter, 34, has severe depression' })).toBeUndefined();
    expect(childSign({ condition: 'my son 2 visits a week for asthma' })).toBeUndefined();
  });

  it('does not read a child word about someone else or long ago as a child', () => {
    expect(childSign({ condition: 'morbid obesity, mother of 4 children' })).toBeUndefined();
    expect(childSign({ condition: 'type 2 diabetes since having kids' })).toBeUndefined();
    expect(childSign({ condition: 'migraine headaches after the birth of her baby' })).toBeUndefined();
    expect(childSign({ condition: 'chronic migraine since her teens' })).toBeUndefined();
    // A bare "parents" is no cue: the boy is the patient.
    expect(childSign({ condition: 'aggression toward his parents (boy)' })).toBe('"boy"');
  });

  it('reads an older patient from an age written in words when no age is given', () => {
    // Skilled nursing routes to physical medicine, whose area prefers a geriatrician for an older patient.
    const olderFor = (condition: string) =>
      recommendSpecialist({ condition, procedure: 'skilled nursing facility' }).evidence.find(
        (item) => item.ruleId === 'context.older-adults',
      )?.value;
    expect(olderFor('hip fracture, aged 82')).toBe('"aged 82"');
    expect(
      recommendSpecialist({ condition: 'hip fracture, aged 82', procedure: 'skilled nursing facility' })
        .subspecialty?.taxonomyCode,
    ).toBe('207RG0300X');
    expect(olderFor('my 80 year old mother broke her hip')).toBe('"80 year old"');
    expect(olderFor('hip fracture, aged 64')).toBeUndefined();
    expect(olderFor('hip fracture in a woman in her 80s')).toBe('"her 80s"');
    expect(olderFor('hip fracture in his 50s')).toBeUndefined();
    // The first age stated is the patient's: a grown son named after does not make a 70-year-old younger.
    expect(olderFor('a 70 year old caring for a 30 year old son, hip fracture')).toBe('"70 year old"');
  });

  it('reads an older patient from words when no age is given ("elderly", "older man"); an age or a child wins', () => {
    const olderSign = (input: Parameters<typeof recommendSpecialist>[0]) =>
      recommendSpecialist(input).evidence.find((item) => item.ruleId === 'context.older-adults')?.value;
    // Skilled nursing routes to physical medicine, whose area prefers a geriatrician for an older patient.
    const elderly = recommendSpecialist({
      condition: 'elderly woman with a hip fracture',
      procedure: 'skilled nursing facility',
    });
    expect(elderly.specialty.taxonomyCode).toBe('208100000X');
    expect(elderly.subspecialty?.taxonomyCode).toBe('207RG0300X');
    expect(
      olderSign({ condition: 'elderly woman with a hip fracture', procedure: 'skilled nursing facility' }),
    ).toBe('"elderly"');
    expect(
      olderSign({ condition: 'hip fracture in an older man', procedure: 'skilled nursing facility' }),
    ).toBe('"older man"');
    // "older" alone says nothing ("an older injury").
    expect(
      olderSign({ condition: 'an older hip fracture', procedure: 'skilled nursing facility' }),
    ).toBeUndefined();
    // A given age decides, either way.
    const stated = recommendSpecialist({
      condition: 'elderly woman with a hip fracture',
      procedure: 'skilled nursing facility',
      age: 60,
    });
    expect(stated.subspecialty).toBeUndefined();
    // A sign of a child wins over an older word.
    expect(
      olderSign({
        condition: 'a baby cared for by her elderly grandmother',
        procedure: 'skilled nursing facility',
      }),
    ).toBeUndefined();
  });

  it('reads chronic diseases of age in three areas, for personal care or post-acute care without an age, as an older adult', () => {
    const personalCare = (condition: string, age?: number) =>
      recommendSpecialist({
        condition,
        procedure: 'personal care services',
        ...(age !== undefined ? { age } : {}),
      });
    const olderSign = (condition: string) =>
      personalCare(condition).evidence.find((item) => item.ruleId === 'context.older-adults')?.value;
    // Coronary artery disease (heart), renal failure (kidney), osteoarthritis (joints): three areas of age.
    const several = personalCare('coronary artery disease, chronic renal failure and osteoarthritis');
    expect(several.specialty.taxonomyCode).toBe('208100000X');
    expect(several.subspecialty?.taxonomyCode).toBe('207RG0300X');
    expect(olderSign('coronary artery disease, chronic renal failure and osteoarthritis')).toBe(
      'chronic conditions of later life in 3 body systems named together',
    );
    expect(
      several.warnings.some((text) =>
        text.startsWith(
          'No age was given: chronic conditions of later life in 3 body systems named together were read',
        ),
      ),
    ).toBe(true);
    // Parkinson's disease counts by its range.
    expect(olderSign("Parkinson's disease, heart failure and osteoporosis")).toBe(
      'chronic conditions of later life in 3 body systems named together',
    );
    // Two areas are not enough, and a given age decides.
    expect(personalCare('coronary artery disease and chronic renal failure').subspecialty).toBeUndefined();
    expect(
      personalCare('coronary artery disease, chronic renal failure and osteoarthritis', 45).subspecialty,
    ).toBeUndefined();
    // Review, session 51: none of these says older.
    for (const condition of [
      '30-year-old with heart failure, stroke and osteoporosis', // an age in the text
      'stroke, denies diabetes or COPD', // denied
      'stroke; diabetes and COPD ruled out',
      'stroke; family history of heart disease and diabetes',
      'young man with heart failure, diabetes and osteoarthritis',
      'multiple sclerosis, depression and migraine', // not diseases of age
      'type 1 diabetes, asthma and epilepsy',
      'down syndrome, heart failure and hypothyroidism', // present from birth
      'cystic fibrosis, diabetes and heart failure',
      'cerebral palsy, a seizure disorder, chronic lung disease and a stroke',
      'juvenile diabetes, asthma and kidney disease', // review 2: asthma is not COPD, "juvenile" says young
      'in her 40s with heart failure, COPD and diabetes', // a decade of age in the text
    ])
      expect(olderSign(condition), condition).toBeUndefined();
    // A word that says older decides first, and the guess from the conditions is not warned of.
    const elderly = personalCare(
      'elderly man: coronary artery disease, chronic renal failure and osteoarthritis',
    );
    expect(elderly.subspecialty?.taxonomyCode).toBe('207RG0300X');
    expect(elderly.warnings.some((text) => text.startsWith('No age was given'))).toBe(false);
    // Only the treatments of daily living read it: the same kind of list with a psychiatric stay keeps the
    // general psychiatrist, not the geriatric one.
    const psychiatric = recommendSpecialist({
      condition: 'severe depression with heart failure, kidney failure and osteoarthritis',
      procedure: 'inpatient psychiatric admission',
    });
    expect(psychiatric.specialty.taxonomyCode).toBe('2084P0800X');
    expect(psychiatric.subspecialty).toBeUndefined();
  });

  it("keeps the child neurologist an alternative where a child's neurosurgery is the neurosurgeon's", () => {
    const rhizotomy = recommendSpecialist({
      condition: 'cerebral palsy',
      procedure: 'selective dorsal rhizotomy',
      age: 5,
    });
    expect(rhizotomy.subspecialty?.taxonomyCode).toBe('207T00000X');
    expect(codesOf(rhizotomy)).toEqual(expect.arrayContaining(['2084N0402X', '2081P0010X']));
    const chiari = recommendSpecialist({
      condition: 'Chiari malformation',
      procedure: 'brain surgery',
      age: 7,
    });
    expect(chiari.area.id).toBe('neurosurgery');
    expect(chiari.specialty.taxonomyCode).toBe('207T00000X');
    expect(codesOf(chiari)).toContain('2084N0402X');
    // An adult is offered no child neurologist.
    const adult = recommendSpecialist({
      condition: 'Chiari malformation',
      procedure: 'brain surgery',
      age: 40,
    });
    expect(codesOf(adult)).not.toContain('2084N0402X');
    // A condition whose own specialists judge the operation keeps its route and subspecialist (review, session 51).
    const aneurysm = recommendSpecialist({ condition: 'brain aneurysm', procedure: 'craniotomy' });
    expect(aneurysm.subspecialty?.taxonomyCode).toBe('2084V0102X');
    expect(codesOf(aneurysm)).toContain('207T00000X');
    // A condition of another field named first does not take the operation away (review 2, session 51); the
    // condition's specialist is an alternative.
    const pituitary = recommendSpecialist({ condition: 'pituitary tumour', procedure: 'brain surgery' });
    expect(pituitary.area.id).toBe('neurosurgery');
    expect(codesOf(pituitary)).toContain('207RE0101X');
    expect(
      recommendSpecialist({ condition: 'type 2 diabetes and a subdural hematoma', procedure: 'craniotomy' })
        .area.id,
    ).toBe('neurosurgery');
    expect(
      recommendSpecialist({ condition: 'diabetes with cataracts', procedure: 'eye surgery' }).area.id,
    ).toBe('ophthalmology');
  });

  it('reads the infant RSV products as a child\'s, but not an older adult\'s "RSV shots"', () => {
    const infant = recommendSpecialist({ condition: 'premature twins', procedure: 'Synagis' });
    expect(infant.subspecialty?.taxonomyCode).toBe('2080N0001X');
    // A given adult age: the infant's product does not decide (review 2, session 51).
    expect(
      recommendSpecialist({ condition: 'lung transplant recipient with RSV', procedure: 'Synagis', age: 60 })
        .area.id,
    ).not.toBe('pediatrics');
    const older = recommendSpecialist({ condition: 'RSV vaccine', procedure: 'RSV shots', age: 70 });
    expect(older.area.id).not.toBe('pediatrics');
    expect(older.evidence.some((item) => item.ruleId === 'drug.rsv-prophylaxis')).toBe(false);
  });

  it("adds the condition area's surgeon for a treatment it does not read only when the words name an operation", () => {
    const shot = recommendSpecialist({ condition: 'asthma', procedure: 'flu shot' });
    expect(codesOf(shot)).not.toContain('208G00000X');
    expect(shot.rationale).not.toContain('surgeon');
    expect(codesOf(recommendSpecialist({ condition: 'lung nodule', procedure: 'thoracotomy' }))).toContain(
      '208G00000X',
    );
    expect(
      codesOf(recommendSpecialist({ condition: 'lung nodule', procedure: 'surgery to remove it' })),
    ).toContain('208G00000X');
    // A catheter or scope procedure ending in -plasty is not read as an operation.
    expect(
      codesOf(recommendSpecialist({ condition: 'asthma', procedure: 'bronchial thermoplasty' })),
    ).not.toContain('208G00000X');
  });

  it("routes a child's home nursing or personal care to the pediatrician, and says why", () => {
    const child = recommendSpecialist({
      condition: 'Down syndrome',
      procedure: 'increased personal care worker hours',
      age: 8,
    });
    expect(child.area.id).toBe('pediatrics');
    expect(child.specialty.taxonomyCode).toBe('208000000X');
    expect(child.rationale).toContain(
      'for a child it is ordered and overseen in "Children and newborns (general)"',
    );
    // A child's ADHD is not among the exceptions: the pediatrician (review 2, session 51).
    expect(
      recommendSpecialist({ condition: 'ADHD', procedure: 'personal care', age: 9 }).specialty.taxonomyCode,
    ).toBe('208000000X');
    // An older adult read from the text is offered no pediatric physiatrist.
    expect(
      codesOf(
        recommendSpecialist({
          condition: 'my 80-year-old mother has heart failure, COPD and a stroke',
          procedure: 'personal care',
        }),
      ),
    ).not.toContain('2081P0010X');
    // The physiatrist who performs it stays an alternative.
    expect(child.alternatives.map((item) => item.taxonomyCode)).toContain('208100000X');
    // An adult's, the same treatment: the physiatrist.
    const adult = recommendSpecialist({
      condition: 'Down syndrome',
      procedure: 'increased personal care worker hours',
      age: 30,
    });
    expect(adult.specialty.taxonomyCode).toBe('208100000X');
    expect(adult.rationale).not.toContain('for a child');
  });

  it('reads a pair of words as a child where neither word says it alone ("young son"; a son may be grown)', () => {
    expect(childSign({ condition: 'type 1 diabetes in my young son' })).toBe('"young son"');
    expect(
      recommendSpecialist({ condition: 'type 1 diabetes in my young son' }).subspecialty?.taxonomyCode,
    ).toBe('2080P0205X');
    expect(childSign({ condition: 'type 1 diabetes in my son' })).toBeUndefined();
    expect(recommendSpecialist({ condition: 'type 1 diabetes in my son' }).subspecialty).toBeUndefined();
    // A minor is a child in law; "minor" alone is not ("a minor injury").
    expect(childSign({ condition: 'my minor daughter with a rare endocrine disorder' })).toBe(
      '"minor daughter"',
    );
    expect(
      recommendSpecialist({ condition: 'my minor daughter with a rare endocrine disorder' }).subspecialty
        ?.taxonomyCode,
    ).toBe('2080P0205X');
    expect(childSign({ condition: 'a minor injury to the knee' })).toBeUndefined();
    expect(childSign({ condition: 'asthma in a high schooler' })).toBe('"high schooler"');
    expect(childSign({ condition: 'high school student with leukemia' })).toBe('"school student"');
  });

  it('lets a heart catheterization decide for the interventional cardiologist, not a bare stent', () => {
    const cath = recommendSpecialist({
      condition: 'chest pain with elevated troponin in a woman with diabetes',
      procedure: 'hospital stay with cardiac catheterization',
    });
    expect(cath.specialty.taxonomyCode).toBe('207RC0000X');
    expect(cath.subspecialty?.taxonomyCode).toBe('207RI0011X');
    expect(procedureOf(cath)?.ruleId).toBe('procedure.cardiac-catheterization');
    // A stent may be a ureter's: it adds its performer but does not take the kidney stone from the urologist.
    expect(
      recommendSpecialist({ condition: 'kidney stones', procedure: 'stent placement' }).specialty
        .taxonomyCode,
    ).toBe('208800000X');
  });

  it('routes round-9 conditions by the organ that is treated (sarcoidosis, AATD, EB, aural atresia, club feet)', () => {
    const code = (input: SpecialistInput) => {
      const result = recommendSpecialist(input);
      return `${result.specialty.taxonomyCode}/${result.subspecialty?.taxonomyCode ?? '-'}`;
    };
    // Coded with the immune disorders (D86) and the metabolic ones (E88.01), treated by pulmonologists.
    expect(code({ condition: 'sarcoidosis' })).toBe('207RP1001X/-');
    expect(code({ icd10: ['D86.0'] })).toBe('207RP1001X/-');
    expect(code({ icd10: ['D84.9'] })).toBe('207K00000X/207KI0005X');
    expect(code({ condition: 'alpha-1 antitrypsin deficiency' })).toBe('207RP1001X/-');
    expect(code({ icd10: ['E88.1'] })).toBe('207SG0201X/207SG0202X');
    // Congenital malformations of the skin and the ear go to their organ's specialist, for a child its pediatric one.
    expect(code({ condition: 'epidermolysis bullosa', age: 1 })).toBe('207N00000X/207NP0225X');
    expect(code({ condition: 'aural atresia on his left side', age: 8 })).toBe('207Y00000X/207YP0228X');
    // A shunt for hydrocephalus adds the neurosurgeon who performs it; the condition still routes.
    expect(
      recommendSpecialist({
        condition: 'hydrocephalus',
        procedure: 'shunt revision',
        age: 3,
      }).alternatives.map((alternative) => alternative.taxonomyCode),
    ).toContain('207T00000X');
    // The orthopaedic surgeon, with the pediatric orthopaedic surgeon for a child since 2026-12-05.
    expect(code({ condition: 'club feet', age: 1 })).toBe('207X00000X/207XP3100X');
    expect(code({ condition: 'Ehlers-Danlos syndrome' })).toBe('207SG0201X/-');
    // "ovarian" is "ovary" and the plain term "ovarian torsion" finds N83, not E28 (ovarian dysfunction).
    expect(recommendSpecialist({ condition: 'ovarian torsion' }).evidence[0]?.ruleId).toBe('icd10cm.N83');
  });

  it('lets an inpatient rehabilitation stay, an airway clearance vest and a BAHA decide', () => {
    const rehab = recommendSpecialist({ icd10: ['I63.9'], procedure: 'inpatient rehabilitation' });
    expect(rehab.specialty.taxonomyCode).toBe('208100000X');
    expect(rehab.evidence.map((item) => `${item.ruleId}:${item.use}`)).toEqual([
      'icd10.I60-I69:alternative',
      'procedure.rehabilitation:routing',
    ]);
    const vest = recommendSpecialist({
      condition: 'Aicardi syndrome with seizures',
      procedure: 'high-frequency chest wall oscillation vest',
      age: 2,
    });
    expect(vest.subspecialty?.taxonomyCode).toBe('2080P0214X');
    expect(
      procedureOf(recommendSpecialist({ condition: 'hearing loss', procedure: 'replacement BAHA' }))?.ruleId,
    ).toBe('procedure.ear-surgery');
    expect(
      recommendSpecialist({ condition: 'occipital neuralgia', procedure: 'occipital nerve stimulator trial' })
        .subspecialty?.taxonomyCode,
    ).toBe('208VP0014X');
  });

  it('routes the specific condition when a category names its field first ("Cancer - Prostate cancer")', () => {
    const prostate = recommendSpecialist({ condition: 'Cancer - Prostate cancer' });
    expect(prostate.specialty.taxonomyCode).toBe('208800000X');
    expect(prostate.evidence.map((item) => `${item.ruleId}:${item.use}`)).toEqual([
      'icd10.C61:routing',
      'icd10.C00-D49:alternative',
    ]);
    // An area phrase ("mental health") yields to a range of the same area named after it.
    expect(
      recommendSpecialist({ condition: 'Mental Health - Substance Abuse (substance use disorder)' })
        .evidence[0]?.ruleId,
    ).toBe('icd10.F10-F19');
    // Two conditions of different fields keep their order: the first named routes.
    expect(recommendSpecialist({ condition: 'asthma; prostate cancer' }).area.id).toBe('respiratory');
  });

  it('lets a field named before the diagnosis ("Skin Disorders - ...") yield to the diagnosis, found or searched', () => {
    const bleeding = recommendSpecialist({ condition: 'Gynecological - Vaginal bleeding (anemia)' });
    expect(bleeding.area.id).toBe('gynecology');
    // The field says nothing more once a condition is named: it is not even an alternative.
    expect(bleeding.evidence.map((item) => `${item.value}:${item.use}`)).toEqual([
      'vaginal bleeding:routing',
      'anemia:alternative',
    ]);
    // "Skin Disorders" is a field; impetigo has no phrase, so the words are searched and the search routes.
    const impetigo = recommendSpecialist({ condition: 'Skin Disorders - Impetigo of the right hand' });
    expect(impetigo.evidence[0]).toMatchObject({ kind: 'condition', use: 'routing' });
    expect(impetigo.evidence[0]?.ruleId).toMatch(/^icd10cm\.L/);
    expect(impetigo.area.id).toBe('infectious-disease');
    // Cellulitis is named (a phrase of the skin-infection range): the field yields to it the same way.
    const cellulitis = recommendSpecialist({ condition: 'Skin Disorders - Cellulitis of the right hand' });
    expect(cellulitis.evidence.map((item) => `${item.value}:${item.ruleId}:${item.use}`)).toEqual([
      'cellulitis:icd10.L00-L08:routing',
    ]);
    expect(cellulitis.area.id).toBe('infectious-disease');
    // A field alone still routes to its area (here through the search, which finds the ear block).
    expect(recommendSpecialist({ condition: 'Ears/Nose/Throat' }).area.id).toBe('ent');
    expect(recommendSpecialist({ condition: 'Gynecological' }).evidence[0]?.ruleId).toBe('gynecology');
  });

  it('lets a deciding treatment yield to a condition of an area it names (yieldsTo)', () => {
    const alcohol = recommendSpecialist({
      condition: 'alcohol use disorder',
      procedure: 'Inpatient rehabilitation services',
    });
    expect(alcohol.area.id).toBe('mental-health');
    expect(procedureOf(alcohol)?.use).toBe('alternative');
    expect(
      recommendSpecialist({ condition: 'hip fracture', procedure: 'inpatient rehabilitation' }).specialty
        .taxonomyCode,
    ).toBe('208100000X');
  });

  it('reads a child in the treatment too, and lets eyelid surgery and a drug rehabilitation stay decide', () => {
    const picu = recommendSpecialist({
      condition: 'Respiratory System - Asthma',
      procedure: 'Inpatient hospital stay (pediatric intensive care unit)',
    });
    expect(picu.subspecialty?.taxonomyCode).toBe('2080P0214X');
    expect(picu.evidence.find((item) => item.kind === 'age')?.value).toBe('"pediatric"');
    expect(
      recommendSpecialist({ condition: 'neck sprain', procedure: 'laminoforaminotomy at C6-7' }).subspecialty
        ?.taxonomyCode,
    ).toBe('207XS0117X');
    expect(
      recommendSpecialist({
        condition: 'Vision - Excess Skin of Eyelid',
        procedure: 'eyelid and brow surgery',
      }).specialty.taxonomyCode,
    ).toBe('207W00000X');
    const rehab = recommendSpecialist({
      condition: 'substance use disorder',
      procedure: 'Substance Abuse Inpatient Rehabilitation Admission',
    });
    expect(procedureOf(rehab)?.ruleId).toBe('procedure.detox');
    expect(rehab.specialty.taxonomyCode).toBe('2084P0800X');
  });

  it('reads a selective dorsal rhizotomy as spasticity surgery, not a pain injection; stiff person syndrome', () => {
    const sdr = recommendSpecialist({
      condition: 'cerebral palsy',
      procedure: 'selective dorsal rhizotomy',
      age: 4,
    });
    expect(procedureOf(sdr)?.ruleId).toBe('procedure.selective-dorsal-rhizotomy');
    // Since session 51 the neurosurgeon who performs it is the preferred subspecialist (accepted in all three
    // development cases of it), the child neurologist an alternative.
    expect(sdr.subspecialty?.taxonomyCode).toBe('207T00000X');
    expect(codesOf(sdr)).toContain('2084N0402X');
    expect(
      procedureOf(
        recommendSpecialist({ condition: 'facet arthropathy', procedure: 'radiofrequency rhizotomy' }),
      )?.ruleId,
    ).toBe('procedure.spinal-injection-epidural-facet');
    expect(recommendSpecialist({ condition: 'stiff person syndrome' }).area.id).toBe('neuromuscular');
  });

  it("keeps an oral surgeon's jaw surgery for a child (performerTreatsChildren); a baby's frenotomy is the pediatric dentist's", () => {
    const jaw = recommendSpecialist({
      condition: 'significant underbite',
      procedure: 'orthognathic surgery',
      age: 13,
    });
    expect(jaw.subspecialty?.taxonomyCode).toBe('1223S0112X');
    expect(
      recommendSpecialist({ condition: 'significant underbite', procedure: 'orthognathic surgery', age: 40 })
        .subspecialty?.taxonomyCode,
    ).toBe('1223S0112X');
    const tongue = recommendSpecialist({
      condition: 'tongue tie in a newborn',
      procedure: 'laser frenotomy',
    });
    expect(tongue.subspecialty?.taxonomyCode).toBe('1223P0221X');
    expect(tongue.alternatives.map((item) => item.taxonomyCode)).toContain('207YP0228X');
  });

  it("gives a root canal to the endodontist (a child's to the pediatric dentist), wisdom teeth to the oral surgeon", () => {
    const adult = recommendSpecialist({
      condition: 'a decayed molar with pulp exposure',
      procedure: 'root canal (tooth 31)',
    });
    expect([adult.specialty.taxonomyCode, adult.subspecialty?.taxonomyCode]).toEqual([
      '122300000X',
      '1223E0200X',
    ]);
    // A CDT code of the endodontics category (D3000–D3999) is the same treatment where it routes alone (a code
    // beside a named condition leaves the subspecialist to the condition, as every treatment read from its code).
    expect(recommendSpecialist({ procedure: 'D3330' }).subspecialty?.taxonomyCode).toBe('1223E0200X');
    const child = recommendSpecialist({
      condition: 'eight teeth with exposed nerves and dental caries',
      procedure: 'root canals and crowns under general anesthesia in hospital',
      age: 2,
    });
    expect(child.subspecialty?.taxonomyCode).toBe('1223P0221X');
    // Impacted wisdom teeth are a dental condition: the asthma beside them is history, not the dispute.
    const wisdom = recommendSpecialist({
      condition: 'four complete bony impacted wisdom teeth with history of asthma',
      procedure: 'removal of impacted wisdom teeth under general anesthesia',
    });
    expect([wisdom.specialty.taxonomyCode, wisdom.subspecialty?.taxonomyCode]).toEqual([
      '122300000X',
      '1223S0112X',
    ]);
  });

  it("routes a mother's breastfeeding trouble to the obstetrician-gynecologist (ICD-10-CM O91–O92)", () => {
    const result = recommendSpecialist({
      condition: 'breastfeeding difficulty with bleeding in the first weeks after birth',
    });
    expect([result.specialty.taxonomyCode, result.subspecialty]).toEqual(['207V00000X', undefined]);
    // A baby's breastfeeding trouble is the baby's (no one under 9 has a pregnancy's condition: the range's
    // minimumAge), found by the ICD-10-CM search among the newborn's conditions.
    const baby = recommendSpecialist({ condition: 'newborn with breastfeeding difficulty', age: 0 });
    expect([baby.specialty.taxonomyCode, baby.subspecialty?.taxonomyCode]).toEqual([
      '208000000X',
      '2080N0001X',
    ]);
    // Without an age the words route as written (an adult's condition).
    expect(recommendSpecialist({ condition: 'preeclampsia', age: 8 }).specialty.taxonomyCode).not.toBe(
      '207V00000X',
    );
  });

  it('routes gynecomastia (ICD-10-CM N62, hypertrophy of breast) to plastic surgery', () => {
    expect(recommendSpecialist({ condition: 'gynecomastia' }).specialty.taxonomyCode).toBe('208200000X');
  });

  it('drops a condition the text denies ("no history of cancer"), and routes by the next', () => {
    expect(areaOf({ condition: 'breast cancer' })).toBe('breast-cancer');
    expect(areaOf({ condition: 'no history of breast cancer; knee osteoarthritis' })).toBe(
      areaOf({ condition: 'knee osteoarthritis' }),
    );
  });

  it('reads every item of a list after "history of" as past, however far from it', () => {
    // "obstructive sleep apnea" is seven words after "history of", in its list: past, so the meniscus routes.
    const knee = recommendSpecialist({
      condition: 'history of asthma, high blood pressure, obstructive sleep apnea; now a torn meniscus',
    });
    expect(knee.evidence[0]?.value).toBe('torn meniscus');
    // When all there is is past, the order is kept: the first of the list routes.
    const onlyPast = recommendSpecialist({
      condition: 'Spells of unclear cause; history of seizures, head injury, obstructive sleep apnea',
    });
    expect(onlyPast.evidence[0]?.value).toBe('seizures');
  });

  it('routes by the present condition, not one of the past ("history of …"), unless the past is all there is', () => {
    const past = recommendSpecialist({ condition: 'history of breast cancer; now knee osteoarthritis' });
    expect(past.area.id).toBe('joint-replacement');
    expect(past.evidence.map((item) => `${item.ruleId}:${item.use}`)).toEqual([
      'icd10.M17:routing',
      'icd10.C50:alternative',
    ]);
    expect(areaOf({ condition: 'history of breast cancer' })).toBe('breast-cancer');
    // Searched in ICD-10-CM: K04 (diseases of pulp and periapical tissues), not I00–I02 (acute rheumatic fever).
    const searched = recommendSpecialist({
      condition: 'tooth abscess with half the face swollen (history of rheumatic fever)',
    });
    expect(searched.evidence[0]?.ruleId).toBe('icd10cm.K04');
    expect(searched.specialty.taxonomyCode).toBe('122300000X');
    expect(areaOf({ condition: 'rheumatic fever' })).toBe('cardiac');
  });

  it('finds no condition in words that name none ("many chronic illnesses")', () => {
    const older = recommendSpecialist({ condition: 'many chronic illnesses', age: 88 });
    expect(older.area.id).toBe('internal-medicine');
    expect(older.subspecialty?.taxonomyCode).toBe('207RG0300X');
    expect(older.confidence).toBe('low');
    expect(areaOf({ condition: 'mental illness' })).toBe('mental-health');
  });

  it('reads the treatment as its performer names it: radiation, a stander, a frenotomy, dental work', () => {
    const routing = (input: SpecialistInput) =>
      recommendSpecialist(input).evidence.find((item) => item.use === 'routing')?.ruleId;
    expect(routing({ condition: 'metastatic melanoma', procedure: 'radiation to the lung nodule' })).toBe(
      'procedure.radiation-therapy',
    );
    expect(
      recommendSpecialist({ condition: 'cerebral palsy', procedure: 'stander', age: 7 }).subspecialty
        ?.taxonomyCode,
    ).toBe('2081P0010X');
    expect(
      recommendSpecialist({ condition: 'tongue tie', procedure: 'laser frenotomy', age: 0 }).subspecialty
        ?.taxonomyCode,
    ).toBe('1223P0221X');
    expect(routing({ condition: 'myasthenia gravis', procedure: 'dental treatment plan' })).toBe(
      'procedure.dental-treatment',
    );
    expect(recommendSpecialist({ condition: 'radiation cystitis' }).specialty.taxonomyCode).toBe(
      '208800000X',
    );
  });

  it('reads accented names as written in a–z (Sjögren, Behçet)', () => {
    expect(areaOf({ condition: 'Sjögren’s syndrome' })).toBe('rheumatology');
    expect(areaOf({ condition: 'Behçet disease with flares' })).toBe('rheumatology');
  });

  it('says child for a childhood condition only when the text names it, not from a word it shares', () => {
    // "emotional problems" finds the block of behavioural and emotional disorders of childhood by one word.
    const adult = recommendSpecialist({ condition: 'hospitalized for emotional problems' });
    expect(adult.area.id).toBe('mental-health');
    expect(childSign({ condition: 'hospitalized for emotional problems' })).toBeUndefined();
  });

  it("names a child's other conditions by their pediatric subspecialists when a treatment takes the route", () => {
    // A diabetic 8-year-old's home nursing is the pediatrician's (childDecides); the diabetes brings the pediatric
    // endocrinologist beside him, not the adult endocrinologist.
    const child = recommendSpecialist({ condition: 'type 1 diabetes', procedure: 'home nursing', age: 8 });
    expect(child.specialty.taxonomyCode).toBe('208000000X');
    const codes = child.alternatives.map((alternative) => alternative.taxonomyCode);
    expect(codes).toContain('2080P0205X');
    expect(codes).not.toContain('207RE0101X');
    // At 40 the same treatment does not decide: the endocrinologist routes.
    const adult = recommendSpecialist({ condition: 'type 1 diabetes', procedure: 'home nursing', age: 40 });
    expect(adult.specialty.taxonomyCode).toBe('207RE0101X');
    // A range with a specialty of its own names its own pediatric subspecialist (fibromyalgia: the rheumatologist's).
    const teen = recommendSpecialist({
      condition: 'fibromyalgia',
      procedure: 'private duty nursing',
      age: 14,
    });
    expect(teen.alternatives.map((alternative) => alternative.taxonomyCode)).toContain('2080P0216X');
  });

  it('routes a symptom under a field written as a header to the field, at medium confidence, and says so', () => {
    const cough = recommendSpecialist({ condition: 'Respiratory System - Cough' });
    expect(cough.specialty.taxonomyCode).toBe('207RP1001X');
    expect(cough.confidence).toBe('medium');
    expect(cough.warnings[0]).toContain('R00–R09');
    expect(cough.warnings[0]).toContain(
      'a symptom, so the field named before it ("respiratory system") chose the specialist',
    );
    // The same field named in passing, not as a header, does not take the symptom.
    const passing = recommendSpecialist({ condition: 'cough, and a respiratory system disorder years ago' });
    expect(passing.warnings.join(' ')).not.toContain('the field named before it');
  });

  it('reads "minor" as a child only where it names a person', () => {
    expect(childSign({ condition: 'acute myeloid leukemia in a minor' })).toBe('"minor"');
    expect(childSign({ condition: 'severe asthma, minor T.S.' })).toBe('"minor"');
    expect(childSign({ condition: 'a minor whose dental profile was not handicapping' })).toBe('"minor"');
    expect(childSign({ condition: 'minor crowding of the teeth' })).toBeUndefined();
    // Condition names that end with "minor" are its form, not the patient's age.
    expect(childSign({ condition: 'beta thalassaemia minor' })).toBeUndefined();
    expect(childSign({ condition: 'recurrent erythema multiforme minor' })).toBeUndefined();
    expect(childSign({ condition: 'thalassemia minor' })).toBeUndefined();
    expect(childSign({ condition: 'mother of a minor' })).toBeUndefined();
  });
});

describe('types', () => {
  it('exposes the contract types', () => {
    expectTypeOf(recommendSpecialist).parameter(0).toEqualTypeOf<SpecialistInput>();
    expectTypeOf(recommendSpecialist).returns.toEqualTypeOf<SpecialistRecommendation>();
    expectTypeOf<SpecialistRecommendation['specialty']>().toHaveProperty('taxonomyCode').toBeString();
    expectTypeOf<SpecialistInput['claimType']>().toEqualTypeOf<
      'health' | 'critical_illness' | 'disability' | 'long_term_care' | undefined
    >();
  });
});
