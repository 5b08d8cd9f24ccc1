import { describe, expect, it } from 'vitest';
import { codesQuotedIn } from '../src/classifyDenial/quotedCodes.js';
import { classifyDenial } from '../src/index.js';

const displays = (text: string) => codesQuotedIn(text).codes.map((code) => code.parsed.display);
const quotes = (text: string) => codesQuotedIn(text).codes.map((code) => code.quoted);

describe('codesQuotedIn', () => {
  it.each([
    ['Denied with CO-50.', ['CO-50']],
    ['EOB: CO 50', ['CO-50']],
    ['CO50 on line 2', ['CO-50']],
    ['PR-B9 and OA-23', ['PR-B9', 'OA-23']],
    ['co-50 (typed in lower case, with its hyphen)', ['CO-50']],
    ['denial code co 50', ['CO-50']],
    ['Reason Code #CO-4', ['CO-4']],
    ['EOB code PR-204', ['PR-204']],
    ['CARC 16, 252 and N290', ['16', '252', 'N290']],
    ['Claim adjustment reason code: 197', ['197']],
    ['remark code MA130', ['MA130']],
    ['remittance advice remark code N115', ['N115']],
    ['RARC N211', ['N211']],
    ['CO16-N290', ['CO-16', 'N290']],
    ['denial codes CO-16, CO-252 and remark code N479', ['CO-16', 'CO-252', 'N479']],
    ['Copied from a PDF: CO\u201350 and N\u2011115', ['CO-50']],
    ['RARC N290, N479, and MA130', ['N290', 'N479', 'MA130']],
    ['Group Code: CO  Reason Code: 45', ['CO-45']],
    ['reason code 62, remark code M62', ['62', 'M62']],
    ['CARC code 197', ['197']],
    ['The claim adjustment reason code is 50.', ['50']],
    ['RARC MA 130', ['MA130']],
    ['They denied 97164 for CO 236', ['CO-236']],
    ['Our CO-97 claims were denied.', ['CO-97']],
    ['We had 30 CO 50 claims denied last month', ['CO-50']],
    ['a denial with claim adjustment reason code (CARC) CO/PR B7.', ['CO-B7']],
    ['CARC 50 - 12 visits denied.', ['50']],
    ['CARC 16; 2 claims affected', ['16']],
    ['Denial code CO-167 N390 not covered.', ['CO-167']],
    ['Reason Code 197 and Remark Code N54', ['197', 'N54']],
    ['reason code 96 with RARC N130', ['96', 'N130']],
    ['Remark Code(s): N115', ['N115']],
    ['RARC(s): N115', ['N115']],
    ['CARC(s): 16, 252', ['16', '252']],
    ['Denied CO-16 with remark MA130', ['CO-16', 'MA130']],
    ['CO-16 / N290 ; N479 + MA130', ['CO-16', 'N290', 'N479', 'MA130']],
    ['Reason code - 62 M62', ['62', 'M62']],
    ['Denial reason 15 N54/N351', ['15', 'N54', 'N351']],
    ['reason code (CARC) CO 50 with remittance advice remark code (RARC) M127', ['CO-50', 'M127']],
  ])('reads %j as %j', (text, expected) => {
    expect(displays(text)).toEqual(expected);
  });

  it.each([
    ['CO2 laser resurfacing', 'carbon dioxide: a group code without a separator needs two or three digits'],
    ['Denver, CO 80202', 'a ZIP code has five digits'],
    ['Acme Insurance Co 50 Main Street', 'a group code alone is in capitals unless a hyphen follows it'],
    ['take co 50 mg', 'lower case with a space, and no label'],
    ['Wear an N95 mask', 'a RARC shape alone, with no label and no code before it'],
    ['EX CODE N01: incidental procedure', 'RARCs have no leading zero: a payer explanation code'],
    ['code 3 trauma team', 'a bare number after the bare word "code"'],
    ['reason code 197', 'a bare number after a label payers use for their own codes'],
    ['Denial reason 1: not medically necessary', 'a letter numbering its reasons'],
    ['CO-50a', 'a longer token'],
    ['We received a request for an MRI of the lumbar spine, diagnosis code M54.5.', 'an ICD-10-CM code'],
    ['Claim for 97110, dx code M25.561. Denied: visit limit reached.', 'an ICD-10-CM code after a label'],
    ['Remarks: N95 respirators are not covered under the DME benefit.', 'a mask after the word "remarks"'],
    ['Diagnosis code N95.1 menopausal state', 'an ICD-10-CM code'],
    ['Ambien CR 12.5 mg is not covered.', 'a drug strength'],
    ['Paxil CR 25 mg is not covered.', 'a dose with its unit'],
    ['Sinemet CR 50/200 was denied.', 'a drug strength written as a ratio'],
    ['Lone Star Health Plan, 1234 CR 150, Georgetown, TX 78626. Your claim was denied.', 'a county road'],
    ['ECG: PR 160 QRS 90', 'a lab value, no denial in its sentence'],
    ['SEVERE OA 3 COMPARTMENTS', 'a grade'],
    ['knee OA 2/2 prior trauma', 'a ratio'],
    ['Fractional CO 2 laser resurfacing was denied as cosmetic.', 'one digit apart from the group, no label'],
    ['EOB: CO 12/15/2025', 'a date'],
    ['ACME HEALTH CO 150 MAIN STREET', 'an address'],
    ['code 1 N1', 'a bare "code" is no label'],
    [
      'Clinical summary: 62 yo F with OA 10 yrs, failed PT; the request is denied as not medically necessary.',
      'a duration after a grade',
    ],
    [
      'Your request for Keytruda was denied as experimental; the tumor showed PR 18 months ago.',
      'a response, a duration',
    ],
    [
      'The test is denied: EKG with sinus rhythm, PR 150, QRS 90, so it is not necessary.',
      'a lab value in its own clause',
    ],
    ['The request is denied; ECG shows PR 210 msec', 'a lab value with its unit'],
    ['Denied; PI 20 min late', 'PI only with a hyphen'],
    ['Ambien CR 12 was denied', 'CR only with a hyphen'],
    ['ACME HEALTH CO 150 MAIN STREET, DENVER, CO 80202 NOTICE OF DENIAL', 'an address in its own clause'],
    ['The denial reason: N186 end stage renal disease is not covered.', 'a diagnosis code without its dot'],
    ['Explanation code M79 pain in limb.', 'a diagnosis code after a generic label'],
    ['Claim code N200 kidney stone denied.', 'a diagnosis code after a generic label'],
    ['Denial reason 2, M62 muscle spasm.', 'a number then a diagnosis code'],
    ['ICD-10 CO-50-1', 'a code followed by a hyphen and digits is part of something longer'],
  ])('reads nothing in %j (%s)', (text) => {
    expect(displays(text)).toEqual([]);
  });

  it('reads a number beside a RARC as a CARC only after "reason code" or "denial reason", and only a RARC the rule set holds', () => {
    expect(codesQuotedIn('Reason for denial: claim code 2 M17')).toEqual({
      codes: [],
      unread: ['claim code 2'],
    });
    expect(codesQuotedIn('reason code 62 M62', () => false).codes).toEqual([]);
    expect(codesQuotedIn('reason code 62 M62', (code) => code.code !== 'M62').unread).toEqual([
      'reason code 62',
    ]);
  });

  it('reports each unread number once, and at most five', () => {
    expect(codesQuotedIn('reason code 197 '.repeat(6000)).unread).toEqual(['reason code 197']);
    const many = Array.from({ length: 20 }, (_, index) => `reason code ${index + 100}.`).join(' ');
    expect(codesQuotedIn(many).unread).toHaveLength(5);
  });

  it('reads at most 50 codes from one text', () => {
    const list = Array.from({ length: 300 }, (_, index) => `CO-${index + 1}`).join(', ');
    expect(codesQuotedIn(list).codes).toHaveLength(50);
  });

  it('reports a bare number after a payer label as unread, never "code N" alone', () => {
    expect(codesQuotedIn('EOB shows reason code 197; denial code 50, and code 3.').unread).toEqual([
      'reason code 197',
      'denial code 50',
    ]);
  });

  it('keeps the text’s own words for each code, once per code', () => {
    expect(quotes('denial  code\nCO-50, N115; later CO-50 again')).toEqual(['denial code CO-50', 'N115']);
  });

  it('quotes a label in parentheses with its opening one', () => {
    expect(quotes('remark code (RARC) M127')).toEqual(['(RARC) M127']);
  });

  it('reads a list only right after a code (no further than a separator and one code)', () => {
    expect(displays('CO-16 was the code. Two pages later: N290')).toEqual(['CO-16']);
  });

  it.each([
    ['a label, then a long run of spaces', `code${' '.repeat(99_990)}x1`],
    ['a remark label, then a long run of spaces', `remark${' '.repeat(99_990)}1`],
    ['a group code, then a long run of spaces', `CO${' '.repeat(99_990)}1`],
    ['group codes and numbers apart, in one long clause', 'XX CO 50 '.repeat(11_111)],
  ])('reads %s in linear time', (_, text) => {
    const started = performance.now();
    expect(codesQuotedIn(text).codes).toEqual([]);
    // Not a timing test: two repetitions that could share the spaces took 16 s here (quadratic), this takes 1 ms.
    expect(performance.now() - started).toBeLessThan(5000);
  });

  it('scans the longest accepted text of code-like tokens in one linear pass', () => {
    const text = 'CO-1 CO 2 co-3 N4, '.repeat(5000).slice(0, 100_000);
    const started = performance.now();
    const found = codesQuotedIn(text);
    // Not a timing test: a pattern with nested repetition would take minutes here, not a fraction of a second.
    expect(performance.now() - started).toBeLessThan(5000);
    // "CO 2": a group and one digit apart is not read without a label (see the cases above).
    expect(found.codes.map((code) => code.parsed.display)).toEqual(['CO-1', 'CO-3', 'N4']);
  });
});

describe('classifyDenial on codes quoted in the text', () => {
  it('reads them as codes, with the text’s words in `matched`', () => {
    const result = classifyDenial({ text: 'My EOB says denial code CO-50 for the MRI.' });
    expect(result.category).toBe('medical_necessity');
    expect(result.evidence).toEqual([
      {
        kind: 'code',
        value: 'CO-50',
        ruleId: 'carc.50',
        matched: 'denial code CO-50',
        category: 'medical_necessity',
        label: 'Payer says the service was not medically necessary',
        status: 'confirmed',
      },
    ]);
  });

  it('says why a bare "reason code" number was not read', () => {
    const result = classifyDenial({ text: 'EOB shows reason code 197 on my claim.' });
    expect(result.category).toBe('unknown');
    expect(result.warnings[0]).toBe(
      'The text mentions "reason code 197". Payers also number their own reasons, so it was not read as a standard claim adjustment reason code (CARC); if the EOB or remittance lists it as one, enter it as a code.',
    );
  });

  it('says so of several unread numbers in one warning', () => {
    expect(classifyDenial({ text: 'EOB: reason code 197; denial code 50.' }).warnings[0]).toBe(
      'The text mentions "reason code 197", "denial code 50". Payers also number their own reasons, so they were not read as a standard claim adjustment reason code (CARC); if the EOB or remittance lists one as such, enter it as a code.',
    );
  });

  it('skips a quoted code the tables do not hold, silently (a payer’s own "Message Code M737")', () => {
    const result = classifyDenial({ text: 'Message Code M737: no prior authorization on file.' });
    expect(result.category).toBe('prior_authorization');
    expect(result.evidence.some((item) => item.kind === 'code')).toBe(false);
    expect(result.warnings.some((warning) => warning.includes('M737'))).toBe(false);
  });

  it('reads a code given in `codes` and quoted in the text once, as given', () => {
    const result = classifyDenial({ codes: ['CO-50'], text: 'Denied per CO-50 and N115.' });
    expect(
      result.evidence.filter((item) => item.kind === 'code').map((item) => [item.value, item.matched]),
    ).toEqual([
      ['CO-50', undefined],
      ['N115', 'N115'],
    ]);
  });
});
