import type { CaseAnalysis } from '../analyzeCase/types.js';
import {
  Citations,
  closingSection,
  criteriaNamed,
  deadlineWords,
  denialSummary,
  headerSection,
  itemOf,
  joinWords,
  renderLetter,
} from './render.js';
import { parseAnalysis, parseParties } from './schema.js';
import type { Letter, LetterParties } from './types.js';

/**
 * Drafts a letter asking for the complete claim file, the criteria relied on and the reviewer's report and
 * credentials, citing the provisions that give that right for the plan type (the analysis's
 * `request_claim_file` item). Missing facts stay as placeholders; nothing is invented. Throws
 * `OverturnError('INVALID_INPUT')` on bad parties.
 *
 * @example
 * ```ts
 * const analysis = analyzeCase(caseInput);
 * const letter = draftRecordsRequest(analysis, { patient: { name: 'Jane Doe' }, claimNumber: 'A-123' });
 * letter.citations; // ['29 CFR 2560.503-1(h)(2)(iii), (m)(8), …', …]
 * console.log(letter.markdown);
 * ```
 */
export function draftRecordsRequest(analysis: CaseAnalysis, parties?: LetterParties): Letter {
  const checked = parseAnalysis(analysis);
  const who = parseParties(parties);
  const citations = new Citations();
  const item = itemOf(checked, 'request_claim_file');
  const free = Boolean(item && /free of charge/i.test(item.title));
  const criteria = criteriaNamed(checked);
  const criteriaLine = criteria.length
    ? `the complete text of ${joinWords(criteria)} the denial relies on, with the specific criteria you found not met, and any other internal rule, guideline, protocol or criterion relied on;`
    : 'any internal rule, guideline, protocol, medical policy or similar criterion relied on in making the decision;';
  const request = [
    `I ask for copies of all documents, records and other information relevant to this claim${free ? ', free of charge' : ''}, including:`,
    '- the complete claim file, including notes, correspondence and records of telephone calls;',
    `- ${criteriaLine}`,
    "- the report of every medical reviewer consulted, with each reviewer's name, specialty and board certification;",
    '- any other information relevant to the claim, whether or not it was relied on in the decision.',
    free ? 'Please send them at no cost to me.' : 'Please tell me in advance of any fee.',
  ];
  if (item?.citation) citations.cite(item.citation);
  const basis = `I make this request under ${item?.citation ?? '[Provision giving the right to the claim file]'}.`;
  return renderLetter(
    'records_request',
    [
      headerSection(checked, who, 'Request for the complete claim file'),
      { heading: 'The denial', paragraphs: denialSummary(checked) },
      { heading: 'What I ask for', paragraphs: request },
      {
        heading: 'Legal basis',
        paragraphs: [
          basis,
          `I am preparing an appeal, due by ${deadlineWords(checked, citations)}; please send these documents promptly.`,
        ],
      },
      closingSection(who),
    ],
    citations.list,
  );
}
