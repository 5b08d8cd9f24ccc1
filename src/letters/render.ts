import type { CaseAnalysis } from '../analyzeCase/types.js';
import { regulatorsInWords } from '../buildChecklist/build.js';
import type { ChecklistItem, ChecklistItemId } from '../buildChecklist/types.js';
import { OverturnError } from '../errors.js';
import type { DenialCategory } from '../types.js';
import type { Letter, LetterKind, LetterParties, LetterSection } from './types.js';

const PLACEHOLDER = /\[[^\][\n]+\]/g;

/**
 * Renders sections as Markdown and plain text and lists the placeholders left.
 *
 * @example
 * ```ts
 * renderLetter('records_request', [{ heading: 'Request', paragraphs: ['[Patient\'s name]'] }], []).placeholders;
 * // ["[Patient's name]"]
 * ```
 */
export function renderLetter(kind: LetterKind, sections: LetterSection[], citations: string[]): Letter {
  const markdown = sections
    .map((section) => [`## ${section.heading}`, ...section.paragraphs].join('\n\n'))
    .join('\n\n')
    .concat('\n');
  const text = sections
    .map((section) => [section.heading.toUpperCase(), ...section.paragraphs].join('\n\n'))
    .join('\n\n')
    .concat('\n');
  const placeholders = [...new Set(text.match(PLACEHOLDER) ?? [])];
  return { kind, sections, markdown, text, citations: [...new Set(citations)], placeholders };
}

/** Collects the citations a letter uses, each taken from the analysis. */
export class Citations {
  readonly list: string[] = [];
  /** Records `citation` and returns it in parentheses for the text. */
  cite(citation: string): string {
    if (!this.list.includes(citation)) this.list.push(citation);
    return `(${citation})`;
  }
}

/** The checklist item with `id`, when the analysis has one. */
export function itemOf(analysis: CaseAnalysis, id: ChecklistItemId): ChecklistItem | undefined {
  return analysis.checklist.items.find((item) => item.id === id);
}

/**
 * The checklist item a letter is drafted for; a case whose checklist does not call for the letter is refused with
 * `INVALID_INPUT`, saying why and what to send instead.
 */
export function requireItem(analysis: CaseAnalysis, id: ChecklistItemId, refusal: string): ChecklistItem {
  const item = itemOf(analysis, id);
  if (!item) throw refuse(refusal);
  return item;
}

/** The error of a letter the case does not call for. */
export function refuse(message: string): OverturnError {
  return new OverturnError('INVALID_INPUT', [{ path: ['checklist', 'items'], message }]);
}

/** Plain words for each category, for "the denial says …". */
export const CATEGORY_WORDS: Record<DenialCategory, string> = {
  medical_necessity: 'the care is not medically necessary',
  experimental_investigational: 'the care is experimental or investigational',
  level_of_care: 'the care is not needed in this setting or at this level',
  diagnosis_dispute: 'the diagnosis does not support the care',
  frequency_limit: 'the care exceeds the allowed frequency',
  formulary_or_step_therapy: 'the drug is not on the formulary or step therapy was not followed',
  prior_authorization: 'prior authorization was not obtained',
  referral_missing: 'a required referral was missing',
  out_of_network: 'the provider is out of network',
  provider_ineligible: 'the provider is not eligible to be paid for this care',
  duplicate_or_bundled: 'the claim duplicates another or is bundled into another service',
  coding_error: 'the claim has a coding error',
  missing_information: 'information was missing from the claim',
  non_covered_service: 'the service is not covered',
  benefit_limit: 'a benefit limit was reached',
  eligibility: 'the patient was not eligible for coverage on the date of service',
  timely_filing: 'the claim was filed late',
  coordination_of_benefits: 'another plan should pay first',
  unknown: 'of a reason the notice does not make clear',
};

const CRITERIA: [RegExp, string][] = [
  [/^(mcg|milliman)/, 'the MCG (Milliman Care Guidelines) criteria'],
  [/^(interqual|change healthcare)/, 'the InterQual criteria'],
  [/^(local coverage determination|lcd)$/, 'the Local Coverage Determination (LCD)'],
  [/^(local coverage article|billing and coding article)$/, 'the Local Coverage Article'],
  [/^(national coverage determination|ncd)$/, 'the National Coverage Determination (NCD)'],
];

/**
 * The criteria the denial names, from the analysis's "criteria cited" phrase evidence only (never guessed):
 * `['the MCG (Milliman Care Guidelines) criteria']`, or `[]`.
 */
export function criteriaNamed(analysis: CaseAnalysis): string[] {
  const names: string[] = [];
  for (const evidence of analysis.classification.evidence) {
    if (evidence.kind !== 'phrase' || evidence.ruleId !== 'phrase.signal.criteria-cited') continue;
    const value = evidence.value.toLowerCase();
    const name =
      CRITERIA.find(([pattern]) => pattern.test(value))?.[1] ??
      `the ${value.replace(/[[\]]/g, '')} named in the denial`;
    if (!names.includes(name)) names.push(name);
  }
  return names;
}

/** What the denial says, in plain words: "the care is not medically necessary". */
export function categoryWords(analysis: CaseAnalysis): string {
  return CATEGORY_WORDS[analysis.classification.category as DenialCategory] ?? CATEGORY_WORDS.unknown;
}

/** The last day at this level with its weekday and citation: "Sunday 2027-04-04 (29 CFR 2560.503-1(h)(3)(i))". */
export function deadlineWords(analysis: CaseAnalysis, citations: Citations): string {
  const { deadline } = analysis;
  return `${deadline.weekday} ${deadline.deadline} ${citations.cite(deadline.citation)}`;
}

/** The case's ICD-10-CM codes after the condition: " (ICD-10-CM M17.11)", or nothing. */
export function icd10Words(analysis: CaseAnalysis): string {
  const codes = analysis.facts?.icd10;
  return codes?.length ? ` (ICD-10-CM ${codes.join(', ')})` : '';
}

/** Joins `['a', 'b', 'c']` as `a, b and c`. */
export function joinWords(words: string[]): string {
  return words.length < 2 ? (words[0] ?? '') : `${words.slice(0, -1).join(', ')} and ${words.at(-1)}`;
}

/** The names a letter uses, with placeholders for what is missing. */
export function namesOf(parties: LetterParties) {
  return {
    patient: parties.patient?.name ?? "[Patient's name]",
    insurer: parties.insurer?.name ?? '[Insurer]',
    claim: parties.claimNumber ?? '[Claim number]',
  };
}

/** The opening section: date, sender, addressee and subject. */
export function headerSection(
  analysis: CaseAnalysis,
  parties: LetterParties,
  subject: string,
  to?: string,
): LetterSection {
  const names = namesOf(parties);
  return {
    heading: subject,
    paragraphs: [
      `Date: ${analysis.asOf ?? '[Date]'}`,
      `From: ${names.patient}, [Address]`,
      `To: ${to ?? `${names.insurer}, [Insurer's appeals address]`}`,
      `Re: Claim number ${names.claim}; patient ${names.patient}; member ID [Member ID]`,
    ],
  };
}

/** A recipient named by a checklist item's rule, with its address or web page (a placeholder when it has none). */
export function recipientLine(sendTo: { name: string; url?: string; address?: string }): string {
  return `${sendTo.name}, ${sendTo.address ?? sendTo.url ?? '[Address]'}`;
}

/** The line that says the body's own form is enclosed, when the rule names one (CMS-20033, OMHA-100); else none. */
export function formLines(sendTo: { form?: string } | undefined): string[] {
  return sendTo?.form
    ? [`Form ${sendTo.form} is enclosed, completed; this letter explains the request.`]
    : [];
}

/**
 * A note to check each state agency whose row is not confirmed, in brackets so that it is listed among the
 * placeholders and never sent as it is: `[Check before sending: The NC Medicaid Contact Center number was seen …]`.
 */
export function regulatorChecks(analysis: CaseAnalysis): string[] {
  return (analysis.checklist.regulators ?? []).flatMap((regulator) =>
    regulator.warning ? [`[Check before sending: ${regulator.warning.replace(/[[\]]/g, '')}]`] : [],
  );
}

/** The state agencies of the analysis in one line: "the Ohio Department of Insurance (https://…, 1-800-…)". */
export function regulatorLine(analysis: CaseAnalysis): string | undefined {
  const regulators = analysis.checklist.regulators ?? [];
  return regulators.length ? regulatorsInWords(regulators) : undefined;
}

/** The notice's own sentence of reason in quotes, ending the sentence once; a placeholder when the case has none. */
function quoted(reason: string | undefined): string {
  if (!reason) return `"[The insurer's stated reason, quoted from the denial]".`;
  return /[.!?]$/.test(reason) ? `"${reason}"` : `"${reason}".`;
}

/** The denial in one or two sentences: when, why (category and codes) and what the notice relied on. */
export function denialSummary(analysis: CaseAnalysis): string[] {
  const { classification, deadline } = analysis;
  const start = deadline.clockStart;
  const when =
    start.event === 'notice_date'
      ? `in a notice dated ${start.date}`
      : start.presumed
        ? `in a notice presumed received on ${start.date}`
        : `in a notice received on ${start.date}`;
  const codes = classification.evidence
    .filter((evidence) => evidence.kind === 'code')
    .map((evidence) => (evidence.label ? `${evidence.value} (${evidence.label})` : evidence.value));
  const paragraphs = [
    `You denied coverage${analysis.facts?.procedure ? ` of ${analysis.facts.procedure}` : ''} ${when}, stating that ${categoryWords(analysis)}.${codes.length ? ` The notice gives the codes ${joinWords(codes)}.` : ''} The stated reason, in the notice's words: ${quoted(analysis.facts?.denialReason)}`,
  ];
  const criteria = criteriaNamed(analysis);
  if (criteria.length) paragraphs.push(`The denial relies on ${joinWords(criteria)}.`);
  return paragraphs;
}

/** The deadline, the decision time and the next levels, each with its citation from the analysis. */
export function rightsSection(analysis: CaseAnalysis, citations: Citations): LetterSection {
  const { deadline } = analysis;
  const last = deadlineWords(analysis, citations);
  const paragraphs = [
    deadline.status === 'passed'
      ? `The last day to file at this level was ${last}. [Reason for filing late, if any good cause applies]`
      : `The last day to file at this level is ${last}; this letter is sent before it.`,
  ];
  if (deadline.decisionDue)
    paragraphs.push(
      `Please decide within ${deadline.decisionDue.amount} ${deadline.decisionDue.unit} ${citations.cite(deadline.decisionDue.citation)}, and send the decision in writing.`,
    );
  const next = [itemOf(analysis, 'external_review'), itemOf(analysis, 'escalate_to_regulator')].filter(
    (item): item is ChecklistItem => Boolean(item),
  );
  if (next.length) {
    paragraphs.push('If the denial is upheld, I intend to take the next steps open to me:');
    for (const item of next)
      paragraphs.push(`- ${item.title}${item.citation ? ` ${citations.cite(item.citation)}` : ''}.`);
  }
  // The state regulator from the rule data: a copy tells the plan that someone outside is watching.
  const regulators = analysis.checklist.regulators ?? [];
  if (regulators.length)
    paragraphs.push(
      `Copy to: ${regulators.map((regulator) => `${regulator.name}${regulator.phone ? ` (${regulator.phone})` : ''}`).join('; ')}.`,
    );
  paragraphs.push(...regulatorChecks(analysis));
  return { heading: 'Deadlines and my rights', paragraphs };
}

/** The closing: signature. */
export function closingSection(parties: LetterParties): LetterSection {
  return { heading: 'Signature', paragraphs: ['Sincerely,', namesOf(parties).patient, '[Phone] · [Email]'] };
}
