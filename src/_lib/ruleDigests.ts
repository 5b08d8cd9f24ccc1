/**
 * The SHA-256 (hex) of each bundled rule file's value as `JSON.stringify` writes it, by its path in the rule set
 * (`manifest.json`, `classification/carc.json`, …): what {@link loadOverturn} compares a fetched rule set with,
 * to compile the bundled set's own files without validating them again. The package build writes the digests
 * here (tsup.config.ts); run from source none are known, so a loaded rule set is validated in full.
 */
export const BUNDLED_RULE_DIGESTS: Readonly<Record<string, string>> | undefined = undefined;
