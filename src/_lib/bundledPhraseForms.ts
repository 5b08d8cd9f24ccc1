/**
 * The bundled rule set's phrases, already normalised ({@link phraseForms} of `rules/classification/`): the
 * build (tsup.config.ts) replaces this module with the list it computes from the same rule files, so that the
 * package's first classification does not normalise five thousand phrases. Run from source (tests, tsx) there
 * is no list, and the phrases are normalised on first use as for any rule set.
 */
export const BUNDLED_PHRASE_FORMS: readonly string[] | undefined = undefined;
