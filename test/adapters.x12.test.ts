import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  classifyDenial,
  fromX12_835,
  type OverturnIssue,
  X12_MAX_LENGTH,
  type X12DenialCase,
} from '../src/index.js';
import { answerOrInvalid, issuesOf } from './_helpers/errors.js';

const FIXTURES = join(import.meta.dirname, '..', 'fixtures', 'adapters', 'x12');
const fixture = (name: string): string => readFileSync(join(FIXTURES, name), 'utf8');

// ---------------------------------------------------------------------------------------------------
// Building small 835s inline (default delimiters * : ^ ~)
// ---------------------------------------------------------------------------------------------------

interface Delimiters {
  element: string;
  component: string;
  repetition: string;
  segment: string;
  /** Written after each segment terminator (ignored by the reader). */
  after: string;
}

const DEFAULT: Delimiters = { element: '*', component: ':', repetition: '^', segment: '~', after: '\n' };

/** A segment as element values; an element given as an array is a composite. */
type Seg = (string | string[])[];

function isaElements(control: string, repetition: string, version = '00501'): string[] {
  return [
    'ISA',
    '00',
    ' '.repeat(10),
    '00',
    ' '.repeat(10),
    'ZZ',
    'SYNPAYER01'.padEnd(15),
    'ZZ',
    'SYNPROV01'.padEnd(15),
    '260112',
    '0930',
    repetition,
    version,
    control,
    '0',
    'T',
  ];
}

/** Serialises segments (ISA first) with the given delimiters; ISA16 is the component separator. */
function render(segments: Seg[], d: Delimiters): string {
  return segments
    .map((segment, index) => {
      const body =
        index === 0 && segment[0] === 'ISA'
          ? `${segment.join(d.element)}${d.element}${d.component}`
          : segment.map((value) => (Array.isArray(value) ? value.join(d.component) : value)).join(d.element);
      return `${body}${d.segment}${d.after}`;
    })
    .join('');
}

/** Wraps transaction bodies in ST/SE, GS/GE and ISA/IEA with correct counts and control numbers. */
function envelope(groups: Seg[][][], control = '000000901', d: Delimiters = DEFAULT): Seg[] {
  const segments: Seg[] = [isaElements(control, d.repetition)];
  groups.forEach((transactions, g) => {
    const gs = String(900 + g);
    segments.push(['GS', 'HP', 'SYNPAYER01', 'SYNPROV01', '20260112', '0930', gs, 'X', '005010X221A1']);
    transactions.forEach((body, t) => {
      const st = String(1000 + g * 10 + t);
      segments.push(['ST', '835', st, '005010X221A1'], ...body, ['SE', String(body.length + 2), st]);
    });
    segments.push(['GE', String(transactions.length), gs]);
  });
  segments.push(['IEA', String(groups.length), control]);
  return segments;
}

const HEADER: Seg[] = [
  ['BPR', 'H', '0', 'C', 'NON', '', '', '', '', '', '', '', '', '', '', '', '20260112'],
  ['TRN', '1', 'EFT0000900', '1999999999'],
  ['DTM', '405', '20260109'],
  ['N1', 'PR', 'SYNTHETIC HEALTH PLAN'],
  ['N1', 'PE', 'EXAMPLE CLINIC', 'XX', '1999999980'],
];

/** One 835 (one interchange, group and transaction) around `claims`, with the HEADER above. */
function remittance(claims: Seg[], d: Delimiters = DEFAULT): string {
  return render(envelope([[[...HEADER, ['LX', '1'], ...claims]]], '000000901', d), d);
}

/** The segment position (ISA = 1) of the nth claim segment given to {@link remittance}. */
const CLAIM_START = 3 + HEADER.length + 2; // ISA, GS, ST, header, LX, then the claims

function invalid(text: unknown): OverturnIssue[] {
  return issuesOf(fromX12_835 as (input: never) => unknown, text);
}

// ---------------------------------------------------------------------------------------------------
// Fixtures: results derived by hand from the files
// ---------------------------------------------------------------------------------------------------

const SINGLE: X12DenialCase[] = [
  {
    claim: {
      id: 'PCN-SYN-1001',
      status: '1',
      payerClaimId: 'SYNCLM0001',
      filingIndicator: '12',
      line: { index: 1, procedure: '29881', procedureQualifier: 'HC' },
    },
    denial: { codes: ['CO-50', 'N115'], stage: 'claim', asOf: '2026-01-09' },
    amounts: { billed: 2400, paid: 0, adjusted: [{ group: 'CO', carc: '50', amount: 2400 }] },
    dates: {
      production: '2026-01-09',
      service: '2025-12-01',
      statement: '2025-12-01',
      statementEnd: '2025-12-01',
      received: '2025-12-10',
    },
    caseHints: { noticeDate: '2026-01-09', procedure: '29881' },
    source: { segment: 18, transaction: '0001' },
    warnings: [],
  },
];

/** multi-claim.835: claim 2001 is paid (CO-45 + PR-2 only), 2002 denied at claim level, 2003 partly denied. */
function multiClaim(transaction: string): X12DenialCase[] {
  return [
    {
      claim: { id: 'PCN-SYN-2002', status: '1', payerClaimId: 'SYNCLM0202', filingIndicator: '12' },
      denial: { codes: ['CO-197'], stage: 'claim', asOf: '2026-01-12' },
      amounts: { billed: 5200, paid: 0, adjusted: [{ group: 'CO', carc: '197', amount: 5200 }] },
      dates: { production: '2026-01-12', statement: '2025-12-05', statementEnd: '2025-12-05' },
      // The claim's only line is HC:72148, so its code is the procedure hint.
      caseHints: { noticeDate: '2026-01-12', procedure: '72148' },
      source: { segment: 20, transaction },
      warnings: [],
    },
    {
      claim: {
        id: 'PCN-SYN-2003',
        status: '1',
        payerClaimId: 'SYNCLM0203',
        filingIndicator: '12',
        line: { index: 1, procedure: '20610', procedureQualifier: 'HC' },
      },
      denial: { codes: ['CO-97', 'N20'], stage: 'claim', asOf: '2026-01-12' },
      amounts: { billed: 380, paid: 0, adjusted: [{ group: 'CO', carc: '97', amount: 380 }] },
      dates: { production: '2026-01-12', service: '2025-12-08', statement: '2025-12-08' },
      caseHints: { noticeDate: '2026-01-12', procedure: '20610' },
      source: { segment: 30, transaction },
      warnings: [],
    },
  ];
}

const MEDICARE: X12DenialCase[] = [
  {
    claim: { id: 'PCN-SYN-5001', status: '1', payerClaimId: 'SYNMCR0501', filingIndicator: 'MB' },
    denial: { codes: ['CO-16', 'MA130', 'N290'], stage: 'claim', asOf: '2026-01-16' },
    amounts: { billed: 180, paid: 0, adjusted: [{ group: 'CO', carc: '16', amount: 180 }] },
    // No DTM*405: the production date is BPR16.
    dates: { production: '2026-01-16', statement: '2025-11-10' },
    caseHints: { noticeDate: '2026-01-16', procedure: '93000' },
    source: { segment: 14, transaction: '0005' },
    warnings: [],
  },
  {
    claim: { id: 'PCN-SYN-5002', status: '1', payerClaimId: 'SYNMCR0502', filingIndicator: 'MA' },
    denial: { codes: ['CO-50', 'N386'], stage: 'claim', asOf: '2026-01-16' },
    amounts: { billed: 18400, paid: 0, adjusted: [{ group: 'CO', carc: '50', amount: 18400 }] },
    dates: { production: '2026-01-16', statement: '2025-11-01', statementEnd: '2025-11-04' },
    caseHints: { noticeDate: '2026-01-16' },
    source: { segment: 21, transaction: '0005' },
    warnings: [],
  },
];

const MULTI_ST: X12DenialCase[] = [
  {
    claim: {
      id: 'PCN-SYN-6001',
      status: '1',
      payerClaimId: 'SYNCLM0601',
      filingIndicator: '12',
      line: { index: 1, procedure: '97110', procedureQualifier: 'HC' },
    },
    denial: { codes: ['CO-119', 'N362'], stage: 'claim', asOf: '2026-01-02' },
    amounts: { billed: 900, paid: 0, adjusted: [{ group: 'CO', carc: '119', amount: 900 }] },
    dates: { production: '2026-01-02', service: '2025-12-15' },
    caseHints: { noticeDate: '2026-01-02', procedure: '97110' },
    source: { segment: 15, transaction: '0061' },
    warnings: [],
  },
  {
    claim: { id: 'PCN-SYN-6002', status: '4', payerClaimId: 'SYNCLM0602', filingIndicator: '12' },
    denial: {
      text: 'Claim denied (835 claim status 4): the patient cannot be identified as a member of this payer.',
      stage: 'claim',
      asOf: '2026-01-05',
    },
    amounts: { billed: 310, paid: 0, adjusted: [] },
    dates: { production: '2026-01-05', statement: '2025-12-16' },
    caseHints: { noticeDate: '2026-01-05' },
    source: { segment: 30, transaction: '0062' },
    warnings: [
      'CLP02 is 4 (denied) with no adjustment or remark code; the reason is taken from the 005010X221A1 note on code 4 (patient or subscriber not recognized).',
    ],
  },
  {
    claim: {
      id: 'PCN-SYN-6003',
      status: '2',
      payerClaimId: 'SYNCLM0603',
      filingIndicator: '13',
      line: { index: 1, procedure: 'J1745', procedureQualifier: 'HC' },
    },
    denial: { codes: ['OA-23', 'CO-96', 'N425'], stage: 'claim', asOf: '2026-01-07' },
    amounts: {
      billed: 1200,
      paid: 0,
      adjusted: [
        { group: 'OA', carc: '23', amount: 600 },
        { group: 'CO', carc: '96', amount: 600 },
      ],
    },
    dates: { production: '2026-01-07', service: '2025-12-18' },
    caseHints: { noticeDate: '2026-01-07', procedure: 'J1745' },
    source: { segment: 48, transaction: '0071' },
    warnings: ['LQ*RX "70" is an NCPDP reject code, not a RARC; left out.'],
  },
  // PCN-SYN-6004 is a reversal (CLP02 22): not a denial.
];

describe('fromX12_835 on the fixtures', () => {
  it('single-claim-denial.835: one line denied CO-50 with N115 → medical_necessity', () => {
    const result = fromX12_835(fixture('single-claim-denial.835'));
    expect(result).toEqual(SINGLE);
    expect(classifyDenial(result[0]?.denial ?? {}).category).toBe('medical_necessity');
  });

  it('multi-claim.835: the paid claim and the coinsurance-only line are not denials', () => {
    const result = fromX12_835(fixture('multi-claim.835'));
    expect(result).toEqual(multiClaim('0002'));
    expect(result.map((found) => classifyDenial(found.denial).category)).toEqual([
      'prior_authorization',
      'duplicate_or_bundled',
    ]);
  });

  it('separators-pipe-tilde.835 (| ^ { ~ and CR LF) reads like the default delimiters', () => {
    expect(fromX12_835(fixture('separators-pipe-tilde.835'))).toEqual(multiClaim('0003'));
  });

  it('separators-pipe-newline.835 (| ^ { and a line feed as the terminator) reads the same', () => {
    expect(fromX12_835(fixture('separators-pipe-newline.835'))).toEqual(multiClaim('0004'));
  });

  it('medicare-moa.835: MOA and MIA remark codes join the claim codes; BPR16 is the notice date', () => {
    const result = fromX12_835(fixture('medicare-moa.835'));
    expect(result).toEqual(MEDICARE);
    expect(result.map((found) => classifyDenial(found.denial).category)).toEqual([
      'coding_error',
      'medical_necessity',
    ]);
  });

  it('multi-st.835: two groups, three transactions, each with its own production date', () => {
    const result = fromX12_835(fixture('multi-st.835'));
    expect(result).toEqual(MULTI_ST);
    expect(result.map((found) => classifyDenial(found.denial).category)).toEqual([
      'benefit_limit',
      'eligibility',
      'non_covered_service',
    ]);
  });

  it('malformed-truncated-isa.835: names the ISA element that breaks the fixed width', () => {
    expect(invalid(fixture('malformed-truncated-isa.835'))).toEqual([
      {
        path: ['segment', 1, 'ISA06'],
        message:
          'ISA06 must be exactly 15 characters (the ISA segment is fixed-width, padded with spaces), found 10',
      },
    ]);
  });

  it('malformed-se-count.835: names SE01 with both counts', () => {
    expect(invalid(fixture('malformed-se-count.835'))).toEqual([
      { path: ['segment', 22, 'SE01'], message: 'SE01 says 15 segments, the transaction has 20' },
    ]);
    expect(() => fromX12_835(fixture('malformed-se-count.835'))).toThrow(
      'Invalid input: segment.22.SE01: SE01 says 15 segments, the transaction has 20',
    );
  });

  it('malformed-cas-amount.835: a non-numeric CAS amount', () => {
    expect(invalid(fixture('malformed-cas-amount.835'))).toEqual([
      { path: ['segment', 20, 'CAS03'], message: 'CAS03 "24OO.00" is not a decimal amount' },
    ]);
  });

  it('malformed-group-code.835: an unknown group code', () => {
    expect(invalid(fixture('malformed-group-code.835'))).toEqual([
      {
        path: ['segment', 20, 'CAS01'],
        message: 'CAS01 "XX" is not a claim adjustment group code (CO, OA, PI or PR)',
      },
    ]);
  });
});

// ---------------------------------------------------------------------------------------------------
// Rules, one at a time
// ---------------------------------------------------------------------------------------------------

describe('what counts as a denial', () => {
  const clp = (status: string, billed: string, paid: string): Seg => [
    'CLP',
    'PCN-T1',
    status,
    billed,
    paid,
    '',
    '12',
    'SYNT1',
  ];

  it('a line with deductible and coinsurance only, paid nothing, is not a denial', () => {
    const text = remittance([
      clp('1', '100', '0'),
      ['SVC', ['HC', '99213'], '100', '0'],
      ['CAS', 'PR', '1', '80', '', '2', '20'],
    ]);
    expect(fromX12_835(text)).toEqual([]);
  });

  it('a claim-level deductible with paid 0 is not a denial; CO-45 and CO-253 are pricing', () => {
    const text = remittance([
      clp('1', '100', '0'),
      ['CAS', 'PR', '1', '100'],
      clp('1', '100', '78.4'),
      ['CAS', 'CO', '45', '20', '', '253', '1.6'],
    ]);
    expect(fromX12_835(text)).toEqual([]);
  });

  it('a negative adjustment is not a denial', () => {
    const text = remittance([clp('1', '100', '105'), ['CAS', 'CO', '50', '-5']]);
    expect(fromX12_835(text)).toEqual([]);
  });

  it('a line denial carries the claim MOA remark codes after its own codes', () => {
    const text = remittance([
      clp('1', '300', '100'),
      ['MOA', '', '', 'N1'],
      ['SVC', ['HC', '97110', 'GP'], '200', '0', '', '2'],
      ['DTM', '150', '20251201'],
      ['DTM', '151', '20251202'],
      ['CAS', 'CO', '151', '200'],
      ['LQ', 'HE', 'N117'],
      ['SVC', ['NU', '0420'], '100', '100'],
    ]);
    const [found, ...rest] = fromX12_835(text);
    expect(rest).toEqual([]);
    expect(found?.claim.line).toEqual({ index: 1, procedure: '97110', procedureQualifier: 'HC' });
    expect(found?.denial.codes).toEqual(['CO-151', 'N117', 'N1']);
    expect(found?.dates.service).toBe('2025-12-01');
    expect(found?.source.segment).toBe(CLAIM_START + 2);
    expect(classifyDenial(found?.denial ?? {}).category).toBe('frequency_limit');
  });

  it('a revenue-code line gives no procedure hint', () => {
    const text = remittance([
      clp('1', '100', '0'),
      ['SVC', ['NU', '0450'], '100', '0'],
      ['CAS', 'CO', '50', '100'],
    ]);
    const [found] = fromX12_835(text);
    expect(found?.claim.line).toEqual({ index: 1, procedure: '0450', procedureQualifier: 'NU' });
    expect(found?.caseHints).toEqual({ noticeDate: '2026-01-09' });
  });

  it('reads all six triples of a CAS, strips leading zeros and drops repeated codes', () => {
    const text = remittance([
      clp('1', '600', '0'),
      [
        'CAS',
        'CO',
        '050',
        '100',
        '1',
        '97',
        '100',
        '',
        '50',
        '100',
        '',
        'B7',
        '100',
        '',
        '16',
        '100',
        '',
        '4',
        '100',
      ],
    ]);
    const [found] = fromX12_835(text);
    expect(found?.denial.codes).toEqual(['CO-50', 'CO-97', 'CO-B7', 'CO-16', 'CO-4']);
    expect(found?.amounts.adjusted.map((adjustment) => adjustment.carc)).toEqual([
      '50',
      '97',
      '50',
      'B7',
      '16',
      '4',
    ]);
  });

  it('a 4010 CR group code is read with a warning', () => {
    const [found] = fromX12_835(remittance([clp('1', '100', '0'), ['CAS', 'CR', '50', '100']]));
    expect(found?.denial.codes).toEqual(['CR-50']);
    expect(found?.warnings).toEqual([
      'CAS01 "CR" (corrections and reversals) is a 4010 group code that 005010X221A1 removed; read as sent.',
    ]);
  });

  it('remark codes that are not RARC-shaped are left out with a warning', () => {
    const [found] = fromX12_835(
      remittance([
        clp('1', '100', '0'),
        ['MOA', '', '', 'ZZ9'],
        ['SVC', ['HC', '99213'], '100', '0'],
        ['CAS', 'CO', '50', '100'],
        ['LQ', 'HE', 'N115X'],
      ]),
    );
    expect(found?.denial.codes).toEqual(['CO-50']);
    expect(found?.warnings).toEqual([
      'MOA03 "ZZ9" is not a remittance advice remark code (RARC); left out.',
      'LQ02 "N115X" is not a remittance advice remark code (RARC); left out.',
    ]);
  });

  it('an unknown claim status is read with a warning', () => {
    const [found] = fromX12_835(remittance([clp('9', '100', '0'), ['CAS', 'CO', '50', '100']]));
    expect(found?.warnings).toEqual(['CLP02 "9" is not a 005010X221A1 claim status code; read as sent.']);
  });
});

describe('delimiters and layout', () => {
  const claim: Seg[] = [
    ['CLP', 'PCN-D1', '1', '100', '0', '', '12', 'SYND1'],
    ['SVC', ['HC', '99213'], '100', '0'],
    ['CAS', 'CO', '50', '100'],
  ];
  const expected = fromX12_835(remittance(claim));

  it('tolerates a byte-order mark, leading blank lines and trailing blanks', () => {
    expect(expected.map((found) => found.denial.codes)).toEqual([['CO-50']]);
    expect(fromX12_835(`\uFEFF\r\n\n${remittance(claim)}\n\n  `)).toEqual(expected);
  });

  it('a line-feed terminator with CR LF line ends', () => {
    const d = { ...DEFAULT, segment: '\n', after: '' };
    expect(fromX12_835(remittance(claim, d).replaceAll('\n', '\r\n'))).toEqual(expected);
  });

  it('a CR terminator followed by LF', () => {
    expect(fromX12_835(remittance(claim, { ...DEFAULT, segment: '\r', after: '\n' }))).toEqual(expected);
  });

  it('a 4010 header (ISA11 "U", no repetition separator)', () => {
    const segments = envelope([[[...HEADER, ['LX', '1'], ...claim]]]);
    segments[0] = isaElements('000000901', 'U', '00401');
    expect(fromX12_835(render(segments, DEFAULT))).toEqual(expected);
  });

  it('two interchanges one after the other, with different delimiters', () => {
    const pipes: Delimiters = { element: '|', component: '>', repetition: '{', segment: '!', after: '' };
    const first = remittance(claim);
    const shift = first.split('~').length - 1; // segments in the first interchange
    const moved = expected.map((found) => ({
      ...found,
      source: { ...found.source, segment: found.source.segment + shift },
    }));
    expect(fromX12_835(first + remittance(claim, pipes))).toEqual([...expected, ...moved]);
  });

  it('refuses delimiters that collide or are letters', () => {
    const text = remittance(claim, { ...DEFAULT, component: '*' });
    expect(invalid(text)).toEqual([
      {
        path: ['segment', 1, 'ISA'],
        message: 'the delimiters must all differ: element "*", component "*", segment "~", repetition "^"',
      },
    ]);
    expect(invalid(`ISAX00${'X'.repeat(120)}`)).toEqual([
      {
        path: ['segment', 1, 'ISA'],
        message: 'the character after "ISA" declares the element separator; "X" cannot be one',
      },
    ]);
  });

  it('a text that ends inside the ISA', () => {
    expect(invalid(remittance(claim).slice(0, 57))).toEqual([
      {
        path: ['segment', 1, 'ISA08'],
        message:
          'the text ends inside the ISA segment, which is fixed-width (106 characters); only 57 remain',
      },
    ]);
  });
});

describe('envelope and syntax errors', () => {
  const body: Seg[] = [
    ...HEADER,
    ['CLP', 'PCN-E1', '1', '100', '0', '', '12', 'SYNE1'],
    ['CAS', 'CO', '50', '100'],
  ];
  const segments = (): Seg[] => envelope([[body]]);
  const at = (list: Seg[], id: string): number => list.findIndex((segment) => segment[0] === id);

  it('not a string, empty, or too long', () => {
    expect(invalid(42)).toEqual([{ path: [], message: 'expected the text of an X12 835 file (a string)' }]);
    expect(invalid('  \n')).toEqual([
      { path: [], message: 'the text is empty: expected an X12 835 file starting with an ISA segment' },
    ]);
    expect(invalid('x'.repeat(X12_MAX_LENGTH + 1))).toEqual([
      {
        path: [],
        message:
          'the text is 20,971,521 characters; at most 20,971,520 are read (split the file by interchange)',
      },
    ]);
  });

  it('does not start with ISA', () => {
    expect(invalid('GS*HP~')).toEqual([
      { path: ['segment', 1], message: 'expected an ISA segment (interchange header), found "GS*"' },
    ]);
  });

  it('ST01 other than 835, GS01 other than HP', () => {
    const list = segments();
    (list[at(list, 'ST')] as string[])[1] = '837';
    (list[at(list, 'GS')] as string[])[1] = 'HC';
    expect(invalid(render(list, DEFAULT))).toEqual([
      {
        path: ['segment', 2, 'GS01'],
        message: 'GS01 is "HC"; a group of 835 remittances is "HP" (health care claim payment/advice)',
      },
      {
        path: ['segment', 3, 'ST01'],
        message: 'ST01 is "837"; only 835 transaction sets (health care claim payment/advice) are read',
      },
    ]);
  });

  it('control numbers and counts of SE, GE and IEA', () => {
    const list = segments();
    (list[at(list, 'SE')] as string[])[2] = '9999';
    (list[at(list, 'GE')] as string[])[1] = '2';
    (list[at(list, 'GE')] as string[])[2] = '1';
    (list[at(list, 'IEA')] as string[])[1] = 'x';
    (list[at(list, 'IEA')] as string[])[2] = '000000902';
    const se = at(list, 'SE') + 1;
    expect(invalid(render(list, DEFAULT))).toEqual([
      { path: ['segment', se, 'SE02'], message: 'SE02 "9999" does not match ST02 "1000" (segment 3)' },
      { path: ['segment', se + 1, 'GE01'], message: 'GE01 says 2 transaction sets, the group has 1' },
      { path: ['segment', se + 1, 'GE02'], message: 'GE02 "1" does not match GS06 "900" (segment 2)' },
      { path: ['segment', se + 2, 'IEA01'], message: 'IEA01 "x" is not a count of functional groups' },
      {
        path: ['segment', se + 2, 'IEA02'],
        message: 'IEA02 "000000902" does not match ISA13 "000000901" (segment 1)',
      },
    ]);
  });

  it('missing trailers', () => {
    const list = segments().filter((segment) => segment[0] !== 'SE');
    const ge = at(list, 'GE') + 1;
    expect(invalid(render(list, DEFAULT))).toEqual([
      {
        path: ['segment', ge, 'GE'],
        message: 'the transaction set opened by ST at segment 3 has no SE trailer before this GE',
      },
    ]);
    const cut = render(segments(), DEFAULT);
    expect(invalid(cut.slice(0, cut.indexOf('SE*')))).toEqual([
      { path: ['segment', 3, 'ST'], message: 'the transaction set has no SE trailer (the text ends first)' },
      { path: ['segment', 2, 'GS'], message: 'the functional group has no GE trailer (the text ends first)' },
      { path: ['segment', 1, 'ISA'], message: 'the interchange has no IEA trailer (the text ends first)' },
    ]);
  });

  it('segments in the wrong place', () => {
    const text = remittance([
      ['CAS', 'CO', '50', '100'],
      ['CLP', 'PCN-E2', '1', '100', '0'],
      ['LQ', 'HE', 'N115'],
      ['SVC', ['HC', '99213'], '100', '0'],
      ['MOA', '', '', 'MA130'],
    ]);
    expect(invalid(text)).toEqual([
      {
        path: ['segment', CLAIM_START, 'CAS'],
        message: 'CAS outside a claim (claim adjustments follow a CLP segment)',
      },
      {
        path: ['segment', CLAIM_START + 2, 'LQ'],
        message: 'LQ outside a service line (remark codes follow an SVC segment)',
      },
      {
        path: ['segment', CLAIM_START + 4, 'MOA'],
        message: 'MOA belongs to a claim (loop 2100): it follows the CLP segment, before any SVC',
      },
    ]);
  });

  it('bad elements: empty CLP fields, dates, SVC01, LQ01, CAS gaps, too many elements', () => {
    const text = remittance([
      ['CLP', '', '', 'abc', '0'],
      ['DTM', '232', '20250230'],
      ['DTM', '233', '2025-12'],
      ['SVC', '99213', '100', '0'],
      ['CAS', 'CO', '', '', '', '50'],
      ['CAS', 'CO', '50', '', '', '', '10'],
      ['LQ', 'ZZ', 'N1'],
      ['LQ', 'HE'],
      ['DTM', '472', '', '', '', '', '', '', ''],
    ]);
    const p = CLAIM_START;
    expect(invalid(text)).toEqual([
      { path: ['segment', p, 'CLP01'], message: 'CLP01 (the patient control number) is empty' },
      { path: ['segment', p, 'CLP02'], message: 'CLP02 (the claim status code) is empty' },
      { path: ['segment', p, 'CLP03'], message: 'CLP03 "abc" is not a decimal amount' },
      {
        path: ['segment', p + 1, 'DTM02'],
        message: 'DTM02 "20250230" is not a real calendar date (CCYYMMDD)',
      },
      { path: ['segment', p + 2, 'DTM02'], message: 'DTM02 "2025-12" is not a date as CCYYMMDD' },
      {
        path: ['segment', p + 3, 'SVC01'],
        message: 'SVC01 "99213" is not a composite of a qualifier and a code (e.g. HC:99213)',
      },
      { path: ['segment', p + 4, 'CAS02'], message: 'CAS02 (the adjustment reason code) is empty' },
      { path: ['segment', p + 4, 'CAS06'], message: 'CAS06 is empty: expected an amount' },
      { path: ['segment', p + 5, 'CAS03'], message: 'CAS03 is empty: expected an amount' },
      { path: ['segment', p + 5, 'CAS06'], message: 'CAS06 is set but CAS05 (its reason code) is empty' },
      { path: ['segment', p + 6, 'LQ01'], message: 'LQ01 "ZZ" is not an 835 code list qualifier (HE or RX)' },
      { path: ['segment', p + 7, 'LQ02'], message: 'LQ02 (the remark code) is empty' },
      { path: ['segment', p + 8, 'DTM'], message: 'DTM has 8 elements; it has at most 6' },
    ]);
  });

  it('syntax: stray terminators, bad segment ids, a last segment with no terminator', () => {
    const text = remittance([['CLP', 'PCN-E3', '1', '100', '0']]);
    const doubled = text.replace('LX*1~', 'LX*1~~');
    expect(invalid(doubled)).toEqual([
      { path: ['segment', CLAIM_START], message: 'empty segment: two segment terminators in a row' },
    ]);
    expect(invalid(text.replace('LX*1~', 'lx*1~'))).toEqual([
      {
        path: ['segment', CLAIM_START - 1],
        message: '"lx" is not a segment id (2 or 3 capital letters or digits)',
      },
    ]);
    expect(invalid(text.trimEnd().slice(0, -1))).toEqual([
      {
        path: ['segment', CLAIM_START + 3],
        message: 'segment "IEA" is not ended by the segment terminator "~" (the file ends first)',
      },
    ]);
  });

  it('caps the list of problems', () => {
    const claims: Seg[] = Array.from({ length: 60 }, () => ['CAS', 'CO', '50', 'x']);
    const issues = invalid(remittance(claims));
    expect(issues).toHaveLength(51);
    expect(issues.at(-1)).toEqual({ path: [], message: 'more than 50 problems; the rest are not listed' });
  });
});

// ---------------------------------------------------------------------------------------------------
// Properties
// ---------------------------------------------------------------------------------------------------

/** Calls fromX12_835 and proves the only thing that can escape is a well-formed INVALID_INPUT. */
const readOrInvalid = (text: string): X12DenialCase[] | undefined => answerOrInvalid(() => fromX12_835(text));

const fixtureTexts = readdirSync(FIXTURES)
  .filter((name) => name.endsWith('.835'))
  .sort()
  .map((name) => fixture(name));

describe('properties', () => {
  it('any string gives an answer or INVALID_INPUT, never another exception', () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.string({ maxLength: 300 }), fc.string({ unit: 'binary', maxLength: 300 })),
        (text) => {
          readOrInvalid(text);
          readOrInvalid(`${fixtureTexts[0]?.slice(0, 106) ?? ''}${text}`);
        },
      ),
      { numRuns: 500 },
    );
  });

  it('edited fixtures give an answer or INVALID_INPUT, never another exception', () => {
    const edit = fc.record({
      at: fc.nat(),
      remove: fc.nat({ max: 4 }),
      insert: fc.oneof(
        fc.string({ maxLength: 3 }),
        fc.constantFrom('*', '~', ':', '^', '|', '\n', '\r\n', 'ISA', 'SE*1*1~', 'CAS*XX*', 'SVC*', 'LQ*HE*'),
      ),
    });
    fc.assert(
      fc.property(fc.constantFrom(...fixtureTexts), fc.array(edit, { maxLength: 6 }), (text, edits) => {
        let edited = text;
        for (const { at, remove, insert } of edits) {
          const index = at % (edited.length + 1);
          edited = edited.slice(0, index) + insert + edited.slice(index + remove);
        }
        readOrInvalid(edited);
      }),
      { numRuns: 1000 },
    );
  });

  // A generated remittance: groups of transactions of claims of lines.
  const amount = fc.integer({ min: 0, max: 99_999_99 }).map((cents) => (cents / 100).toFixed(2));
  const triple = fc.record({
    carc: fc.constantFrom('1', '2', '3', '16', '23', '45', '50', '96', '97', '119', '197', '253', 'B7'),
    amount,
  });
  const cas = fc.record({
    group: fc.constantFrom('CO', 'OA', 'PI', 'PR'),
    triples: fc.array(triple, { minLength: 1, maxLength: 6 }),
  });
  const rarc = fc.constantFrom('N1', 'N20', 'N115', 'N362', 'MA130', 'M15');
  const date = fc
    .date({
      min: new Date('2020-01-01T00:00:00Z'),
      max: new Date('2030-12-31T00:00:00Z'),
      noInvalidDate: true,
    })
    .map((value) => value.toISOString().slice(0, 10));
  const line = fc.record({
    qualifier: fc.constantFrom('HC', 'NU'),
    procedure: fc.constantFrom('99213', '29881', 'J1745', '0450'),
    billed: amount,
    paid: amount,
    cas: fc.array(cas, { maxLength: 2 }),
    remarks: fc.array(rarc, { maxLength: 2 }),
    service: fc.option(date, { nil: undefined }),
  });
  const claimModel = fc.record({
    status: fc.constantFrom('1', '2', '4', '19', '22'),
    billed: amount,
    paid: amount,
    cas: fc.array(cas, { maxLength: 2 }),
    remarks: fc.array(rarc, { maxLength: 2 }),
    statement: fc.option(date, { nil: undefined }),
    lines: fc.array(line, { maxLength: 3 }),
  });
  const transactionModel = fc.record({ production: date, claims: fc.array(claimModel, { maxLength: 3 }) });
  const model = fc.array(fc.array(transactionModel, { minLength: 1, maxLength: 2 }), {
    minLength: 1,
    maxLength: 2,
  });

  type Model = typeof model extends fc.Arbitrary<infer T> ? T : never;
  type CasModel = { group: string; triples: { carc: string; amount: string }[] };

  const x12Date = (iso: string): string => iso.replaceAll('-', '');
  const casSegments = (list: CasModel[]): Seg[] =>
    list.map((c) => ['CAS', c.group, ...c.triples.flatMap((t) => [t.carc, t.amount, ''])]);

  function segmentsOf(m: Model, d: Delimiters): Seg[] {
    let n = 0;
    const groups = m.map((transactions) =>
      transactions.map((tx) => {
        const body: Seg[] = [
          ['BPR', 'H', '0', 'C', 'NON'],
          ['TRN', '1', 'EFT1', '1999999999'],
          ['DTM', '405', x12Date(tx.production)],
          ['LX', '1'],
        ];
        for (const claim of tx.claims) {
          n++;
          body.push(['CLP', `PCN-${n}`, claim.status, claim.billed, claim.paid, '', '12', `SYN${n}`]);
          body.push(...casSegments(claim.cas));
          body.push(['NM1', 'QC', '1', 'SAMPLE', 'PAT']);
          if (claim.remarks.length > 0) body.push(['MOA', '', '', ...claim.remarks]);
          if (claim.statement) body.push(['DTM', '232', x12Date(claim.statement)]);
          for (const l of claim.lines) {
            body.push(['SVC', [l.qualifier, l.procedure], l.billed, l.paid]);
            if (l.service) body.push(['DTM', '472', x12Date(l.service)]);
            body.push(...casSegments(l.cas));
            for (const remark of l.remarks) body.push(['LQ', 'HE', remark]);
          }
        }
        return body;
      }),
    );
    return envelope(groups, '000000777', d);
  }

  /** The cases the rules predict, as (claim id, line index, codes or text) — an oracle independent of the reader. */
  function predicted(m: Model): { id: string; line?: number; codes?: string[]; text?: boolean }[] {
    const pricing = new Set(['1', '2', '3', '23', '25', '45', '66', '253']);
    const refuses = (list: CasModel[]) =>
      list.some((c) => c.triples.some((t) => Number(t.amount) > 0 && !pricing.has(t.carc)));
    const displays = (list: CasModel[]) => list.flatMap((c) => c.triples.map((t) => `${c.group}-${t.carc}`));
    const out: { id: string; line?: number; codes?: string[]; text?: boolean }[] = [];
    let n = 0;
    for (const tx of m.flat()) {
      for (const claim of tx.claims) {
        n++;
        if (claim.status === '22') continue;
        if (claim.status === '4' || refuses(claim.cas)) {
          const codes = [...new Set([...displays(claim.cas), ...claim.remarks])];
          out.push(codes.length > 0 ? { id: `PCN-${n}`, codes } : { id: `PCN-${n}`, text: true });
        }
        claim.lines.forEach((l, index) => {
          if (refuses(l.cas)) {
            const codes = [...new Set([...displays(l.cas), ...l.remarks, ...claim.remarks])];
            out.push({ id: `PCN-${n}`, line: index + 1, codes });
          }
        });
      }
    }
    return out;
  }

  const POOL = [
    '*',
    '|',
    '^',
    '~',
    ':',
    '>',
    '!',
    '+',
    '{',
    '}',
    '#',
    '$',
    '%',
    '&',
    '@',
    '`',
    '\\',
    '<',
    '=',
    '?',
    ';',
    '/',
    '_',
  ];
  const delimiters: fc.Arbitrary<Delimiters> = fc
    .tuple(
      fc.uniqueArray(fc.constantFrom(...POOL), { minLength: 4, maxLength: 4 }),
      fc.boolean(),
      fc.constantFrom('', '\n', '\r\n'),
    )
    .map(([[element, component, repetition, segment], newlineTerminator, after]) => ({
      element: element as string,
      component: component as string,
      repetition: repetition as string,
      segment: newlineTerminator ? '\n' : (segment as string),
      after: newlineTerminator ? '' : after,
    }));

  it('a generated 835 reads the same with any delimiters, and finds exactly the predicted denials', () => {
    fc.assert(
      fc.property(model, delimiters, (m, d) => {
        const reference = fromX12_835(render(segmentsOf(m, DEFAULT), DEFAULT));
        const result = fromX12_835(render(segmentsOf(m, d), d));
        expect(result).toEqual(reference);
        expect(
          result.map((found) => ({
            id: found.claim.id,
            ...(found.claim.line ? { line: found.claim.line.index } : {}),
            ...(found.denial.codes ? { codes: found.denial.codes } : { text: true }),
          })),
        ).toEqual(predicted(m));
        // Every denial the reader hands out is a valid classifyDenial input.
        for (const found of result) expect(classifyDenial(found.denial).ruleSet).toBeDefined();
      }),
      { numRuns: 300 },
    );
  });
});

describe('core rules for src/adapters/x12', () => {
  const root = join(import.meta.dirname, '..', 'src', 'adapters', 'x12');
  const files = readdirSync(root, { recursive: true, encoding: 'utf8' }).filter((name) =>
    name.endsWith('.ts'),
  );

  it.each(files)('%s uses no Node built-in, no clock and no logging', (name) => {
    const source = readFileSync(join(root, name), 'utf8');
    expect(source).not.toMatch(/from ['"](node:|fs|path|os|crypto|util|process|buffer)['"/]/);
    expect(source).not.toMatch(/\bDate\.now\b|\bnew Date\b|performance\.now/);
    expect(source).not.toMatch(/\bconsole\./);
  });
});
