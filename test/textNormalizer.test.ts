import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createDenialNormalizer } from '../src/classifyDenial/textRules.js';
import { PhraseMatcher, tokenize } from '../src/engine/phraseMatcher.js';
import { IdTranslation, TextNormalizer } from '../src/engine/textNormalizer.js';

describe('TextNormalizer', () => {
  const plain = new TextNormalizer();

  it('splits words as tokenize does, and drops a plural marker glued to its word', () => {
    expect(plain.normalize('The Service(s) Billed Was/Were Reasonable').words).toEqual(
      'the service billed was were reasonable'.split(' '),
    );
    expect(plain.normalize("claim(es) isn't (s) covered").words).toEqual('claim is not s covered'.split(' '));
  });

  it('reads the same words as tokenize for any text without plural markers', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 80 }), (text) => {
        fc.pre(!/\((?:s|es)\)/i.test(text));
        expect(plain.normalize(text).words).toEqual(tokenize(text));
      }),
    );
  });

  it('reads any text as it reads the text lowercased, sentence ends aside (it folds A–Z as it reads)', () => {
    // Only İ and the Kelvin sign lowercase to ASCII word characters; both are in the alphabet on purpose.
    const characters = fc.constantFrom(..."aZs(S)eE’'. ,İKK\u212a1\n".split(''));
    fc.assert(
      fc.property(
        fc.oneof(fc.string({ unit: 'binary', maxLength: 60 }), fc.string({ unit: characters })),
        (text) => {
          // A full stop before a capital ends a sentence, before a lowercase letter it does not (by design, on
          // the text as written; İ and the Kelvin sign are capitals that lowercase to a–z): that one difference
          // aside, case must not matter.
          fc.pre(!/\. *[A-Z\u0130\u212a]/.test(text));
          const lowered = text.toLowerCase();
          const read = plain.normalize(text);
          const readLowered = plain.normalize(lowered);
          expect(read.words).toEqual(readLowered.words);
          if (lowered.length !== text.length) return;
          for (const field of ['starts', 'ends', 'breakBefore', 'negated', 'sentence'] as const)
            expect([field, read[field]]).toEqual([field, readLowered[field]]);
        },
      ),
    );
    expect(plain.normalize('SERVICE(S) Billed (ES)').words).toEqual(['service', 'billed', 'es']);
    expect(plain.normalize('Service(ES) billed').words).toEqual(['service', 'billed']);
  });

  it('joins a word across several apostrophes in a row, as tokenize does', () => {
    // Found by the property above (counterexample "0``0"): the second apostrophe ended the word.
    expect(plain.normalize('0``0').words).toEqual(['00']);
    expect(tokenize('0``0')).toEqual(['00']);
    expect(plain.normalize("plan''s rule").words).toEqual(tokenize("plan''s rule"));
  });

  it('keeps each word’s span in the text', () => {
    const text = 'Dx  inconsist, w/ PROC.';
    const read = plain.normalize(text);
    expect(read.words.map((_, index) => text.slice(read.starts[index], read.ends[index]))).toEqual([
      'Dx',
      'inconsist',
      'w',
      'PROC',
    ]);
  });

  it('rewrites shorthand, longest first, never across a comma, and says what it read', () => {
    const normalizer = new TextNormalizer({
      rewrites: [
        { id: 'cov', from: ['cov'], to: ['coverage'] },
        { id: 'cov-term', from: ['cov', 'term'], to: ['coverage', 'terminated'] },
      ],
    });
    const read = normalizer.normalize('EXP AFT COV TERM; cov, term');
    expect(read.words).toEqual('exp aft coverage terminated coverage term'.split(' '));
    expect(read.rewrites).toEqual([
      { id: 'cov-term', text: 'COV TERM', as: 'coverage terminated', start: 8 },
      { id: 'cov', text: 'cov', as: 'coverage', start: 18 },
    ]);
  });

  it('marks the words a negation reaches, within its clause', () => {
    const normalizer = new TextNormalizer({ negators: ['not'], scopeEnders: ['but'] });
    const negated = (text: string) => {
      const read = normalizer.normalize(text);
      return read.words.filter((_, index) => read.negated[index]);
    };
    expect(negated('It is not medically and reasonably necessary.')).toEqual([
      'medically',
      'and',
      'reasonably',
      'necessary',
    ]);
    expect(negated('It is medically necessary')).toEqual([]);
    expect(negated('not covered, it is experimental')).toEqual(['covered']);
    expect(negated('not covered but experimental')).toEqual(['covered']);
    expect(negated('not a b c d e f g h')).toEqual(['a', 'b', 'c', 'd', 'e', 'f']);
  });

  it('quotes spans from the lowercase text when lowercasing changes a length', () => {
    const read = plain.normalize('İ Not covered');
    expect(read.spanText).toBe('İ Not covered'.toLowerCase());
    expect(read.words.map((_, index) => read.spanText.slice(read.starts[index], read.ends[index]))).toEqual(
      read.words,
    );
    expect(plain.normalize('Not covered').spanText).toBe('Not covered');
  });

  it('spells out typographic ligatures inside their words, and quotes the words as the text wrote them', () => {
    const read = plain.normalize('Not a covered beneﬁt. Eﬀective now; ﬁ.');
    expect(read.words).toEqual('not a covered benefit effective now fi'.split(' '));
    expect(read.spanText).toBe('Not a covered beneﬁt. Eﬀective now; ﬁ.');
    expect(read.words.map((_, index) => read.spanText.slice(read.starts[index], read.ends[index]))).toEqual(
      'Not a covered beneﬁt Eﬀective now ﬁ'.split(' '),
    );
    // The same words as tokenize, and a ligature ends no sentence: two sentences, then a third.
    expect(read.words).toEqual(tokenize('Not a covered beneﬁt. Eﬀective now; ﬁ.'));
    // A soft hyphen where a PDF broke a word at a line end joins its parts.
    expect(plain.normalize('not medically neces\u00adsary').words).toEqual(['not', 'medically', 'necessary']);
  });

  it('numbers sentences at full stops, semicolons and line breaks, not inside "u.s."', () => {
    const read = plain.normalize('Denied. Not covered; see u.s. rules\nNext');
    expect(Array.from(read.sentence)).toEqual([0, 1, 1, 2, 2, 2, 2, 3]);
  });
});

describe('the lexicon', () => {
  it('gives a text the same reading whatever was read before it (its caches never change an answer)', () => {
    // Words that stress the caches: contractions with and without apostrophes, shorthand, plural markers,
    // words longer than the span cache holds, and words that share a slot's hash prefix.
    const word = fc.oneof(
      fc.constantFrom('cannot', 'CANNOT', "can't", 'dont', "don't", 'wont', 'isnt', "isn't", 'not', 'no'),
      fc.constantFrom('svc', 'SVC(s)', 'dos', 'cov', 'term', 'auth', 'dx', 'w/', 'proc', 'Service(s)'),
      fc.constantFrom(
        'covered',
        'necessary',
        'medically',
        'incompatibilities',
        'precertification',
        'a',
        'the',
      ),
      fc.stringMatching(/^[a-z]{1,20}$/),
    );
    const text = fc
      .array(fc.tuple(word, fc.constantFrom(' ', ', ', '. ', '\n', '/')), { maxLength: 30 })
      .map((parts) => parts.map(([w, gap]) => w + gap).join(''));
    const abbreviations = JSON.parse(
      readFileSync(new URL('../rules/classification/abbreviations.json', import.meta.url), 'utf8'),
    ).rows;
    const denial = createDenialNormalizer(abbreviations);
    fc.assert(
      fc.property(text, text, (first, other) => {
        const reused = denial;
        const before = reused.normalize(first);
        reused.normalize(other);
        const after = reused.normalize(first);
        const fresh = createDenialNormalizer(abbreviations).normalize(first);
        for (const read of [after, fresh]) {
          expect(read.words).toEqual(before.words);
          expect(Array.from(read.negated)).toEqual(Array.from(before.negated));
          expect(read.starts).toEqual(before.starts);
          expect(read.origin).toEqual(before.origin);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('reads a contraction spelt without its apostrophe the same every time (the span cache finds its own entry)', () => {
    // "cannot" and "dont" join the lexicon after the words they expand to: a cached index must still be theirs.
    const normalizer = new TextNormalizer({ negators: ['not'] });
    const first = normalizer.normalize('CANNOT cover. DONT pay.');
    const again = normalizer.normalize('CANNOT cover. DONT pay.');
    expect(first.words).toEqual(['can', 'not', 'cover', 'do', 'not', 'pay']);
    expect(again.words).toEqual(first.words);
    expect(Array.from(again.negated)).toEqual([0, 0, 1, 0, 0, 1]);
  });

  it('starts again past 50,000 spellings, with a new epoch, and readers keyed by id follow it', () => {
    const normalizer = new TextNormalizer();
    const matcher = new PhraseMatcher([{ phrase: 'not covered', payload: 'nc' }]);
    const translation = new IdTranslation(normalizer, (stem) => matcher.wordId(stem));
    const before = normalizer.normalize('not covered');
    const idsBefore = Array.from(translation.translate(before).subarray(0, before.ids.length));
    normalizer.normalize(Array.from({ length: 50_000 }, (_, index) => `w${index}`).join(' '));
    const after = normalizer.normalize('x not covered');
    expect(after.epoch).toBe(before.epoch + 1);
    expect(Array.from(after.ids)).toEqual([0, 1, 2]); // the lexicon started again: x, not, covered
    // The translation's buffer is reused: its first ids.length entries are this text's.
    expect(Array.from(translation.translate(after).subarray(0, after.ids.length))).toEqual([
      -1,
      ...idsBefore,
    ]);
    expect(matcher.findAll(after.words).map((match) => match.payload)).toEqual(['nc']);
  });

  it('spells a text of an earlier epoch from its own stems, even when first asked after the restart', () => {
    // `words` is made on first read; the lexicon's restart must not change what an older text spells.
    const normalizer = new TextNormalizer();
    const before = normalizer.normalize('service not covered');
    normalizer.normalize(Array.from({ length: 50_000 }, (_, index) => `w${index}`).join(' '));
    const after = normalizer.normalize('prior auth');
    expect(after.epoch).toBe(before.epoch + 1);
    expect(before.words).toEqual(['service', 'not', 'covered']);
    expect(after.words).toEqual(['prior', 'auth']);
  });

  it('reads a long text (its numbers in one typed array) as the copies of the short text it repeats', () => {
    const normalizer = new TextNormalizer({
      rewrites: [{ id: 'abbr.dos', from: ['dos'], to: ['date', 'of', 'service'] }],
      negators: ['not'],
    });
    const text = 'DOS not, covered.';
    const one = normalizer.normalize(text);
    const copies = 400; // 400 × 5 words read: past the length from which a text's numbers are typed
    const long = normalizer.normalize(Array.from({ length: copies }, () => text).join('\n'));
    expect(long.ids).toBeInstanceOf(Int32Array);
    expect(one.ids).toBeInstanceOf(Array);
    const repeated = (values: ArrayLike<number>, step: (copy: number) => number) =>
      Array.from({ length: copies }, (_, copy) => Array.from(values, (value) => value + step(copy))).flat();
    const characters = (copy: number) => copy * (text.length + 1);
    expect(long.words).toEqual(Array.from({ length: copies }, () => one.words).flat());
    expect(Array.from(long.starts)).toEqual(repeated(one.starts, characters));
    expect(Array.from(long.ends)).toEqual(repeated(one.ends, characters));
    expect(Array.from(long.sentence)).toEqual(repeated(one.sentence, (copy) => copy));
    expect(Array.from(long.negated)).toEqual(repeated(one.negated, () => 0));
    expect(Array.from(long.breakBefore)).toEqual(repeated(one.breakBefore, () => 0));
    expect(Array.from(long.origin)).toEqual(repeated(one.origin, (copy) => copy * one.source.starts.length));
    expect(Array.from(long.source.starts)).toEqual(repeated(one.source.starts, characters));
    expect(Array.from(long.source.sentence)).toEqual(repeated(one.source.sentence, (copy) => copy));
    expect(one.words).toEqual(['date', 'of', 'service', 'not', 'covered']);
    expect(Array.from(one.negated)).toEqual([0, 0, 0, 0, 0]);
  });

  it('gives every number field one entry per word, however long the text and with or without shorthand', () => {
    // Found by comparing with the normaliser before its buffers were shared: `origin` was the shared identity map.
    const normalizer = new TextNormalizer({
      rewrites: [{ id: 'abbr.dos', from: ['dos'], to: ['date', 'of', 'service'] }],
    });
    normalizer.normalize(Array.from({ length: 3000 }, (_, index) => `w${index}`).join(' '));
    for (const text of [
      '',
      'not covered',
      'DOS not covered',
      'not covered '.repeat(600),
      'DOS '.repeat(600),
    ]) {
      const read = normalizer.normalize(text);
      const lengths = [
        read.ids,
        read.starts,
        read.ends,
        read.negated,
        read.sentence,
        read.breakBefore,
        read.origin,
      ];
      expect(lengths.map((field) => field.length)).toEqual(lengths.map(() => read.words.length));
      expect(read.source.starts.length).toBe(read.source.sentence.length);
    }
    expect(Array.from(normalizer.normalize('DOS not covered').origin)).toEqual([0, 0, 0, 1, 2]);
    expect(Array.from(normalizer.normalize('not covered').origin)).toEqual([0, 1]);
    // A long text without shorthand: each word is its own origin (typed arrays from 1,024 words).
    const long = normalizer.normalize('not covered '.repeat(600));
    expect(long.origin).toBeInstanceOf(Int32Array);
    expect(Array.from(long.origin)).toEqual(Array.from({ length: 1200 }, (_, index) => index));
  });

  it('reads a short text after a long one exactly as a fresh normaliser does (its buffers are reused)', () => {
    const rewrites = [{ id: 'abbr.svc', from: ['svc'], to: ['service'] }];
    const used = new TextNormalizer({ rewrites, negators: ['not'] });
    const fresh = new TextNormalizer({ rewrites, negators: ['not'] });
    const long = Array.from({ length: 400 }, (_, index) => `SVC ${index} is not, covered.`).join(' ');
    used.normalize(long);
    for (const text of ['SVC not covered', 'not covered', 'plain words here']) {
      const reused = used.normalize(text);
      const first = fresh.normalize(text);
      for (const field of [
        'words',
        'starts',
        'ends',
        'negated',
        'sentence',
        'breakBefore',
        'origin',
      ] as const)
        expect([field, reused[field]]).toEqual([field, first[field]]);
      expect(reused.source).toEqual(first.source);
      expect(reused.rewrites).toEqual(first.rewrites);
    }
  });

  it('reads a text transiently (its numbers in a buffer kept from call to call) exactly as it reads it to keep', () => {
    const rewrites = [{ id: 'abbr.svc', from: ['svc'], to: ['service'] }];
    const transient = new TextNormalizer({ rewrites, negators: ['not'] });
    const kept = new TextNormalizer({ rewrites, negators: ['not'] });
    const texts = [
      Array.from({ length: 400 }, (_, index) => `SVC ${index} is not, covered.`).join(' '),
      'not covered '.repeat(700),
      'SVC not covered',
      Array.from({ length: 300 }, (_, index) => `w${index} not`).join(' '),
    ];
    for (const text of texts) {
      const read = transient.normalizeTransient(text);
      const first = kept.normalize(text);
      const numbers = (field: ArrayLike<number>) => Array.from(field);
      for (const field of ['ids', 'starts', 'ends', 'negated', 'sentence', 'breakBefore', 'origin'] as const)
        expect([field, numbers(read[field])]).toEqual([field, numbers(first[field])]);
      expect(read.words).toEqual(first.words);
      for (const field of ['starts', 'ends', 'sentence'] as const)
        expect([field, numbers(read.source[field])]).toEqual([field, numbers(first.source[field])]);
      expect(read.rewrites).toEqual(first.rewrites);
    }
  });
});

describe('createDenialNormalizer', () => {
  it('stems, so inflections meet', () => {
    const normalizer = createDenialNormalizer([]);
    expect(normalizer.normalize('Services denied; not covered').words).toEqual(
      normalizer.normalize('service denies; not cover').words,
    );
  });

  it('expands the shorthand rows of a rule set', () => {
    const normalizer = createDenialNormalizer([
      {
        id: 'abbr.svc',
        short: 'svc',
        long: 'service',
        citation: 'test',
        sourceUrl: 'https://example.org',
        verifiedOn: '2026-12-02',
        status: 'confirmed',
      },
    ]);
    expect(normalizer.normalize('SVC not covered').words).toEqual(
      normalizer.normalize('service not covered').words,
    );
  });
});
