import type { CaseInput } from '../buildChecklist/types.js';
import type { ClassificationEvidence, DenialClassification } from '../types.js';
import type { CaseFacts } from './types.js';

/** The longest reason quoted: a letter quotes a sentence, not the notice. */
const MAX_REASON = 400;

/** White space other than single spaces: where a sentence quoted needs its spaces made single. */
const UNEVEN_SPACE = /[^\S ]|\s\s/;

/**
 * The facts of a case that its letters quote: the denial's own sentence of reason, the procedure, the codes as
 * printed, the dates, the plan type and the state. Nothing is inferred: a fact the case does not hold is absent.
 *
 * @example
 * ```ts
 * caseFacts(input, classification).denialReason;
 * // 'Based on the MCG criteria for knee arthroplasty, the request is not medically necessary: …'
 * ```
 */
export function caseFacts(input: CaseInput, classification: DenialClassification): CaseFacts {
  const facts: CaseFacts = { planType: input.planType };
  // The codes the text quotes, as the classifier read them (their evidence keeps the text's words).
  const quoted = classification.evidence.filter((item) => item.kind === 'code' && item.matched !== undefined);
  const reason = input.denial.text ? reasonSentence(input.denial.text, classification, quoted) : undefined;
  if (reason) facts.denialReason = reason;
  if (input.procedure !== undefined) facts.procedure = input.procedure;
  // The codes as printed, then those the text quotes.
  if (input.denial.codes?.length || quoted.length)
    facts.codes = [...(input.denial.codes ?? []), ...quoted.map((item) => item.value)];
  if (input.noticeDate !== undefined) facts.noticeDate = input.noticeDate;
  if (input.receivedDate !== undefined) facts.receivedDate = input.receivedDate;
  if (input.state !== undefined) facts.state = input.state;
  if (input.condition !== undefined) facts.condition = input.condition;
  if (input.icd10?.length) facts.icd10 = [...input.icd10];
  if (input.funding !== undefined) facts.funding = input.funding;
  if (input.urgent) facts.urgent = true;
  return facts;
}

/**
 * The sentence of the denial's text that states its reason: the first sentence holding a wording the classifier
 * recognised for the answer's category (else for any category), trimmed; where no wording is found, the sentence
 * that quotes a code ("Denied per CO-50."). Undefined when neither is found in a sentence: the letter then keeps its
 * placeholder rather than quote the wrong sentence.
 */
function reasonSentence(
  text: string,
  classification: DenialClassification,
  codes: readonly ClassificationEvidence[],
): string | undefined {
  const wordings = classification.evidence.filter((item) => item.kind === 'phrase');
  if (!wordings.length && !codes.length) return undefined;
  // Split and lowercased once, however many wordings are looked for (analyzeCase runs per request).
  const sentences = text.match(/[^.!?;\n]+[.!?;]*/g) ?? [];
  const lowered = sentences.map((sentence) => sentence.toLowerCase());
  // The answer's wordings first, then the others', then the codes likewise: walked in place, four passes, not
  // filtered into four lists and spread into a fifth (that was a third of this function's own time).
  for (let pass = 0; pass < 4; pass++) {
    const ofAnswer = pass % 2 === 0;
    for (const wording of pass < 2 ? wordings : codes) {
      if ((wording.category === classification.category) !== ofAnswer) continue;
      const words = (wording.matched ?? wording.value).toLowerCase();
      const at = lowered.findIndex((sentence) => sentence.includes(words));
      if (at < 0) continue;
      const sentence = sentences[at] as string;
      // Most sentences hold no run of spaces nor a tab: the replace, a match per space, is for those that do (it
      // was most of this function's time).
      const trimmed = (UNEVEN_SPACE.test(sentence) ? sentence.replace(/\s+/g, ' ') : sentence).trim();
      return trimmed.length > MAX_REASON ? `${trimmed.slice(0, MAX_REASON - 1)}…` : trimmed;
    }
  }
  return undefined;
}
