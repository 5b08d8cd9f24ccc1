import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PhraseMatcher, phraseWords, tokenize } from '../src/engine/phraseMatcher.js';
import { ProximityIndex, ProximityMatcher } from '../src/engine/proximityMatcher.js';

describe('tokenize', () => {
  it('lowercases, joins apostrophes and splits on everything else', () => {
    expect(tokenize('Doesn’t meet InterQual® criteria—"out-of-network"')).toEqual([
      'does',
      'not',

      'meet',
      'interqual',
      'criteria',
      'out',
      'of',
      'network',
    ]);
    expect(tokenize("  plan's\r\n\u00a0PRE-AUTHORIZATION…  ")).toEqual(['plans', 'pre', 'authorization']);
    expect(tokenize('')).toEqual([]);
    expect(tokenize("We cannot pay; it isn’t covered and won't be; DON'T resubmit; Grant")).toEqual(
      'we can not pay it is not covered and will not be do not resubmit grant'.split(' '),
    );
    expect(tokenize('¿¡!')).toEqual([]);
  });

  it('joins a word a soft hyphen (U+00AD) splits, as a PDF keeps it at a line break', () => {
    expect(tokenize('not medically neces\u00adsary; prior authori\u00ADzation')).toEqual(
      'not medically necessary prior authorization'.split(' '),
    );
  });

  it('spells out the typographic ligatures a PDF keeps (ﬀ ﬁ ﬂ ﬃ ﬄ ﬅ ﬆ)', () => {
    expect(tokenize('Not a covered BENEﬁT; ﬂu shot; eﬀective; oﬃce; ﬆate')).toEqual(
      'not a covered benefit flu shot effective office state'.split(' '),
    );
    const matcher = new PhraseMatcher([{ phrase: 'covered benefit', payload: 1 }]);
    expect(matcher.findAll('not a covered beneﬁt').map((match) => match.payload)).toEqual([1]);
    // Past the point where the matcher reads through its character trie, as a busy one does.
    expect(matcher.findAll(`${'x '.repeat(200)}not a covered beneﬁt`).map((match) => match.payload)).toEqual([
      1,
    ]);
  });
});

describe('PhraseMatcher', () => {
  const matcher = new PhraseMatcher([
    { phrase: 'not medically necessary', payload: 'mn' },
    { phrase: 'medically necessary', payload: 'bare' },
    { phrase: 'experimental', payload: 'exp' },
    { phrase: 'experimental or investigational', payload: 'exp-or-inv' },
    { phrase: 'no prior authorization', payload: 'pa' },
  ]);

  it('finds whole-word phrases, overlapping and nested, each once', () => {
    const found = matcher.findAll(
      'NOT medically-necessary; it is Experimental or Investigational. Not medically necessary!',
    );
    expect(found.map((match) => match.payload)).toEqual(['mn', 'bare', 'exp', 'exp-or-inv']);
  });

  it('does not match inside words or across a missing word', () => {
    expect(matcher.findAll('experimentally, nonexperimental, no authorization')).toEqual([]);
  });

  it('follows failure links after a partial match', () => {
    expect(matcher.findAll('no prior no prior authorization').map((match) => match.payload)).toEqual(['pa']);
  });

  it('reads text into the same words as tokenize, as vocabulary ids', () => {
    const pieces = fc.constantFrom(
      'Not',
      'MEDICALLY',
      'necessary',
      "isn't",
      'Isn’t',
      'cannot',
      "won't",
      'exper',
      'experimental',
      'experimentally',
      'no',
      'prior-authorization',
      "'",
      '’',
      ' ',
      '  ',
      '.',
      '-',
      '\n',
      'İ',
      'é',
      '7',
      'x',
      "plan's",
      'ﬁ',
      'ﬀ',
      '\u00ad',
      'neces\u00adsary',
      'experimentaﬂ',
      'ﬁnal',
    );
    fc.assert(
      fc.property(fc.array(pieces, { maxLength: 30 }), (parts) => {
        const text = parts.join('');
        expect(Array.from(matcher.encode(text))).toEqual(Array.from(matcher.encodeWords(tokenize(text))));
      }),
      { numRuns: 2000 },
    );
    expect(Array.from(matcher.encode("It isn't medically-necessary"))).toEqual(
      Array.from(matcher.encodeWords(['it', 'is', 'not', 'medically', 'necessary'])),
    );
  });

  it('reads a text the same before its character trie is built (word by word) and after', () => {
    const phrases = ['not medically necessary', 'prior authorization required', "plan's exclusion"];
    const matcher = new PhraseMatcher(phrases.map((phrase) => ({ phrase, payload: phrase })));
    const text = "Prior Authorization REQUIRED; it isn't medically necessary (the plan's exclusion).";
    const before = matcher.findAll(text);
    expect(before.map((match) => match.phrase)).toEqual([
      'prior authorization required',
      'not medically necessary',
      "plan's exclusion",
    ]);
    // The trie is built once the matcher has read as many characters as the vocabulary has (and the
    // contractions'): a long text is past that on any matcher this small.
    matcher.findAll(text.repeat(200));
    expect(matcher.findAll(text)).toEqual(before);
    expect(Array.from(matcher.encode(text))).toEqual(Array.from(matcher.encodeWords(tokenize(text))));
  });

  it('agrees with a naive scan on random texts', () => {
    const vocabulary = [
      'not',
      'medically',
      'necessary',
      'experimental',
      'or',
      'investigational',
      'no',
      'prior',
      'authorization',
      'x',
    ];
    const phrases = [
      'not medically necessary',
      'medically necessary',
      'experimental',
      'experimental or investigational',
      'no prior authorization',
    ];
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...vocabulary), { maxLength: 40 }), (words) => {
        const text = ` ${words.join(' ')} `;
        const naive = phrases.filter((phrase) => text.includes(` ${phrase} `)).sort();
        const fast = matcher
          .findAll(words)
          .map((match) => match.phrase)
          .sort();
        expect(fast).toEqual(naive);
      }),
      { numRuns: 500 },
    );
  });

  it('gives the same occurrences by entry as by payload, entries counted without the phrases that have no words', () => {
    const byEntry = new PhraseMatcher([
      { phrase: 'not medically necessary', payload: 'nmn' },
      { phrase: '—', payload: 'no words' },
      { phrase: 'medically necessary', payload: 'mn' },
      { phrase: 'not', payload: 'not' },
    ]);
    const ids = byEntry.encode('It is not medically necessary, not at all.');
    const byPayload: [string, number, number][] = [];
    byEntry.forEachMatch(ids, (payload, start, end) => byPayload.push([payload, start, end]));
    const entries: [string, number, number][] = [];
    const payloads = byEntry.entryPayloads;
    byEntry.forEachEntryMatch(ids, ids.length, (entry, start, end) =>
      entries.push([payloads[entry] as string, start, end]),
    );
    expect(entries).toEqual(byPayload);
    expect(payloads.length).toBe(3);
    expect(entries.map(([payload]) => payload)).toEqual(['not', 'nmn', 'mn', 'not']);
  });

  it('handles 100,000 characters of adversarial repetition', () => {
    const text = 'not medically not medically '.repeat(3600).slice(0, 100_000);
    expect(matcher.findAll(text)).toEqual([]);
    expect(tokenize(text).length).toBeGreaterThan(14_000);
  });
});

describe('ProximityMatcher', () => {
  const near = new ProximityMatcher([
    {
      terms: [
        ['diagnosis', 'diagnosis code'],
        ['inconsistent with', 'does not support'],
      ],
      within: 8,
      payload: 'dx',
    },
    {
      terms: [
        ['could have been', 'can be'],
        ['treated', 'provided'],
        ['office', 'outpatient'],
      ],
      within: 10,
      payload: 'setting',
    },
  ]);

  it('finds terms in any order, with words between, inside the window', () => {
    expect(near.findAll(tokenize('The diagnosis listed is inconsistent with the procedure.'))).toEqual([
      'dx',
    ]);
    expect(near.findAll(tokenize("The records don't support it: it doesn't support the diagnosis."))).toEqual(
      ['dx'],
    );
    expect(near.findAll(tokenize('This visit could have been treated in a physician office.'))).toEqual([
      'setting',
    ]);
  });

  it('gives each window a pattern completes when asked for every one, the first only otherwise', () => {
    const index = new ProximityIndex([{ terms: [['a'], ['b']], within: 3 }]);
    // Occurrences (pattern, term, first word, last word): a at 0, b at 1, a at 10, b at 11.
    const occurrences = [0, 0, 0, 0, 0, 1, 1, 1, 0, 0, 10, 10, 0, 1, 11, 11];
    expect(index.complete(occurrences)).toEqual([
      { pattern: 0, start: 0, end: 1, firstStart: 0, firstEnd: 0, lastStart: 1 },
    ]);
    expect(index.complete(occurrences, occurrences.length, true)).toEqual([
      { pattern: 0, start: 0, end: 1, firstStart: 0, firstEnd: 0, lastStart: 1 },
      { pattern: 0, start: 10, end: 11, firstStart: 10, firstEnd: 10, lastStart: 11 },
    ]);
  });

  it("keeps the longest of a first term's alternatives that end at the same word, as the matcher reports them", () => {
    const index = new ProximityIndex([{ terms: [['tried and failed', 'failed'], ['approve']], within: 8 }]);
    // "tried and failed" (words 3–5) arrives before "failed" (5–5), both ending at word 5; "approve" at 9.
    expect(index.complete([0, 0, 3, 5, 0, 0, 5, 5, 0, 1, 9, 9])).toEqual([
      { pattern: 0, start: 5, end: 9, firstStart: 3, firstEnd: 5, lastStart: 9 },
    ]);
  });

  it("tells where a window's first term ends and its last term begins, whichever term comes first", () => {
    const index = new ProximityIndex([{ terms: [['not a benefit'], ['diagnosis reported']], within: 8 }]);
    // "diagnosis reported" (term 1) at words 2–3, then "not a benefit" (term 0) at 5–7.
    expect(index.complete([0, 1, 2, 3, 0, 0, 5, 7])).toEqual([
      { pattern: 0, start: 2, end: 7, firstStart: 2, firstEnd: 3, lastStart: 5 },
    ]);
  });

  it('does not match when a term is missing or the span is longer than the window', () => {
    expect(near.findAll(tokenize('The diagnosis is clear.'))).toEqual([]);
    expect(
      near.findAll(tokenize('Diagnosis: one two three four five six seven, and it is inconsistent with')),
    ).toEqual([]);
  });

  it('agrees with a brute-force window check on random texts', () => {
    const vocabulary = ['diagnosis', 'inconsistent', 'with', 'does', 'not', 'support', 'x', 'y'];
    const single = new ProximityMatcher([
      { terms: [['diagnosis'], ['inconsistent with', 'does not support']], within: 6, payload: 1 },
    ]);
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...vocabulary), { maxLength: 30 }), (words) => {
        const starts = (phrase: string[]) =>
          words.flatMap((_, index) =>
            phrase.every((word, offset) => words[index + offset] === word) ? [index] : [],
          );
        const first = starts(['diagnosis']).map((index) => [index, index] as const);
        const second = [...starts(['inconsistent', 'with']), ...starts(['does', 'not', 'support'])].map(
          (index) => [index, index + (words[index] === 'does' ? 2 : 1)] as const,
        );
        const brute = first.some(([a0, a1]) =>
          second.some(([b0, b1]) => Math.max(a1, b1) - Math.min(a0, b0) + 1 <= 6),
        );
        expect(single.findAll(words).length === 1).toBe(brute);
      }),
      { numRuns: 1000 },
    );
  });
});

describe('phraseWords', () => {
  it('gives the words tokenize gives, for plain phrases (split on the space) and any other', () => {
    expect(phraseWords('total knee arthroplasty')).toEqual(['total', 'knee', 'arthroplasty']);
    // The fast path leaves a word tokenize spells out to tokenize.
    expect(phraseWords('cant walk')).toEqual(['can', 'not', 'walk']);
    expect(phraseWords("Doesn't meet")).toEqual(['does', 'not', 'meet']);
    const alphabet = fc.constantFrom(..."ab z09 -'’.".split(''), 'cant', 'dont', 'isnt', ' ', 'A');
    fc.assert(
      fc.property(fc.array(alphabet, { maxLength: 30 }), (parts) => {
        const phrase = parts.join('');
        expect(phraseWords(phrase)).toEqual(tokenize(phrase));
      }),
      { numRuns: 3000 },
    );
    // And for every phrase of the bundled specialist tables, which the fast path mostly takes.
    const read = (name: string) =>
      JSON.parse(readFileSync(join(import.meta.dirname, '..', 'rules', 'specialists', name), 'utf8'));
    const phrases: string[] = [
      ...read('procedures.json').rows.flatMap((row: { phrases: string[] }) => row.phrases),
      ...read('areas.json').rows.flatMap((area: { phrases: string[]; ranges: { phrases?: string[] }[] }) => [
        ...area.phrases,
        ...area.ranges.flatMap((range) => range.phrases ?? []),
      ]),
    ];
    expect(phrases.length).toBeGreaterThan(1500);
    for (const phrase of phrases) expect(phraseWords(phrase)).toEqual(tokenize(phrase));
  });
});

describe('a matcher not yet built', () => {
  /** Every occurrence forEachMatch reports, as [payload, first word, last word]. */
  const occurrences = (matcher: PhraseMatcher<number>, text: string) => {
    const found: [number, number, number][] = [];
    matcher.forEachMatch(text, (payload, start, end) => found.push([payload, start, end]));
    return found;
  };

  // Phrases and texts over a few words, with case, a dash and a hyphen the normalisation must read alike.
  const words = ['not', 'medically', 'necessary', 'knee', 'total', 'arthroplasty', 'x', "don't", 'cant'];
  const phrases = fc.array(
    fc.array(fc.constantFrom(...words), { minLength: 0, maxLength: 4 }).map((parts) => parts.join(' ')),
    { minLength: 1, maxLength: 12 },
  );
  const texts = fc
    .array(fc.constantFrom(...words, 'and', '—', 'Knee-', 'NOT'), { maxLength: 30 })
    .map((parts) => parts.join(' '));
  const entriesOf = (list: string[]) => list.map((phrase, payload) => ({ phrase, payload }));

  it('answers a short text exactly as its built automaton does, occurrences and order', () => {
    fc.assert(
      fc.property(phrases, texts, (list, text) => {
        const entries = entriesOf(list);
        const unbuilt = new PhraseMatcher(entries);
        const built = new PhraseMatcher(entries);
        built.parts(); // builds it
        expect(occurrences(unbuilt, text)).toEqual(occurrences(built, text));
      }),
      { numRuns: 2000 },
    );
  });

  it('finds every distinct phrase of a short text exactly as its built automaton does, in the same order', () => {
    fc.assert(
      fc.property(phrases, texts, (list, text) => {
        const entries = entriesOf(list);
        const built = new PhraseMatcher(entries);
        built.parts(); // builds it
        expect(new PhraseMatcher(entries).findAll(text)).toEqual(built.findAll(text));
      }),
      { numRuns: 2000 },
    );
  });

  it('builds its automaton once it has read enough words, and answers the same after', () => {
    const matcher = new PhraseMatcher([
      { phrase: 'total knee arthroplasty', payload: 1 },
      { phrase: 'knee arthroplasty', payload: 2 },
    ]);
    const text = 'a total knee arthroplasty of the left knee arthroplasty';
    const first = occurrences(matcher, text);
    expect(first).toEqual([
      [1, 1, 3],
      [2, 2, 3],
      [2, 7, 8],
    ]);
    for (let round = 0; round < 60; round++) expect(occurrences(matcher, text)).toEqual(first);
  });
});
