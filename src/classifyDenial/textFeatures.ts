import type { NormalizedText } from '../engine/textNormalizer.js';

/**
 * Words too common to tell categories apart on their own, as their stems (the features are stems). They
 * still make bigrams ("not_cover"), and negation words are kept: they carry the meaning.
 */
const STOPWORDS = new Set(
  (
    'a an the of to for in on at by from with and or as is are was were be been being this that these those ' +
    'it its your you we our us they their he she his her i my me has have had do doe did will would shall ' +
    'should can could may might must which who whom what when where there here than then so such into onto ' +
    'per upon about over under also all each both other same own'
  ).split(' '),
);

/** One feature of a text, with the span of its first occurrence (to quote the letter's own words). */
export interface TextFeature {
  name: string;
  start: number;
  end: number;
}

/**
 * The features the text model reads: each content word (marked `!word` inside a negation's scope) and
 * each pair of neighbouring words in the same clause (`not_cover`), each counted once. Training and
 * classification both call this, so the model always sees what it was trained on.
 *
 * @example
 * ```ts
 * textFeatures(normalizer.normalize('Service not covered')).map((feature) => feature.name);
 * // ['servic', 'servic_not', 'not', 'not_cover', '!cover']
 * ```
 */
export function textFeatures(text: NormalizedText): TextFeature[] {
  const seen = new Set<string>();
  const features: TextFeature[] = [];
  const add = (name: string, start: number, end: number) => {
    if (seen.has(name)) return;
    seen.add(name);
    features.push({ name, start, end });
  };
  const { words, starts, ends, negated, breakBefore } = text;
  for (let index = 0; index < words.length; index++) {
    const word = words[index] as string;
    const start = starts[index] as number;
    if (index > 0 && !breakBefore[index]) {
      add(`${words[index - 1]}_${word}`, starts[index - 1] as number, ends[index] as number);
    }
    // Digits alone (amounts, dates, code numbers) say nothing a word does not.
    if (STOPWORDS.has(word) || /^\d+$/.test(word)) continue;
    add(negated[index] ? `!${word}` : word, start, ends[index] as number);
  }
  return features;
}
