import type { CaseAnalysis } from '../analyzeCase/types.js';
import {
  Citations,
  closingSection,
  deadlineWords,
  denialSummary,
  headerSection,
  namesOf,
  recipientLine,
  regulatorChecks,
  regulatorLine,
  renderLetter,
  requireItem,
} from './render.js';
import { parseAnalysis, parseParties } from './schema.js';
import type { Letter, LetterParties } from './types.js';

/**
 * Drafts the complaint to the body that oversees the plan, as the checklist's `escalate_to_regulator` item names
 * it: the state insurance department or California's DMHC for insured and individual plans (from the state rule
 * data, with its web page and phone), the Department of Labor's EBSA for self-funded ERISA plans, OPM for FEHB,
 * the state Medicaid agency for Medicaid, the State Health Insurance Assistance Program for Medicare, a
 * Beneficiary Counseling and Assistance Coordinator for TRICARE. It states the denial in the case's own words,
 * the appeal deadline and where the appeal stands, and asks for review and help; it cites the item's rule.
 * What only the person knows (what went wrong in the handling, calls made) stays as placeholders.
 *
 * Throws `OverturnError('INVALID_INPUT')` on bad parties, or when the checklist names no one to complain to.
 *
 * @example
 * ```ts
 * const letter = draftRegulatorComplaint(analyzeCase({ ...caseInput, state: 'OH' }), { insurer: { name: 'Acme Health' } });
 * letter.kind; // 'regulator_complaint'
 * letter.text; // 'COMPLAINT ABOUT A DENIED HEALTH INSURANCE CLAIM … To: Ohio Department of Insurance, https://…'
 * ```
 */
export function draftRegulatorComplaint(analysis: CaseAnalysis, parties?: LetterParties): Letter {
  const checked = parseAnalysis(analysis);
  const who = parseParties(parties);
  const item = requireItem(
    checked,
    'escalate_to_regulator',
    'this case names no regulator to complain to: give the plan type (and the state, for an insured or individual plan, or Medicaid)',
  );
  const regulators = regulatorLine(checked);
  const citations = new Citations();
  const to = item.sendTo
    ? recipientLine(item.sendTo)
    : (regulators ?? "[The state agency named in the denial notice's appeal rights], [Address]");
  const { patient, insurer } = namesOf(who);
  const { deadline } = checked;
  const last = deadlineWords(checked, citations);
  const request = [
    `I ask for your help: please look into how ${insurer} handled ${patient}'s claim${item.citation ? ` ${citations.cite(item.citation)}` : ''}, and help us get a fair decision.`,
    `The appeal at this level ${deadline.status === 'passed' ? 'was due by' : 'is due by'} ${last}. [Where the appeal stands: filed on a date, decided, or not yet filed]`,
    "What went wrong in the plan's handling: [e.g. no reason given, criteria or claim file refused, deadlines missed, calls not returned, a reviewer outside the field].",
    'I have kept a log of calls and letters, which is enclosed.',
  ];
  // California splits plans between the DMHC and the Department of Insurance: the person checks which.
  if (item.sendTo && regulators)
    request.push(`[If another agency regulates the plan, send this letter to it instead: ${regulators}]`);
  request.push(...regulatorChecks(checked));
  return renderLetter(
    'regulator_complaint',
    [
      headerSection(checked, who, 'Complaint about a denied health insurance claim', to),
      { heading: 'The plan', paragraphs: planParagraphs(checked, insurer) },
      { heading: 'The denial', paragraphs: denialSummary(checked) },
      { heading: 'What I ask', paragraphs: request },
      {
        heading: 'Enclosures',
        paragraphs: [
          '- The denial notice',
          '- My appeal and any decision on it',
          '- The log of calls and letters',
        ],
      },
      closingSection(who),
    ],
    citations.list,
  );
}

/** The plan in words: the insurer, the kind of coverage, its funding and state as the case gives them. */
function planParagraphs(analysis: CaseAnalysis, insurer: string): string[] {
  const facts = analysis.facts;
  const kind = facts ? PLAN_WORDS[facts.planType] : '[Kind of coverage]';
  const funding =
    facts?.funding === 'self_funded'
      ? ', self-funded by the employer'
      : facts?.funding === 'insured'
        ? ', insured'
        : '';
  return [
    `${insurer}: ${kind}${funding}${facts?.state ? `, in ${facts.state}` : ''}. Member ID [Member ID]; group number [Group number].`,
  ];
}

const PLAN_WORDS: Record<string, string> = {
  employer_erisa: 'an employer health plan (ERISA)',
  employer_non_erisa: 'a government or church employer health plan',
  individual_market: 'an individual health insurance policy',
  medicare_original: 'Original Medicare',
  medicare_advantage: 'a Medicare Advantage plan',
  medicare_part_d: 'a Medicare Part D drug plan',
  medicaid_managed_care: 'a Medicaid managed care plan',
  medicaid_fee_for_service: 'Medicaid',
  fehb: 'a Federal Employees Health Benefits (FEHB) plan',
  tricare: 'TRICARE',
  disability_erisa: 'an employer disability plan (ERISA)',
  erisa_other_benefit: 'an employer benefit plan (ERISA)',
};
