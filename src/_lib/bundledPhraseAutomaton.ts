/**
 * The bundled rule set's phrase automaton, already built ({@link phraseAutomaton} of `rules/classification/`):
 * the build (tsup.config.ts) replaces this module with the automaton it builds from the same rule files, as a
 * `LazyJson` (read it with `readBundled`), so that the package's first classification restores it instead of
 * normalising five thousand phrases and building it. Run from source (tests, tsx) there is none, and the
 * automaton is built on first use as for any rule set.
 */
export const BUNDLED_PHRASE_AUTOMATON: unknown = undefined;
