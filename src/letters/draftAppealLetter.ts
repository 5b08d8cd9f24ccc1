import type { CaseAnalysis } from '../analyzeCase/types.js';
import type { DenialCategory } from '../types.js';
import {
  Citations,
  closingSection,
  criteriaNamed,
  denialSummary,
  formLines,
  headerSection,
  itemOf,
  joinWords,
  recipientLine,
  renderLetter,
  rightsSection,
} from './render.js';
import { parseAnalysis, parseEvidence, parseParties } from './schema.js';
import type { Letter, LetterEvidence, LetterParties, LetterSection } from './types.js';

/** What to correct, per administrative category (no facts: placeholders for what only the patient knows). */
const CORRECTIONS: Partial<Record<DenialCategory, string[]>> = {
  coding_error: [
    "The claim was denied for a coding error. The correct codes are [Corrected CPT/HCPCS, ICD-10 codes and modifiers], as shown on the corrected claim [Provider's name] is submitting (enclosed).",
  ],
  missing_information: [
    'The claim was denied because information was missing. Enclosed is the missing information: [The missing information, e.g. records, itemised bill, referral].',
  ],
  prior_authorization: [
    'The claim was denied because no prior authorization was on file. [Keep the one that applies:] authorization was obtained under reference [Authorization number] on [Date of authorization]; or the care was an emergency: [What made it an emergency]; or I ask you to authorize the care after the fact because [Reason it could not be authorized in advance].',
  ],
  referral_missing: [
    'The claim was denied for a missing referral. The referral from [Referring physician] dated [Date] is enclosed.',
  ],
  duplicate_or_bundled: [
    'The claim was denied as a duplicate or as bundled into another service. It is a separate service: [Distinct date of service, modifier or reason it is separately payable].',
  ],
  eligibility: [
    'The claim was denied for eligibility. I was covered on the date of service: [Proof of coverage, e.g. member ID card, enrolment confirmation].',
  ],
  timely_filing: [
    'The claim was denied as filed late. It was filed in time, or the delay was not my fault: [Proof of timely filing or reason for delay].',
  ],
  coordination_of_benefits: [
    'The claim was denied for coordination of benefits. [Information on other coverage, or a statement that there is none] is enclosed.',
  ],
  out_of_network: [
    'The claim was denied as out of network. [Reason in-network rates apply, e.g. emergency, no in-network provider available, network provider at an in-network facility].',
  ],
  provider_ineligible: [
    "The claim was denied because of the provider's status. [Provider's credentialing or enrolment information].",
  ],
  non_covered_service: [
    'The claim was denied as a non-covered service. The plan covers it under [Plan document section and wording].',
  ],
  benefit_limit: [
    'The claim was denied for a benefit limit. [Why the limit was not reached or does not apply].',
  ],
};

/**
 * Drafts the appeal. A clinical denial gets an appeal letter built on the second opinion, the guidelines and the
 * treating physician's letter; an administrative one a correction-and-resubmission letter (kind `correction`).
 * Both end with the deadline, the decision time and the next levels, cited from the analysis. Missing facts
 * stay as placeholders; nothing is invented. Throws `OverturnError('INVALID_INPUT')` on bad parties or evidence.
 *
 * @example
 * ```ts
 * const letter = draftAppealLetter(analyzeCase(caseInput), { patient: { name: 'Jane Doe' } }, {
 *   secondOpinion: { specialistName: 'Dr. Ada Park', examinedOn: '2026-11-20' },
 * });
 * letter.kind; // 'appeal'
 * letter.placeholders; // ['[Claim number]', "[Specialist's conclusions]", …]
 * ```
 */
export function draftAppealLetter(
  analysis: CaseAnalysis,
  parties?: LetterParties,
  evidence?: LetterEvidence,
): Letter {
  const checked = parseAnalysis(analysis);
  const who = parseParties(parties);
  const given = parseEvidence(evidence);
  const citations = new Citations();
  const clinical = checked.classification.disputeKind === 'clinical';
  // Where the filing step's rule names the body and its form (Medicare: the contractor, CMS-20027), use them.
  const filing = itemOf(checked, 'submit_written_appeal');
  const header = headerSection(
    checked,
    who,
    clinical ? 'Appeal of a denial of coverage' : 'Request to correct and reprocess a denied claim',
    filing?.sendTo ? recipientLine(filing.sendTo) : undefined,
  );
  const denial: LetterSection = { heading: 'The denial', paragraphs: denialSummary(checked) };
  const forms = formLines(filing?.sendTo);
  const sections = clinical
    ? [header, denial, ...clinicalSections(checked, who, given, citations, forms)]
    : [header, denial, ...correctionSections(checked, citations, forms)];
  sections.push(rightsSection(checked, citations), closingSection(who));
  return renderLetter(clinical ? 'appeal' : 'correction', sections, citations.list);
}

function clinicalSections(
  analysis: CaseAnalysis,
  parties: LetterParties,
  evidence: LetterEvidence,
  citations: Citations,
  /** Said after the request: the body's own form is enclosed. */
  forms: string[],
): LetterSection[] {
  const opinion = evidence.secondOpinion ?? {};
  const specialist = opinion.specialistName ?? parties.specialist?.name ?? "[Specialist's name]";
  const specialty =
    opinion.specialty ??
    parties.specialist?.specialty ??
    analysis.specialist?.specialty.name ??
    '[Specialty]';
  const board = analysis.specialist?.specialty.board;
  const physician =
    evidence.treatingPhysicianLetter?.physicianName ??
    parties.physician?.name ??
    "[Treating physician's name]";
  const guidelines = evidence.guidelines?.length
    ? evidence.guidelines
    : (analysis.specialist?.guidelines ?? []);
  const criteria = criteriaNamed(analysis);
  const reviewer = itemOf(analysis, 'verify_reviewer_specialty');
  const request = [
    `For these reasons, I ask you to reverse the denial and cover ${analysis.facts?.procedure ?? '[Denied service]'} as requested.`,
    `Please have this appeal decided by a reviewer with appropriate training and experience in ${specialty} who took no part in the first decision${reviewer?.citation ? ` ${citations.cite(reviewer.citation)}` : ''}.`,
  ];
  return [
    {
      heading: 'Independent second opinion',
      paragraphs: [
        `${specialist}, a specialist in ${specialty}${board ? ` (certifying board: ${board}; [Confirm the specialist's board certification])` : " ([Specialist's board certification])"}, with no ties to ${parties.insurer?.name ?? '[Insurer]'}, examined ${parties.patient?.name ?? "[Patient's name]"} on ${opinion.examinedOn ?? '[Date of examination]'} and reviewed the records and the denial. The full report is enclosed.`,
        `Conclusions: ${opinion.conclusions ?? "[Specialist's conclusions]"}`,
      ],
    },
    {
      heading: "Answer to the reviewer's finding",
      paragraphs: [
        "The reviewer found: [The reviewer's specific finding, quoted from the denial or the reviewer's report].",
        `${specialist} answers it: [How the specialist's findings answer the reviewer's finding, point by point].`,
        ...(criteria.length
          ? [
              `Measured against ${joinWords(criteria)}: [Each criterion, and where the records show it is met].`,
            ]
          : []),
      ],
    },
    {
      heading: 'Clinical guidelines',
      paragraphs: guidelines.length
        ? [
            'The care is supported by:',
            ...guidelines.map((guideline) => `- ${guideline}: [The recommendation that applies].`),
          ]
        : ['The care is supported by: [Clinical guidelines relied on, by issuing body].'],
    },
    {
      heading: "Treating physician's letter",
      paragraphs: [
        `The enclosed letter of medical necessity from ${physician}, dated ${evidence.treatingPhysicianLetter?.date ?? '[Date of letter]'}, explains why the care is needed: [Summary of the treating physician's letter].`,
      ],
    },
    { heading: 'Request', paragraphs: [...request, ...forms] },
    {
      heading: 'Enclosures',
      paragraphs: [
        '- The denial notice',
        `- The second-opinion report of ${specialist}`,
        `- The letter of medical necessity from ${physician}`,
        '- The relevant medical records',
      ],
    },
  ];
}

function correctionSections(analysis: CaseAnalysis, citations: Citations, forms: string[]): LetterSection[] {
  const category = analysis.classification.category as DenialCategory;
  const fix = itemOf(analysis, 'fix_and_resubmit');
  const retro = itemOf(analysis, 'request_retro_authorization');
  const paragraphs = [
    ...(CORRECTIONS[category] ?? [
      'The claim was denied for an administrative reason that can be corrected: [What was wrong and the correction].',
    ]),
  ];
  for (const [item, topic] of [
    [fix, 'correcting and resubmitting a claim'],
    [retro, 'authorization after the fact and emergency care'],
  ] as const) {
    if (!item?.citation) continue;
    citations.cite(item.citation);
    paragraphs.push(`On ${topic}, see ${item.citation}.`);
  }
  return [
    { heading: 'What was wrong and the correction', paragraphs },
    {
      heading: 'Request',
      paragraphs: [
        'Please correct the record and reprocess the claim. If you will not, please treat this letter as my appeal of the denial and send me your decision in writing.',
        ...forms,
      ],
    },
    {
      heading: 'Enclosures',
      paragraphs: ['- The denial notice', '- [Corrected claim or supporting documents]'],
    },
  ];
}
