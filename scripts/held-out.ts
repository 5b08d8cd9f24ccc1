/**
 * Scores the library on a frozen held-out set in test/held-out/: cases worked out from primary sources by
 * someone who did not see the rules, committed before the rules were tuned, and never used to tune them.
 * This script only measures.
 *
 *   npm run heldout                       # deadlines, denials and specialists
 *   tsx scripts/held-out.ts denials       # one set
 *   tsx scripts/held-out.ts deadlines <src dir>   # another checkout's source (a first-run figure)
 *   tsx scripts/held-out.ts denials --misses      # also list the denial wordings it got wrong
 *   tsx scripts/held-out.ts specialists-dev --misses   # the development set of condition wordings (for tuning)
 *   tsx scripts/held-out.ts denials-dev --misses       # the development set of denial wordings (for tuning)
 *   tsx scripts/held-out.ts specialists-dev --from 369 # only its rows from the 370th on (a new round's first run)
 *
 * The denial and specialist misses are not listed by default: whoever tunes the rules should not read them.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

interface DeadlineCase {
  name: string;
  input: Record<string, unknown>;
  expect: { deadline: string };
}

interface DenialCase {
  text: string;
  codes?: string[];
  expect: { category: string; disputeKind: 'clinical' | 'administrative' };
  source: { kind: string; url: string };
}

interface SpecialistCase {
  condition: string;
  procedure?: string;
  age?: number;
  /** NUCC taxonomy codes a careful advocate would accept, best first (may be empty when none of ours fits). */
  acceptable: string[];
  /** A fitting specialty outside the rule set's list, when the best fit is missing from it. */
  acceptableOther?: string;
  source: { kind: string; url: string };
}

type Library = Record<string, (input: unknown) => Record<string, unknown>>;

const root = join(import.meta.dirname, '..');
/** With `--from n`, a development set is scored from its row n (0-based): a new round's first run. */
const fromAt = process.argv.indexOf('--from');
const devFrom = fromAt > 0 ? Number(process.argv[fromAt + 1]) : 0;
const args = process.argv
  .slice(2)
  .filter((arg, index) => arg !== '--misses' && arg !== '--from' && index + 2 !== fromAt + 1);
const showMisses = process.argv.includes('--misses');
const sets = ['deadlines', 'denials', 'specialists', 'denials-dev', 'specialists-dev'].filter((set) =>
  args[0] ? args[0] === set : !set.endsWith('-dev'),
);
const srcDir = resolve(args[1] ?? join(root, 'src'));
const library: Library = await import(pathToFileURL(join(srcDir, 'index.ts')).href);
// The bundled rule set is trusted at run time (the tests validate it): validate it here first, as `overturn
// validate` does, so that a rule edited while tuning is never scored in a state that command would refuse.
const validator = join(srcDir, 'cli', 'validateCommand.ts');
const ruleDir = join(srcDir, '..', 'rules');
if (existsSync(validator) && existsSync(ruleDir)) {
  const { validateRuleDirectory } = (await import(pathToFileURL(validator).href)) as {
    validateRuleDirectory: typeof import('../src/cli/validateCommand.js').validateRuleDirectory;
  };
  const plain = (text: string) => text;
  const { text, exitCode } = validateRuleDirectory(ruleDir, {
    bold: plain,
    dim: plain,
    red: plain,
    yellow: plain,
    green: plain,
    cyan: plain,
  });
  if (exitCode !== 0) {
    process.stderr.write(text);
    process.exit(1);
  }
}
const load = <Case>(name: string): Case[] =>
  JSON.parse(readFileSync(join(root, 'test/held-out', `${name}.json`), 'utf8'));

function scoreDeadlines(): string[] {
  const cases = load<DeadlineCase>('deadlines');
  let right = 0;
  const misses: string[] = [];
  for (const item of cases) {
    let got: string;
    try {
      got = library.computeAppealDeadline?.(item.input).deadline as string;
    } catch (error) {
      got = `error: ${(error as Error).message.split('\n')[0]}`;
    }
    if (got === item.expect.deadline) right++;
    else {
      const side = got.startsWith('error') ? '' : got < item.expect.deadline ? ' (early)' : ' (LATE)';
      misses.push(`- ${item.name}: expected ${item.expect.deadline}, got ${got}${side}`);
    }
  }
  return [`held-out deadlines: ${right}/${cases.length} right`, ...misses];
}

function scoreDenials(set: 'held-out' | 'dev'): string[] {
  const cases: DenialCase[] =
    set === 'dev'
      ? (JSON.parse(readFileSync(join(root, 'test/dev/denials.json'), 'utf8')) as DenialCase[]).slice(devFrom)
      : load<DenialCase>('denials');
  let right = 0;
  let flips = 0;
  let unknownWhenStated = 0;
  let stated = 0;
  const byCategory = new Map<string, { right: number; total: number }>();
  const misses: string[] = [];
  for (const item of cases) {
    const input = item.codes?.length ? { text: item.text, codes: item.codes } : { text: item.text };
    const got = library.classifyDenial?.(input) as { category: string; disputeKind: string };
    const want = item.expect;
    const tally = byCategory.get(want.category) ?? { right: 0, total: 0 };
    tally.total++;
    if (got.category === want.category) {
      right++;
      tally.right++;
    } else {
      misses.push(`- [${want.category} → ${got.category}] ${item.text.slice(0, 140)}`);
    }
    byCategory.set(want.category, tally);
    if (want.category !== 'unknown') {
      stated++;
      if (got.category === 'unknown') unknownWhenStated++;
      else if (got.disputeKind !== want.disputeKind) flips++;
    }
  }
  const pct = (part: number, whole: number) => `${((100 * part) / Math.max(whole, 1)).toFixed(1)}%`;
  return [
    `${set} denials: ${right}/${cases.length} right (${pct(right, cases.length)}); clinical/administrative flips ${flips} (${pct(flips, cases.length)}); unknown on ${unknownWhenStated}/${stated} that state a reason (${pct(unknownWhenStated, stated)})`,
    ...[...byCategory]
      .sort(([a], [b]) => (a < b ? -1 : 1))
      .map(([category, { right: ok, total }]) => `  ${category}: ${ok}/${total}`),
    ...(showMisses ? misses : []),
  ];
}

/**
 * A recommendation is acceptable when its specialty or its preferred subspecialty is one the case accepts.
 * The fallback is the general internal-medicine answer at low confidence.
 */
/** Scores a set of condition wordings: the frozen held-out set, or the development set (`test/dev/`, for tuning). */
function scoreSpecialists(set: 'held-out' | 'dev'): string[] {
  const cases: SpecialistCase[] =
    set === 'dev'
      ? (JSON.parse(readFileSync(join(root, 'test/dev/specialists.json'), 'utf8')) as SpecialistCase[]).slice(
          devFrom,
        )
      : load<SpecialistCase>('specialists');
  let right = 0;
  let fallback = 0;
  let children = 0;
  let childrenRight = 0;
  const misses: string[] = [];
  for (const item of cases) {
    const input = {
      condition: item.condition,
      ...(item.procedure ? { procedure: item.procedure } : {}),
      ...(item.age !== undefined ? { age: item.age } : {}),
    };
    const got = library.recommendSpecialist?.(input) as {
      specialty: { taxonomyCode: string; name: string };
      subspecialty?: { taxonomyCode: string; name: string };
      area: { id: string };
      confidence: string;
    };
    const ok =
      item.acceptable.includes(got.specialty.taxonomyCode) ||
      (got.subspecialty !== undefined && item.acceptable.includes(got.subspecialty.taxonomyCode));
    if (got.area.id === 'internal-medicine' && got.confidence === 'low') fallback++;
    if (item.age !== undefined && item.age < 18) {
      children++;
      if (ok) childrenRight++;
    }
    if (ok) right++;
    else {
      const gave = got.subspecialty ? `${got.specialty.name} / ${got.subspecialty.name}` : got.specialty.name;
      misses.push(
        `- ${item.condition}${item.procedure ? ` (${item.procedure})` : ''}${item.age !== undefined ? `, age ${item.age}` : ''}: got ${gave}; accepted ${item.acceptable.join(', ') || item.acceptableOther}`,
      );
    }
  }
  const pct = (part: number, whole: number) => `${((100 * part) / Math.max(whole, 1)).toFixed(1)}%`;
  return [
    `${set} specialists: ${right}/${cases.length} acceptable (${pct(right, cases.length)}); general internal medicine fallback ${fallback} (${pct(fallback, cases.length)}); under 18: ${childrenRight}/${children}`,
    ...(showMisses ? misses : []),
  ];
}

const out: string[] = [];
if (sets.includes('deadlines')) out.push(...scoreDeadlines());
if (sets.includes('denials')) out.push(...scoreDenials('held-out'));
if (sets.includes('denials-dev')) out.push(...scoreDenials('dev'));
if (sets.includes('specialists') && existsSync(join(root, 'test/held-out/specialists.json')))
  out.push(...scoreSpecialists('held-out'));
if (sets.includes('specialists-dev')) out.push(...scoreSpecialists('dev'));
console.log(out.join('\n'));
