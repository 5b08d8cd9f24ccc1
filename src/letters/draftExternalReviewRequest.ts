import type { CaseAnalysis } from '../analyzeCase/types.js';
import type { ChecklistItem } from '../buildChecklist/types.js';
import type { AppealLevel } from '../types.js';
import {
  Citations,
  closingSection,
  deadlineWords,
  denialSummary,
  formLines,
  headerSection,
  itemOf,
  namesOf,
  recipientLine,
  refuse,
  regulatorChecks,
  regulatorLine,
  renderLetter,
} from './render.js';
import { parseAnalysis, parseParties } from './schema.js';
import type { Letter, LetterParties, LetterSection } from './types.js';

/** The levels at which someone outside the plan decides: the request goes to them, on the deadline computed. */
const INDEPENDENT_LEVELS: ReadonlySet<AppealLevel> = new Set<AppealLevel>([
  'external_review',
  'state_fair_hearing',
  'opm_review',
  'alj_hearing',
  'appeals_council',
]);

/** Medicare's reconsideration is decided outside the plan for these plan types (a QIC; Part D's review entity). */
const INDEPENDENT_RECONSIDERATION: ReadonlySet<string> = new Set(['medicare_original', 'medicare_part_d']);

/** Whether the analysis's own level is decided by someone outside the plan. */
function atIndependentLevel(analysis: CaseAnalysis): boolean {
  const { level } = analysis.deadline;
  if (INDEPENDENT_LEVELS.has(level)) return true;
  return level === 'reconsideration' && INDEPENDENT_RECONSIDERATION.has(analysis.facts?.planType ?? '');
}

/** What the request asks for, by the level it names. */
const LEVEL_WORDS: Partial<Record<AppealLevel, string>> = {
  external_review: 'an independent external review',
  state_fair_hearing: 'a state fair hearing',
  opm_review: 'a review by the U.S. Office of Personnel Management (OPM)',
  reconsideration: 'a reconsideration by an independent reviewer',
  formal_review: 'a formal review',
  alj_hearing: 'a hearing before an Administrative Law Judge',
  appeals_council: 'a review by the Medicare Appeals Council',
};

/**
 * Drafts the request for review by someone outside the plan: federal or state external review for employer and
 * individual plans, a Medicare reconsideration by the Qualified Independent Contractor (naming form CMS-20033),
 * a Part D independent review, a Medicaid state fair hearing, an OPM review for FEHB, a TRICARE second
 * reconsideration. It is addressed to the body the checklist's rule names (the `sendTo` of its `external_review`
 * item), else to the office the final denial notice names, with the state's regulators from the rule data.
 *
 * When the analysis is already at that level (its deadline is for external review, a fair hearing, OPM review, or
 * a Medicare reconsideration, hearing or Appeals Council review), the letter gives that deadline and the decision
 * time with their citations, and goes where the filing step's rule says (the QIC on CMS-20033, OMHA on OMHA-100). Otherwise the request follows the
 * plan's final decision: the letter cites the rule of the `external_review` item and leaves the final decision's
 * date as a placeholder (it is not known yet). Nothing is invented; missing facts stay placeholders.
 *
 * Throws `OverturnError('INVALID_INPUT')` on bad parties; when the plan has no such review (an ERISA disability or
 * life plan: the next step is court); or when the plan sends the case on itself (Medicare Advantage).
 *
 * @example
 * ```ts
 * const letter = draftExternalReviewRequest(analyzeCase(caseInput), { patient: { name: 'Jane Doe' } });
 * letter.kind; // 'external_review_request'
 * letter.citations; // ['45 CFR 147.136(d)(2)(i)', …]
 * ```
 */
export function draftExternalReviewRequest(analysis: CaseAnalysis, parties?: LetterParties): Letter {
  const checked = parseAnalysis(analysis);
  const who = parseParties(parties);
  const { deadline } = checked;
  const atLevel = atIndependentLevel(checked);
  // At the level itself, the filing step's rule says where it goes (Medicare: the QIC, with its form).
  const item = atLevel
    ? (itemOf(checked, 'submit_written_appeal') ?? itemOf(checked, 'external_review'))
    : itemOf(checked, 'external_review');
  if (!atLevel && (!item || item.automatic))
    throw refuse(
      item?.automatic
        ? `no request is needed: ${item.title.toLowerCase()}. ${item.why}`
        : 'this plan has no external review step in its checklist (an ERISA disability or life plan goes to court after the final decision; an administrative denial is corrected and resubmitted): draft the appeal instead.',
    );
  const citations = new Citations();
  const level = atLevel ? deadline.level : nextLevelOf(checked);
  const asked = LEVEL_WORDS[level] ?? 'an independent review';
  const sections: LetterSection[] = [
    headerSection(checked, who, `Request for ${asked}`, addressee(checked, item)),
    { heading: 'The denial', paragraphs: denialSummary(checked) },
    requestSection(checked, who, item, asked, atLevel, citations),
    {
      heading: 'Why the denial should be reversed',
      paragraphs: [
        '[Why the denial is wrong, in a few sentences: the facts and the plan wording or clinical evidence that answer the reason quoted above].',
        ...(checked.classification.secondOpinionHelps
          ? [
              `The enclosed second opinion of ${who.specialist?.name ?? "[Specialist's name]"}, a specialist in ${who.specialist?.specialty ?? checked.specialist?.specialty.name ?? '[Specialty]'}, and the letter of medical necessity from ${who.physician?.name ?? "[Treating physician's name]"} support the care.`,
            ]
          : []),
      ],
    },
    {
      heading: 'Enclosures',
      paragraphs: [
        '- The denial notice and the final decision on my appeal',
        '- My appeal and the documents I sent with it',
        ...(checked.classification.secondOpinionHelps
          ? ['- The second-opinion report', '- The letter of medical necessity']
          : []),
        '- [Any new information for the reviewer]',
      ],
    },
    closingSection(who),
  ];
  return renderLetter('external_review_request', sections, citations.list);
}

/** The level the request asks for when the analysis is still at the plan's own: the deadline's next level, else external review. */
function nextLevelOf(analysis: CaseAnalysis): AppealLevel {
  const next = analysis.deadline.nextLevels[0];
  return next ?? 'external_review';
}

/** To whom: the body the rule names, else the office named in the final notice (with the state's regulators). */
function addressee(analysis: CaseAnalysis, item: ChecklistItem | undefined): string {
  if (item?.sendTo) return recipientLine(item.sendTo);
  if (analysis.deadline.level === 'state_fair_hearing' || analysis.facts?.planType?.startsWith('medicaid')) {
    return regulatorLine(analysis) ?? "[Your state's Medicaid fair hearing office, as named in the notice]";
  }
  return '[The external review office named in the final denial notice], [Address]';
}

function requestSection(
  analysis: CaseAnalysis,
  parties: LetterParties,
  item: ChecklistItem | undefined,
  asked: string,
  atLevel: boolean,
  citations: Citations,
): LetterSection {
  const { deadline } = analysis;
  const { patient, insurer } = namesOf(parties);
  const paragraphs = [
    `I ask for ${asked} of ${insurer}'s decision to deny coverage for ${analysis.facts?.procedure ?? '[Denied service]'} for ${patient}.`,
  ];
  if (atLevel) {
    const last = deadlineWords(analysis, citations);
    paragraphs.push(
      deadline.status === 'passed'
        ? `The last day to ask was ${last}. [Reason for asking late, if good cause applies]`
        : `This request is made by ${last}, the last day to ask.`,
    );
    if (deadline.decisionDue)
      paragraphs.push(
        `Please decide within ${deadline.decisionDue.amount} ${deadline.decisionDue.unit} ${citations.cite(deadline.decisionDue.citation)}, and send the decision in writing.`,
      );
  } else {
    paragraphs.push(
      `${insurer} upheld the denial in its final decision dated [Date of the final decision on the appeal]; this request is made within the time allowed after that decision${item?.citation ? ` ${citations.cite(item.citation)}` : ''}.`,
    );
  }
  paragraphs.push(...formLines(item?.sendTo));
  if (analysis.facts?.urgent)
    paragraphs.push(
      "My doctor says waiting could seriously harm my health: I ask for an expedited review. The doctor's statement is enclosed.",
    );
  const regulators = regulatorLine(analysis);
  if (regulators && !analysis.facts?.planType?.startsWith('medicaid'))
    paragraphs.push(`Copy to: ${regulators}.`);
  if (regulators) paragraphs.push(...regulatorChecks(analysis));
  return { heading: 'Request', paragraphs };
}
