import { compileRuleSet } from '../engine/compile.js';
import { OverturnError } from '../errors.js';
import { loadRuleDirectory } from './loadRuleDirectory.js';
import type { Colors } from './report.js';

/**
 * Validates a rule-set directory: every file the manifest names, every rule and row, with every
 * problem listed by file, rule id and path. Returns the report and the exit code (0 valid, 1 not).
 */
export function validateRuleDirectory(dir: string, c: Colors): { text: string; exitCode: number } {
  try {
    const source = loadRuleDirectory(dir);
    const ruleSet = compileRuleSet(source);
    const lines = [`${c.green('✓')} ${dir}: rule set ${ruleSet.ref.id} ${ruleSet.ref.version} is valid`];
    for (const [file, content] of Object.entries(source.files))
      lines.push(`  ${file.padEnd(36)} ${sizeOf(content)}`);
    return { text: `${lines.join('\n')}\n`, exitCode: 0 };
  } catch (error) {
    if (!(error instanceof OverturnError)) throw error;
    const lines = [
      `${c.red('✗')} ${dir}: ${error.issues.length} problem${error.issues.length === 1 ? '' : 's'}`,
    ];
    for (const issue of error.issues) {
      const where = [
        issue.file,
        issue.ruleId ? `rule ${issue.ruleId}` : undefined,
        issue.path.join('.') || undefined,
      ]
        .filter(Boolean)
        .join(' · ');
      lines.push(`  - ${where || '(root)'}: ${issue.message}`);
    }
    return { text: `${lines.join('\n')}\n`, exitCode: 1 };
  }
}

/** What a rule file holds, in its own terms: rows, rules, a model's features, a state's rows. */
function sizeOf(content: unknown): string {
  const file = content as {
    kind?: string;
    rows?: unknown[];
    rules?: unknown[];
    features?: Record<string, unknown>;
    corpus?: { examples?: number };
    externalReview?: unknown[];
    regulators?: unknown[];
  };
  if (file.rules) return `${file.rules.length} rules`;
  if (file.rows) return `${file.rows.length} rows`;
  if (file.kind === 'text-model' && file.features)
    return `text model: ${Object.keys(file.features).length} features, ${file.corpus?.examples ?? 0} training examples`;
  if (file.externalReview || file.regulators)
    return `${file.externalReview?.length ?? 0} external-review rows, ${file.regulators?.length ?? 0} regulators`;
  return 'valid';
}
