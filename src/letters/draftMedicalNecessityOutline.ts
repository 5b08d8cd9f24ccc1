import type { CaseAnalysis } from '../analyzeCase/types.js';
import {
  Citations,
  criteriaNamed,
  denialSummary,
  icd10Words,
  itemOf,
  joinWords,
  namesOf,
  renderLetter,
  requireItem,
} from './render.js';
import { parseAnalysis, parseParties } from './schema.js';
import type { Letter, LetterParties, LetterSection } from './types.js';

/**
 * Drafts the outline of a letter of medical necessity for the treating physician to complete and sign: the
 * patient's condition (the case's words and ICD-10-CM codes), the care requested, the denial's own reason to
 * answer, the history and treatments tried, the criteria the denial names (MCG, InterQual, an LCD) point by point,
 * the guidelines (from the specialist recommendation), the alternatives and why they do not fit, and what delay
 * would cost. It is built for a clinical denial: the case's checklist has a `treating_physician_letter` item, whose
 * rule it cites. Everything only the physician knows stays a placeholder.
 *
 * Throws `OverturnError('INVALID_INPUT')` on bad parties, or when the denial is administrative (a corrected claim
 * answers it, not a letter of medical necessity).
 *
 * @example
 * ```ts
 * const letter = draftMedicalNecessityOutline(analyzeCase(caseInput), { physician: { name: 'Dr. Lee' } });
 * letter.kind; // 'medical_necessity_outline'
 * letter.placeholders; // ["[Patient's date of birth]", '[Clinical history: …]', …]
 * ```
 */
export function draftMedicalNecessityOutline(analysis: CaseAnalysis, parties?: LetterParties): Letter {
  const checked = parseAnalysis(analysis);
  const who = parseParties(parties);
  const item = requireItem(
    checked,
    'treating_physician_letter',
    'this denial is administrative: a corrected claim or the missing document answers it, not a letter of medical necessity. Draft the appeal (a correction letter) instead.',
  );
  const citations = new Citations();
  const { patient, insurer, claim } = namesOf(who);
  const physician = who.physician?.name ?? "[Treating physician's name]";
  const facts = checked.facts;
  const condition = facts?.condition ?? '[Diagnosis]';
  const codes = icd10Words(checked) || ' ([ICD-10-CM codes])';
  const service = facts?.procedure ?? '[Requested treatment]';
  const criteria = criteriaNamed(checked);
  const guidelines = checked.specialist?.guidelines ?? [];
  const guidelinesItem = itemOf(checked, 'cite_clinical_guidelines');
  const sections: LetterSection[] = [
    {
      heading: 'Letter of medical necessity',
      paragraphs: [
        `Date: ${checked.asOf ?? '[Date]'}`,
        `From: ${physician}, [Specialty and board certification], [Practice name, address, phone], NPI [NPI]`,
        `To: ${insurer}, [Insurer's appeals address]`,
        `Re: ${patient}, date of birth [Patient's date of birth]; member ID [Member ID]; claim number ${claim}`,
        `This outline was drafted for ${physician} to complete, correct and sign: every bracket is for the physician's own knowledge of the patient${item.citation ? `. The plan must consider what the patient and the physician submit ${citations.cite(item.citation)}` : ''}.`,
      ],
    },
    {
      heading: 'The patient and the care requested',
      paragraphs: [
        `I have treated ${patient} since [Date care began] for ${condition}${codes}. I request coverage of ${service}.`,
      ],
    },
    { heading: 'The denial', paragraphs: denialSummary(checked) },
    {
      heading: 'Clinical history',
      paragraphs: [
        '[Clinical history: symptoms, examination and test results, with dates]',
        '[Treatments tried, with dates, doses and results, and why each was stopped]',
      ],
    },
    {
      heading: 'Why this care is medically necessary',
      paragraphs: [
        `[Why ${service} is appropriate for this patient now, in terms of the findings above]`,
        ...(criteria.length
          ? [
              `Measured against ${joinWords(criteria)}, which the denial relies on: [Each criterion, and where the records show it is met].`,
            ]
          : [
              "[The plan's criteria, once received with the claim file, and where the records show each is met]",
            ]),
        guidelines.length
          ? `Published guidelines support it${guidelinesItem?.citation ? ` ${citations.cite(guidelinesItem.citation)}` : ''}: ${joinWords(guidelines)}: [The recommendation that applies, with its strength of evidence].`
          : '[Published clinical guidelines that support the care, by issuing body]',
        '[Alternatives considered, and why each is unsuitable or was tried and failed]',
        '[What is likely to happen to the patient if the care is delayed or denied]',
        ...(facts?.urgent
          ? [
              `In my opinion, waiting for a standard review could seriously jeopardize ${patient}'s life or health or ability to regain maximum function, for these reasons: [Reasons].`,
            ]
          : []),
      ],
    },
    {
      heading: 'Signature',
      paragraphs: [
        'Sincerely,',
        physician,
        '[Credentials] · [Phone] · [Email]',
        'Enclosed: [Relevant records, test results, and the articles or guidelines cited]',
      ],
    },
  ];
  return renderLetter('medical_necessity_outline', sections, citations.list);
}
