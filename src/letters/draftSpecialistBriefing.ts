import type { CaseAnalysis } from '../analyzeCase/types.js';
import {
  Citations,
  categoryWords,
  criteriaNamed,
  deadlineWords,
  icd10Words,
  joinWords,
  namesOf,
  renderLetter,
  requireItem,
} from './render.js';
import { parseAnalysis, parseParties } from './schema.js';
import type { Letter, LetterParties, LetterSection } from './types.js';

/**
 * Drafts the briefing for the independent specialist asked for a second opinion, from the specialist
 * recommendation and the case's facts: the denial in its own words, the questions the report must answer (the
 * reviewer's finding, the policy's criteria, the guidelines, the care itself, the alternatives: the advocates'
 * guides' list), what the report must be to count (the recommendation's requirements, explained), and the
 * dates: when the report is needed (the `obtain_second_opinion` item) and the appeal deadline, each cited.
 *
 * Throws `OverturnError('INVALID_INPUT')` on bad parties, or when a second opinion cannot change the outcome
 * (the checklist has no `obtain_second_opinion` item: an administrative denial).
 *
 * @example
 * ```ts
 * const letter = draftSpecialistBriefing(analyzeCase(caseInput), { specialist: { name: 'Dr. Ada Park' } });
 * letter.kind; // 'specialist_briefing'
 * letter.text; // '… 1. The reviewer concluded: "…". Do you agree with this conclusion, and if not, why? …'
 * ```
 */
export function draftSpecialistBriefing(analysis: CaseAnalysis, parties?: LetterParties): Letter {
  const checked = parseAnalysis(analysis);
  const who = parseParties(parties);
  const item = requireItem(
    checked,
    'obtain_second_opinion',
    "a second opinion cannot change this denial (it is administrative): fix and resubmit the claim instead; there is no specialist's report to brief.",
  );
  const citations = new Citations();
  const { patient, insurer } = namesOf(who);
  const recommendation = checked.specialist;
  const specialty = who.specialist?.specialty ?? recommendation?.specialty.name ?? '[Specialty]';
  const addressee = who.specialist?.name ?? `[Specialist's name], ${specialty}`;
  const facts = checked.facts;
  const service = facts?.procedure ?? '[Requested treatment]';
  const finding = facts?.denialReason
    ? `: "${facts.denialReason.replace(/[.;]$/, '')}".`
    : ` that ${categoryWords(checked)}: [The reviewer's finding, quoted from the denial or the reviewer's report].`;
  const criteria = criteriaNamed(checked);
  const guidelines = recommendation?.guidelines ?? [];
  const dates = [
    `Please send the written report by ${item.dueDate ?? '[Date the report is needed]'}: the appeal must be filed by ${deadlineWords(checked, citations)}.`,
  ];
  const notes = new Map((recommendation?.notes ?? []).map((note) => [note.id, note.text]));
  const requirements = (recommendation?.requirements ?? []).map(
    (id) => `- ${notes.get(id) ?? id.replaceAll('_', ' ')}`,
  );
  const sections: LetterSection[] = [
    {
      heading: 'Briefing for an independent second opinion',
      paragraphs: [
        `Date: ${checked.asOf ?? '[Date]'}`,
        `From: ${patient}, [Phone] · [Email]`,
        `To: ${addressee}`,
        `Re: ${patient}; ${facts?.condition ?? '[Diagnosis]'}${icd10Words(checked)}; ${service}`,
      ],
    },
    {
      heading: 'Why I am asking you',
      paragraphs: [
        `${insurer} denied coverage of ${service}. I am appealing, and I ask for your independent opinion as a specialist in ${specialty}${recommendation?.specialty.board ? ` (${recommendation.specialty.board})` : ''}. Enclosed are the denial, my medical records${criteria.length ? `, ${joinWords(criteria)}` : ''} and [The reviewer's report, if the plan has sent it].`,
        ...(recommendation?.rationale ? [`Why this specialty: ${recommendation.rationale}`] : []),
        `The plan must take your report into account in deciding the appeal${item.citation ? ` ${citations.cite(item.citation)}` : ''}.`,
      ],
    },
    {
      heading: 'The questions I ask your report to answer',
      paragraphs: [
        `1. The reviewer concluded${finding} Do you agree with this conclusion, and if not, why?`,
        criteria.length
          ? `2. The denial relies on ${joinWords(criteria)} (enclosed). Does my condition meet them, criterion by criterion, and what clinical evidence shows it?`
          : "2. The plan's criteria: [The policy's definition or criteria, once received]. Does my condition meet them, and what clinical evidence shows it?",
        `3. What do recognized clinical guidelines${guidelines.length ? ` (${joinWords(guidelines)})` : ''} say about my diagnosis and ${service}?`,
        `4. Is ${service} medically necessary for my condition, and on what clinical basis?`,
        '5. Are there alternative treatments that would be equally appropriate for me? If the plan proposes alternatives, why are they inadequate in my case?',
      ],
    },
    {
      heading: 'What the report needs to be',
      paragraphs: [
        'A written report, not a short note, answering the questions above, naming the guidelines and literature it relies on. For it to carry weight in the appeal:',
        ...requirements,
      ],
    },
    { heading: 'Dates', paragraphs: dates },
    { heading: 'Thank you', paragraphs: ['Sincerely,', patient] },
  ];
  return renderLetter('specialist_briefing', sections, citations.list);
}
