import stem from 'wink-porter2-stemmer';

/**
 * The longest word stemmed. English words are shorter; a longer "word" is a pasted identifier, a URL or an encoded
 * blob, and the stemmer's patterns take time quadratic in a word's length (one word of 20,000 letters: 4.5 s).
 */
export const MAX_STEMMED_WORD = 40;

/**
 * The Porter2 stem of one lowercase word (`wink-porter2-stemmer`); a word longer than {@link MAX_STEMMED_WORD}
 * is its own stem.
 *
 * @example
 * ```ts
 * stemWord('services');   //=> 'servic'
 * stemWord('a'.repeat(50)); //=> the same 50 letters
 * ```
 */
export function stemWord(word: string): string {
  return word.length > MAX_STEMMED_WORD ? word : stem(word);
}
