import type { CaseAnalysis } from '../analyzeCase/types.js';
import {
  Citations,
  closingSection,
  denialSummary,
  headerSection,
  namesOf,
  renderLetter,
  requireItem,
  rightsSection,
} from './render.js';
import { parseAnalysis, parseParties } from './schema.js';
import type { Letter, LetterParties } from './types.js';

/**
 * Drafts the request for an expedited (urgent) appeal: the appeal itself, asking that it be decided on the
 * urgent timetable, with the treating physician's statement that waiting could seriously harm the patient. It
 * cites the analysis's `request_expedited_review` item (the rule that gives the right, for the plan type) and
 * asks for the decision within the time the analysis gives (72 hours where the rules say so), with its citation.
 * Missing facts stay as placeholders; nothing is invented.
 *
 * Throws `OverturnError('INVALID_INPUT')` on bad parties, or when the case is not urgent (its checklist has no
 * expedited step): analyse it with `urgent: true` once a doctor says the care is urgent.
 *
 * @example
 * ```ts
 * const letter = draftExpeditedRequest(analyzeCase({ ...caseInput, urgent: true }), { patient: { name: 'Jane Doe' } });
 * letter.kind; // 'expedited_request'
 * letter.text; // '… Please decide within 72 hours (29 CFR 2560.503-1(i)(2)(i); …) …'
 * ```
 */
export function draftExpeditedRequest(analysis: CaseAnalysis, parties?: LetterParties): Letter {
  const checked = parseAnalysis(analysis);
  const who = parseParties(parties);
  const item = requireItem(
    checked,
    'request_expedited_review',
    'this case has no expedited step: an expedited appeal is for urgent care. Analyse the case with urgent: true once a doctor says waiting could seriously harm the patient.',
  );
  const citations = new Citations();
  const { patient } = namesOf(who);
  const physician = who.physician?.name ?? "[Treating physician's name]";
  const service = checked.facts?.procedure ?? '[Denied service]';
  const request = [
    `I appeal this denial and ask that the appeal be handled as urgent (expedited)${item.citation ? ` ${citations.cite(item.citation)}` : ''}.`,
    `${physician}, who treats ${patient}, states that waiting for a standard appeal could seriously jeopardize ${patient}'s life or health or ability to regain maximum function. The statement is enclosed. [The physician's reasons, in a sentence]`,
    `I ask you to reverse the denial and approve ${service}. [What the care is, and why it cannot wait]`,
    'Please call me at [Phone] as soon as the decision is made, and send it in writing.',
  ];
  return renderLetter(
    'expedited_request',
    [
      headerSection(checked, who, 'Request for an expedited (urgent) appeal'),
      { heading: 'The denial', paragraphs: denialSummary(checked) },
      { heading: 'Why this appeal is urgent', paragraphs: request },
      rightsSection(checked, citations),
      closingSection(who),
    ],
    citations.list,
  );
}
