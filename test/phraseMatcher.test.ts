import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PhraseMatcher, tokenize } from '../src/engine/phraseMatcher.js';

describe('tokenize', () => {
  it('lowercases, joins apostrophes and splits on everything else', () => {
    expect(tokenize('Doesn’t meet InterQual® criteria—"out-of-network"')).toEqual([
      'doesnt',
      'meet',
      'interqual',
      'criteria',
      'out',
      'of',
      'network',
    ]);
    expect(tokenize("  plan's\r\n\u00a0PRE-AUTHORIZATION…  ")).toEqual(['plans', 'pre', 'authorization']);
    expect(tokenize('')).toEqual([]);
    expect(tokenize('¿¡!')).toEqual([]);
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

  it('masks boilerplate so nothing matches across or inside it', () => {
    const boilerplate = new PhraseMatcher([
      { phrase: 'based on a medical necessity or experimental treatment', payload: 'b' },
    ]);
    const words = boilerplate.mask(
      tokenize('If this was based on a medical necessity or experimental treatment limit'),
    );
    expect(matcher.findAll(words)).toEqual([]);
    expect(
      matcher.findAll(
        boilerplate.mask(tokenize('Experimental. Based on a medical necessity or experimental treatment')),
      ),
    ).toEqual([{ phrase: 'experimental', payload: 'exp' }]);
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

  it('handles 100,000 characters of adversarial repetition', () => {
    const text = 'not medically not medically '.repeat(3600).slice(0, 100_000);
    expect(matcher.findAll(text)).toEqual([]);
    expect(tokenize(text).length).toBeGreaterThan(14_000);
  });
});
